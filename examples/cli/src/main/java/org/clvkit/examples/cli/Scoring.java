package org.clvkit.examples.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.lifecycle.LifecycleStage;
import org.clvkit.core.lifecycle.StageRules;
import org.clvkit.core.rfm.RfmScorer;
import org.clvkit.core.rfm.RfmSegment;
import org.clvkit.core.rfm.ValueTier;
import org.clvkit.core.rfm.ValueTiers;
import org.clvkit.models.ParallelScorer;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bayes.ParetoGggModel;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;

/**
 * Scores every customer of a summary with fitted models and core's segmentations, through the
 * libraries' column methods: P(alive), expected purchases over the horizon, expected spend per
 * purchase (Gamma-Gamma), CLV over the horizon at the discount rate and margin, lifecycle stage
 * ({@link StageRules}), RFM scores and segment ({@link RfmScorer}, fitted on these customers), and
 * value tier by CLV percentile ({@link ValueTiers}).
 */
final class Scoring {
  /**
   * The settings of a scoring run.
   *
   * @param horizon CLV and expected-purchase horizon in periods (whole when discounting)
   * @param unit the period
   * @param discount discount rate per period
   * @param margin share of spend kept as profit, in [0, 1]
   * @param stages the lifecycle rules, in periods
   * @param rfmLevels RFM score levels
   */
  record Settings(
      double horizon,
      TimeUnit unit,
      double discount,
      double margin,
      StageRules stages,
      int rfmLevels) {
    /** The horizon for sentences: "52 weeks". */
    String horizonText() {
      return Horizon.text(horizon, unit);
    }
  }

  final SummaryTable table;
  final Settings settings;
  final double[] probabilityAlive;
  final double[] expectedPurchases;
  final double[] expectedSpend;
  final double[] clv;
  final LifecycleStage[] stage;
  final int[] recencyScore;
  final int[] frequencyScore;
  final int[] monetaryScore;
  final RfmSegment[] segment;
  final ValueTier[] tier;

  private Scoring(SummaryTable table, Settings settings) {
    int n = table.size();
    this.table = table;
    this.settings = settings;
    probabilityAlive = new double[n];
    expectedPurchases = new double[n];
    expectedSpend = new double[n];
    clv = new double[n];
    stage = new LifecycleStage[n];
    recencyScore = new int[n];
    frequencyScore = new int[n];
    monetaryScore = new int[n];
    segment = new RfmSegment[n];
    tier = new ValueTier[n];
  }

  /**
   * Scores the table.
   *
   * @param table the customers
   * @param purchases the fitted purchase model, in the table's time unit
   * @param spend the fitted spend model, or null (then no spend, CLV or value tier)
   * @param settings horizon, discount, margin, stage rules, RFM levels
   */
  static Scoring score(
      SummaryTable table, PurchaseModel purchases, GammaGammaModel spend, Settings settings) {
    Scoring s = new Scoring(table, settings);
    int n = table.size();
    double[] f = table.frequency;
    double[] r = table.recency;
    double[] a = table.age;
    try {
      purchases.probabilityAlive(f, r, a, s.probabilityAlive, 0, n);
      purchases.conditionalExpectedPurchases(
          settings.horizon(), f, r, a, s.expectedPurchases, 0, n);
      if (spend != null) {
        double[] m = table.monetary("--monetary-column");
        spend.conditionalExpectedSpend(f, m, s.expectedSpend, 0, n);
        double h = settings.horizon();
        if (h == Math.rint(h)) {
          CustomerLifetimeValue.of(purchases, spend, settings.margin())
              .conditionalValue((int) h, settings.discount(), f, r, a, m, s.clv, 0, n);
        } else {
          // undiscounted (checked in ScoreOptions): margin x expected spend x expected purchases
          for (int i = 0; i < n; i++) {
            s.clv[i] = settings.margin() * s.expectedSpend[i] * s.expectedPurchases[i];
          }
        }
      }
      s.segment(spend);
    } catch (ClvArgumentException e) {
      throw SummaryRun.dataError(table.source + " (rows counted from 0 after the header)", e);
    }
    return s;
  }

