package org.clvkit.models.simulation;

import java.util.Locale;
import java.util.SplittableRandom;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.bgnbd.BgNbdSimulator;
import org.clvkit.models.cnbd.CnbdParameters;
import org.clvkit.models.cnbd.CnbdSimulator;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.gammagamma.GammaGammaSimulator;
import org.clvkit.models.mbgnbd.MbgNbdParameters;
import org.clvkit.models.mbgnbd.MbgNbdSimulator;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.models.paretonbd.ParetoNbdSimulator;

/**
 * A seeded generator of synthetic customer bases of any size: customers acquired over an
 * acquisition period and observed to a common end, whose purchases follow a purchase model (BG/NBD,
 * MBG/NBD, Pareto/NBD, MBG/CNBD-k or BG/CNBD-k) and whose spend follows the Gamma-Gamma model. It
 * gives either the per-customer summaries ({@link #customers(int, double)}) or the transaction log
 * behind them ({@link #transactions(int, double)}), in primitive columns. Immutable and
 * thread-safe; the same seed gives the same customers on every machine, and the two methods with
 * the same arguments describe the same customers.
 *
 * <p><b>How customers are drawn.</b> Time runs in the parameters' period from an origin 0. Customer
 * i (numbered in order of acquisition) makes a first purchase at the i-th of {@code count} ordered
 * uniform times on [0, acquisitionPeriod] (all at 0 by default), and is observed until {@code
 * observationEnd}, so that their age is T = observationEnd − acquisition time. Their repeat
 * purchases in (0, T] after the first are drawn by {@link BgNbdSimulator}, {@link MbgNbdSimulator},
 * {@link ParetoNbdSimulator} or {@link CnbdSimulator} for those ages; the value of each of their x
 * + 1 purchases, the first included, by {@link GammaGammaSimulator} (one spend rate ν ~ Gamma(q, γ)
 * per customer and values z ~ Gamma(p, ν)). The summary's monetary value is the mean of the x
 * repeat values, 0 when x = 0, as the Gamma-Gamma model and {@code SummaryAccumulator} define it.
 *
 * <p><b>Cost.</b> About a second for 1,000,000 BG/NBD customers with the CDNOW parameters on one
 * core (the purchase and spend simulators dominate), and 40 bytes per transaction for the log.
 *
 * <pre>{@code
 * SyntheticCustomerBase base =
 *     SyntheticCustomerBase.bgNbd(
 *             new BgNbdParameters(0.243, 4.414, 0.793, 2.426),
 *             new GammaGammaParameters(6.25, 3.74, 15.44),
 *             42)
 *         .withAcquisitionPeriod(12);
 * SimulatedTransactions log = base.transactions(1_000_000, 78); // weeks
 * }</pre>
 */
public final class SyntheticCustomerBase {
  private enum Kind {
    BG_NBD("BG/NBD"),
    MBG_NBD("MBG/NBD"),
    PARETO_NBD("Pareto/NBD"),
    MBG_CNBD("MBG/CNBD-k"),
    BG_CNBD("BG/CNBD-k");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** The most transactions one log holds (its columns are arrays). */
  static final int MAX_TRANSACTIONS = Integer.MAX_VALUE - 8;

  private final Kind kind;
  private final Record purchases;
  private final GammaGammaParameters spend;
  private final long seed;
  private final double acquisitionPeriod;

  private SyntheticCustomerBase(
      Kind kind, Record purchases, GammaGammaParameters spend, long seed, double period) {
    this.kind = kind;
    this.purchases = Checks.notNull("purchases", purchases);
    this.spend = Checks.notNull("spend", spend);
    this.seed = seed;
    this.acquisitionPeriod = period;
  }

  /**
   * Customers whose purchases follow the BG/NBD.
   *
   * @param purchases the purchase model's parameters, in the period of all times
   * @param spend the spend model's parameters
   * @param seed the seed of every draw
   */
  public static SyntheticCustomerBase bgNbd(
      BgNbdParameters purchases, GammaGammaParameters spend, long seed) {
    return new SyntheticCustomerBase(Kind.BG_NBD, purchases, spend, seed, 0);
  }

  /**
   * Customers whose purchases follow the MBG/NBD.
   *
   * @param purchases the purchase model's parameters, in the period of all times
   * @param spend the spend model's parameters
   * @param seed the seed of every draw
   */
  public static SyntheticCustomerBase mbgNbd(
      MbgNbdParameters purchases, GammaGammaParameters spend, long seed) {
    return new SyntheticCustomerBase(Kind.MBG_NBD, purchases, spend, seed, 0);
  }

