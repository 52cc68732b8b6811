package org.clvkit.examples.quickstart;

import java.util.List;
import java.util.Locale;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;

/**
 * Scores customers as a service would: summarise the transaction log per customer (in weeks, up to
 * the end of the data), fit a BG/NBD purchase model and a Gamma-Gamma spend model once, then ask
 * for each customer the probability of being alive, the expected purchases and the CLV over the
 * next year. The fitted models are immutable and thread-safe: fit once, share them, score anywhere.
 *
 * <p>A service that fits offline builds the same models from stored parameters instead: {@code
 * BgNbdModel.of(new BgNbdParameters(r, alpha, a, b))} and {@code GammaGammaModel.of(new
 * GammaGammaParameters(p, q, gamma))}.
 */
public final class CustomerScoring {
  /**
   * Customer summaries in weeks over all the data: purchases up to and including {@link
   * Quickstart#OBSERVATION_END}, same-day purchases merged, the eight $0.00 purchases kept.
   */
  public static final SummaryOptions WEEKS_TO_END =
      SummaryOptions.of(TimeScale.WEEKS, Quickstart.OBSERVATION_END.plusDays(1))
          .withZeroAmounts(RowPolicy.KEEP);

  /**
   * The customers scored: a typical repeat buyer (0001), a one-time buyer (0003), two frequent
   * buyers (0006, 1516) and the customer the simple report ranks first (1901), who bought 22 times
   * in the first five weeks and never again.
   */
  public static final List<String> CUSTOMERS = List.of("0001", "0003", "0006", "1516", "1901");

  /** The horizon of the forecast, in weeks. */
  public static final int HORIZON_WEEKS = 52;

  /** The discount rate per year; the weekly rate is {@code (1 + rate)^(1/52) - 1}. */
  public static final double ANNUAL_DISCOUNT = 0.10;

  /** The share of spend that is profit. */
  public static final double MARGIN = 0.30;

  private CustomerScoring() {}

  /** The weekly discount rate equivalent to {@link #ANNUAL_DISCOUNT}. */
  public static double weeklyDiscount() {
    return Math.pow(1 + ANNUAL_DISCOUNT, 1.0 / 52) - 1;
  }

  /**
   * The scoring part of the quickstart's report.
   *
   * @return the text, lines ending with {@code \n}
   */
  public static String report() {
    CustomerSummaries s = Quickstart.cdnowSummaries(WEEKS_TO_END);
    double[] frequency = s.frequency();
    double[] recency = s.recency();
    double[] age = s.age();
    double[] monetaryValue = s.monetaryValue();

    // Fit once. BG/NBD on (frequency, recency, age); Gamma-Gamma on the repeat customers' spend.
    BgNbdModel purchases = BgNbdFitter.create().fit(frequency, recency, age);
    GammaGammaModel spend = GammaGammaFitter.create().fit(frequency, monetaryValue);
    CustomerLifetimeValue clv = CustomerLifetimeValue.of(purchases, spend, MARGIN);
    BgNbdParameters b = purchases.parameters();
    GammaGammaParameters g = spend.parameters();

    StringBuilder out = new StringBuilder();
    line(out, "Scoring customers with BG/NBD and Gamma-Gamma (clv-models)");
    line(
        out,
        "fitted on all %,d customers' purchases to %s, in weeks; CLV = %.0f%% margin x expected",
        s.size(),
        Quickstart.OBSERVATION_END,
        MARGIN * 100);
    line(
        out,
        "spend over the next %d weeks, discounted at %.0f%% a year (%.4f%% a week)",
        HORIZON_WEEKS,
        ANNUAL_DISCOUNT * 100,
        weeklyDiscount() * 100);
    line(out, "  BG/NBD       r %.4f, alpha %.4f, a %.4f, b %.4f", b.r(), b.alpha(), b.a(), b.b());
    line(out, "  Gamma-Gamma  p %.4f, q %.4f, gamma %.4f", g.p(), g.q(), g.gamma());
    line(out, "");
    line(
        out,
        "%-8s %8s %8s %8s %10s %8s %10s %9s",
        "customer",
        "repeats",
        "recency",
        "age",
        "avg spend",
        "P(alive)",
        "purchases",
        "CLV");
    for (String id : CUSTOMERS) {
      int i = s.indexOf(id);
      double x = frequency[i];
      double tx = recency[i];
      double t = age[i];
      double m = monetaryValue[i];
      line(
          out,
          "%-8s %8.0f %8.2f %8.2f %10.2f %8.3f %10.3f %9.2f",
          id,
          x,
          tx,
          t,
          m,
          purchases.probabilityAlive(x, tx, t),
          purchases.conditionalExpectedPurchases(HORIZON_WEEKS, x, tx, t),
          clv.conditionalValue(HORIZON_WEEKS, weeklyDiscount(), x, tx, t, m));
    }
    line(
        out,
        "(repeats: purchases after the first; recency: weeks from the first to the last purchase;");
    line(out, " age: weeks since the first purchase; avg spend: mean of the repeat purchases;");
    line(out, " purchases and CLV: expected over the next %d weeks)", HORIZON_WEEKS);
    return out.toString();
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