  /**
   * Scores the table with a Pareto/GGG (whose predictions need each customer's litt, the table's
   * litt column): P(alive) and the expected purchases from {@link ParetoGggModel#predict}, the CLV
   * from its discounted expected purchases times the Gamma-Gamma's expected spend and the margin,
   * over {@code threads} row ranges (the values do not depend on them).
   *
   * @param table the customers, with a litt column
   * @param purchases the Pareto/GGG, in the table's time unit
   * @param spend the fitted spend model, or null (then no spend, CLV or value tier)
   * @param settings horizon, discount, margin, stage rules, RFM levels
   * @param threads row ranges scored in parallel, &gt;= 1
   */
  static Scoring score(
      SummaryTable table,
      ParetoGggModel purchases,
      GammaGammaModel spend,
      Settings settings,
      int threads) {
    Scoring s = new Scoring(table, settings);
    int n = table.size();
    double[] f = table.frequency;
    double[] r = table.recency;
    double[] a = table.age;
    double[] l = table.litt;
    double h = settings.horizon();
    ExecutorService pool = Workers.pool("score", threads);
    try {
      ParallelScorer scorer = ParallelScorer.of(pool, threads);
      boolean whole = h == Math.rint(h);
      double[] discounted = spend != null && whole ? new double[n] : null;
      if (discounted != null) {
        // One quadrature and one set of draws per customer for all three columns.
        scorer.run(
            n,
            (from, to) ->
                purchases.predict(
                    (int) h,
                    settings.discount(),
                    f,
                    r,
                    a,
                    l,
                    s.probabilityAlive,
                    s.expectedPurchases,
                    discounted,
                    from,
                    to));
      } else {
        scorer.run(
            n,
            (from, to) ->
                purchases.predict(
                    h, f, r, a, l, s.probabilityAlive, s.expectedPurchases, from, to));
      }
      if (spend != null) {
        double[] m = table.monetary("--monetary-column");
        spend.conditionalExpectedSpend(f, m, s.expectedSpend, 0, n);
        for (int i = 0; i < n; i++) {
          // undiscounted for a fractional horizon (checked in ScoreOptions)
          double purchasesValue = discounted != null ? discounted[i] : s.expectedPurchases[i];
          s.clv[i] = settings.margin() * s.expectedSpend[i] * purchasesValue;
        }
      }
      s.segment(spend);
    } catch (ClvArgumentException e) {
      throw SummaryRun.dataError(table.source + " (rows counted from 0 after the header)", e);
    } finally {
      pool.shutdownNow();
    }
    return s;
  }

  /** Value tiers (with a spend model), lifecycle stages and RFM segments. */
  private void segment(GammaGammaModel spend) {
    int n = table.size();
    double[] f = table.frequency;
    double[] a = table.age;
    double[] r = table.recency;
    Scoring s = this;
    if (spend != null) {
      ValueTiers tiers = ValueTiers.fit(s.clv);
      tiers.tiers(s.clv, 0, n, s.tier);
    }
    double[] count = new double[n];
    double[] sinceLast = new double[n];
    for (int i = 0; i < n; i++) {
      count[i] = f[i] + 1;
      sinceLast[i] = Math.max(0, a[i] - r[i]);
    }
    int[] stages = new int[n];
    settings.stages().assign(count, a, sinceLast, 0, n, stages);
    LifecycleStage[] all = LifecycleStage.values();
    for (int i = 0; i < n; i++) {
      s.stage[i] = all[stages[i]];
    }
    double[] money = table.totalSpend != null ? table.totalSpend : table.monetary;
    if (money == null) {
      money = new double[n];
    }
    RfmScorer rfm = RfmScorer.fit(sinceLast, f, money, settings.rfmLevels());
    rfm.score(sinceLast, f, money, 0, n, s.recencyScore, s.frequencyScore, s.monetaryScore);
    rfm.segments(sinceLast, f, money, 0, n, s.segment);
  }

  boolean hasSpend() {
    return tier[0] != null;
  }