  /**
   * Customers whose purchases follow the Pareto/NBD.
   *
   * @param purchases the purchase model's parameters, in the period of all times
   * @param spend the spend model's parameters
   * @param seed the seed of every draw
   */
  public static SyntheticCustomerBase paretoNbd(
      ParetoNbdParameters purchases, GammaGammaParameters spend, long seed) {
    return new SyntheticCustomerBase(Kind.PARETO_NBD, purchases, spend, seed, 0);
  }

  /**
   * Customers whose purchases follow the MBG/CNBD-k (Erlang-k inter-purchase times).
   *
   * @param purchases the purchase model's parameters, in the period of all times
   * @param spend the spend model's parameters
   * @param seed the seed of every draw
   */
  public static SyntheticCustomerBase mbgCnbd(
      CnbdParameters purchases, GammaGammaParameters spend, long seed) {
    return new SyntheticCustomerBase(Kind.MBG_CNBD, purchases, spend, seed, 0);
  }

  /**
   * Customers whose purchases follow the BG/CNBD-k (Erlang-k inter-purchase times).
   *
   * @param purchases the purchase model's parameters, in the period of all times
   * @param spend the spend model's parameters
   * @param seed the seed of every draw
   */
  public static SyntheticCustomerBase bgCnbd(
      CnbdParameters purchases, GammaGammaParameters spend, long seed) {
    return new SyntheticCustomerBase(Kind.BG_CNBD, purchases, spend, seed, 0);
  }

  /**
   * This generator with first purchases spread uniformly over {@code [0, length]} (0, the default,
   * acquires every customer at time 0, a single cohort).
   *
   * @param length the acquisition period, finite and &gt;= 0, in the parameters' period
   */
  public SyntheticCustomerBase withAcquisitionPeriod(double length) {
    Checks.nonNegative("acquisitionPeriod", length);
    return new SyntheticCustomerBase(kind, purchases, spend, seed, length);
  }

  /**
   * The purchase model's name: {@code "BG/NBD"}, {@code "MBG/NBD"}, {@code "Pareto/NBD"}, {@code
   * "MBG/CNBD-k"} or {@code "BG/CNBD-k"}.
   */
  public String purchaseModel() {
    return kind.label;
  }

  /** The purchase model's parameters (a {@code BgNbdParameters}, ... record). */
  public Record purchaseParameters() {
    return purchases;
  }