  /** Customers per lifecycle stage, in stage order. */
  Map<LifecycleStage, Integer> stageCounts() {
    Map<LifecycleStage, Integer> counts = new EnumMap<>(LifecycleStage.class);
    for (LifecycleStage st : LifecycleStage.values()) {
      counts.put(st, 0);
    }
    for (LifecycleStage st : stage) {
      counts.merge(st, 1, Integer::sum);
    }
    return counts;
  }

  /** Customers per RFM segment, in segment order. */
  Map<RfmSegment, Integer> segmentCounts() {
    Map<RfmSegment, Integer> counts = new EnumMap<>(RfmSegment.class);
    for (RfmSegment sg : RfmSegment.values()) {
      counts.put(sg, 0);
    }
    for (RfmSegment sg : segment) {
      counts.merge(sg, 1, Integer::sum);
    }
    return counts;
  }

  /**
   * Writes one row per customer: {@code customer_id, frequency, recency, age, p_alive,
   * expected_purchases, [expected_spend, clv,] lifecycle_stage, rfm_score, rfm_segment,
   * [value_tier]}.
   */
  void write(AtomicOutput out, boolean escapeFormulas) {
    write(out, escapeFormulas, null);
  }

  /**
   * Writes the scores as {@link #write(AtomicOutput, boolean)}, and with {@code intervals} the 90 %
   * interval of the expected purchases and of the CLV after each: {@code expected_purchases_lower,
   * expected_purchases_upper}, {@code clv_lower, clv_upper}.
   */
  void write(AtomicOutput out, boolean escapeFormulas, ReportIntervals.Result intervals) {
    boolean money = hasSpend();
    boolean bands = intervals != null && money;
    Path file = out.target();
    try {
      CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out.writer());
      if (bands) {
        csv.writeRecord(
            "customer_id",
            "frequency",
            "recency",
            "age",
            "p_alive",
            "expected_purchases",
            "expected_purchases_lower",
            "expected_purchases_upper",
            "expected_spend",
            "clv",
            "clv_lower",
            "clv_upper",
            "lifecycle_stage",
            "rfm_score",
            "rfm_segment",
            "value_tier");
      } else if (money) {
        csv.writeRecord(
            "customer_id",
            "frequency",
            "recency",
            "age",
            "p_alive",
            "expected_purchases",
            "expected_spend",
            "clv",
            "lifecycle_stage",
            "rfm_score",
            "rfm_segment",
            "value_tier");
      } else {
        csv.writeRecord(
            "customer_id",
            "frequency",
            "recency",
            "age",
            "p_alive",
            "expected_purchases",
            "lifecycle_stage",
            "rfm_score",
            "rfm_segment");
      }
      String[] row = new String[bands ? 16 : money ? 12 : 9];
      for (int i = 0; i < table.size(); i++) {
        int k = 0;
        row[k++] = CsvOutputOptions.cell(table.ids[i], escapeFormulas);
        row[k++] = Double.toString(table.frequency[i]);
        row[k++] = Double.toString(table.recency[i]);
        row[k++] = Double.toString(table.age[i]);
        row[k++] = Double.toString(probabilityAlive[i]);
        row[k++] = Double.toString(expectedPurchases[i]);
        if (bands) {
          row[k++] = Double.toString(intervals.purchasesLower[i]);
          row[k++] = Double.toString(intervals.purchasesUpper[i]);
        }
        if (money) {
          row[k++] = Double.toString(expectedSpend[i]);
          row[k++] = Double.toString(clv[i]);
        }
        if (bands) {
          row[k++] = Double.toString(intervals.valueLower[i]);
          row[k++] = Double.toString(intervals.valueUpper[i]);
        }
        row[k++] = stage[i].name();
        row[k++] =
            Integer.toString(100 * recencyScore[i] + 10 * frequencyScore[i] + monetaryScore[i]);
        row[k++] = segment[i].name();
        if (money) {
          row[k] = tier[i].name();
        }
        csv.writeRecord(row);
        out.row();
      }
      csv.flush();
    } catch (IOException | UncheckedIOException e) {
      throw new CliException(
          ExitCodes.IO, (file == null ? "stdout" : file) + ": cannot write: " + e.getMessage(), e);
    }
  }
}