  /** The spend model's parameters. */
  public GammaGammaParameters spendParameters() {
    return spend;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** The acquisition period (0 for a single cohort). */
  public double acquisitionPeriod() {
    return acquisitionPeriod;
  }

  /**
   * The summaries of {@code count} customers observed until {@code observationEnd}.
   *
   * @param count number of customers, &gt; 0
   * @param observationEnd end of observation, finite and &gt;= the acquisition period
   */
  public SimulatedCustomers customers(int count, double observationEnd) {
    Draw draw = draw(count, observationEnd, false);
    return new SimulatedCustomers(
        draw.acquired,
        draw.histories.frequencyColumn(),
        draw.histories.recencyColumn(),
        draw.ages,
        draw.monetaryValue,
        observationEnd,
        draw.times == null ? null : CnbdSimulator.litt(draw.times));
  }

  /**
   * The transaction log of the same customers as {@link #customers(int, double)}: one row per
   * purchase, the first included, ordered by customer and then by time.
   *
   * @param count number of customers, &gt; 0
   * @param observationEnd end of observation, finite and &gt;= the acquisition period
   * @throws org.clvkit.core.ClvArgumentException if the log would exceed {@value #MAX_TRANSACTIONS}
   *     rows
   */
  public SimulatedTransactions transactions(int count, double observationEnd) {
    Draw draw = draw(count, observationEnd, true);
    long rows = count;
    for (double[] times : draw.times) {
      rows += times.length;
    }
    Checks.atMost("transactions", rows, MAX_TRANSACTIONS);
    int n = (int) rows;
    int[] customer = new int[n];
    double[] time = new double[n];
    double[] amount = new double[n];
    int k = 0;
    for (int i = 0; i < count; i++) {
      double[] repeat = draw.times[i];
      double[] values = draw.values[i];
      double start = draw.acquired[i];
      customer[k] = i;
      time[k] = start;
      amount[k] = values[0];
      k++;
      for (int j = 0; j < repeat.length; j++) {
        customer[k] = i;
        time[k] = start + repeat[j];
        amount[k] = values[j + 1];
        k++;
      }
    }
    return new SimulatedTransactions(customer, time, amount, count, observationEnd);
  }

  /** Everything drawn for one call. */
  private static final class Draw {
    double[] acquired;
    double[] ages;
    CustomerHistories histories;
    double[][] times;
    double[][] values;
    double[] monetaryValue;
  }

  private Draw draw(int count, double observationEnd, boolean withTimes) {
    Checks.positive("count", count);
    Checks.finite("observationEnd", observationEnd);
    Checks.atMost("acquisitionPeriod", acquisitionPeriod, "observationEnd", observationEnd);
    SplittableRandom root = new SplittableRandom(seed);
    long acquisitionSeed = root.nextLong();
    long purchaseSeed = root.nextLong();
    long spendSeed = root.nextLong();
    Draw draw = new Draw();
    draw.acquired = orderedUniforms(count, acquisitionPeriod, acquisitionSeed);
    draw.ages = new double[count];
    for (int i = 0; i < count; i++) {
      draw.ages[i] = Math.max(0, observationEnd - draw.acquired[i]);
    }
    double[] frequency;
    if (withTimes || kind != Kind.PARETO_NBD) {
      draw.times = purchaseTimes(purchaseSeed, draw.ages);
      frequency = new double[count];
      for (int i = 0; i < count; i++) {
        frequency[i] = draw.times[i].length;
      }
    } else {
      draw.histories =
          ParetoNbdSimulator.of((ParetoNbdParameters) purchases, purchaseSeed).histories(draw.ages);
      frequency = draw.histories.frequencyColumn();
    }
    if (draw.histories == null) {
      double[] recency = new double[count];
      for (int i = 0; i < count; i++) {
        double[] t = draw.times[i];
        recency[i] = t.length == 0 ? 0 : t[t.length - 1];
      }
      draw.histories = CustomerHistories.of(frequency, recency, draw.ages);
    }
    // x + 1 values per customer: the first purchase's, then the repeat purchases'.
    double[] purchasesPerCustomer = new double[count];
    for (int i = 0; i < count; i++) {
      purchasesPerCustomer[i] = frequency[i] + 1;
    }
    draw.values =
        GammaGammaSimulator.of(spend).simulateTransactionValues(purchasesPerCustomer, spendSeed);
    draw.monetaryValue = new double[count];
    for (int i = 0; i < count; i++) {
      double[] v = draw.values[i];
      double sum = 0;
      for (int j = 1; j < v.length; j++) {
        sum += v[j];
      }
      draw.monetaryValue[i] = v.length == 1 ? 0 : sum / (v.length - 1);
    }
    return draw;
  }

  private double[][] purchaseTimes(long purchaseSeed, double[] ages) {
    switch (kind) {
      case BG_NBD:
        return BgNbdSimulator.of((BgNbdParameters) purchases, purchaseSeed).purchaseTimes(ages);
      case MBG_NBD:
        return MbgNbdSimulator.of((MbgNbdParameters) purchases, purchaseSeed).purchaseTimes(ages);
      case MBG_CNBD:
        return CnbdSimulator.mbgCnbd((CnbdParameters) purchases, purchaseSeed).purchaseTimes(ages);
      case BG_CNBD:
        return CnbdSimulator.bgCnbd((CnbdParameters) purchases, purchaseSeed).purchaseTimes(ages);
      default:
        return ParetoNbdSimulator.of((ParetoNbdParameters) purchases, purchaseSeed)
            .purchaseTimes(ages);
    }
  }

  /**
   * {@code n} ordered uniform times on [0, length], from normalised partial sums of n + 1
   * exponential spacings (Devroye 1986, "Non-uniform random variate generation", section 5.2): no
   * sort needed.
   */
  static double[] orderedUniforms(int n, double length, long seed) {
    double[] out = new double[n];
    if (length == 0) {
      return out;
    }
    SplittableRandom random = new SplittableRandom(seed);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += -Math.log(1 - random.nextDouble());
      out[i] = sum;
    }
    sum += -Math.log(1 - random.nextDouble());
    double scale = length / sum;
    for (int i = 0; i < n; i++) {
      out[i] = Math.min(length, out[i] * scale);
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "SyntheticCustomerBase[%s %s, Gamma-Gamma %s, acquisition period %s, seed %d]",
        kind.label,
        purchases,
        spend,
        acquisitionPeriod,
        seed);
  }
}
