package org.clvkit.examples.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitSettings;
import org.clvkit.models.ModelType;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.uncertainty.Bootstrap;
import org.clvkit.models.uncertainty.Interval;
import org.clvkit.models.uncertainty.Intervals;
import org.clvkit.models.uncertainty.ParameterCovariance;

/**
 * The report's 90 % intervals, from the library's {@code org.clvkit.models.uncertainty}: draws of
 * the purchase and spend parameters from their asymptotic normal distributions (the fits' observed
 * information; the two models are fitted separately, so their draws are independent), and, with
 * {@code --bootstrap N}, N refits of both models on customers resampled with replacement. Totals,
 * segment totals and per-customer values are computed under every draw and the 5 % and 95 %
 * percentiles taken.
 */
final class ReportIntervals {
  /** The coverage of every interval in the report. */
  static final double LEVEL = 0.90;

  /** A purchase model with a spend model, one draw. */
  record Draw(PurchaseModel purchases, GammaGammaModel spend) {}

  /** The intervals of one method. */
  static final class Result {
    final String method;
    final int draws;
    Interval purchases;
    Interval value;

    /** [dimension][segment]. */
    Interval[][] segmentPurchases;

    Interval[][] segmentValue;
    final double[] purchasesLower;
    final double[] purchasesUpper;
    final double[] valueLower;
    final double[] valueUpper;

    Result(String method, int draws, int n) {
      this.method = method;
      this.draws = draws;
      purchasesLower = new double[n];
      purchasesUpper = new double[n];
      valueLower = new double[n];
      valueUpper = new double[n];
    }
  }

  /** Customers × draws up to which every draw's values are kept (2 × 8 bytes each). */
  static final long KEEP_LIMIT = 4_000_000;

  private ReportIntervals() {}

  /** Draws from the asymptotic normal of both fits' log-parameters, seeded. */
  static List<Draw> parameterDraws(
      PurchaseModel purchases, GammaGammaModel spend, SummaryTable table, int draws, long seed) {
    ParameterCovariance p = ParameterCovariance.of(purchases, table.histories());
    ParameterCovariance s =
        ParameterCovariance.of(spend, table.frequency, table.monetary("--monetary-column"));
    List<PurchaseModel> ps = p.sampleModels(purchases, draws, seed);
    List<GammaGammaModel> ss = s.sampleSpendModels(draws, seed + 1);
    List<Draw> out = new ArrayList<>(draws);
    for (int d = 0; d < draws; d++) {
      out.add(new Draw(ps.get(d), ss.get(d)));
    }
    return out;
  }

  /** Refits of both models on bootstrap replicates of the customers, seeded. */
  static List<Draw> bootstrapDraws(
      ModelType<? extends PurchaseModel> kind,
      SummaryTable table,
      int replicates,
      long seed,
      FitSettings settings,
      FitSettings spendSettings) {
    int n = table.size();
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    double[] m = table.monetary("--monetary-column");
    // the refits start from one point: the replicates are close to the data
    FitSettings fast = settings.withStarts(1);
    FitSettings fastSpend = spendSettings.withStarts(1);
    List<Draw> out = new ArrayList<>(replicates);
    for (int k = 0; k < replicates; k++) {
      double[] w = Bootstrap.weights(ones, k, seed);
      CustomerHistories h = CustomerHistories.of(table.frequency, table.recency, table.age, w);
      PurchaseModel p = kind.fitter().withSettings(fast).fit(h);
      GammaGammaModel s =
          GammaGammaModel.TYPE.fitter().withSettings(fastSpend).fit(h.withMonetaryValue(m));
      out.add(new Draw(p, s));
    }
    return out;
  }

  /**
   * Intervals of the totals, the segments' totals and every customer's expected purchases and
   * value.
   *
   * @param method the method's name for the page
   * @param draws the draws
   * @param point the fitted models' per-customer expected purchases and value
   * @param segments [dimension][customer] segment index, and the segment counts
   */
  static Result compute(
      String method,
      List<Draw> draws,
      SummaryTable table,
      Scoring.Settings settings,
      double[] pointPurchases,
      double[] pointValue,
      int[][] segments,
      int[] segmentCounts) {
    int n = table.size();
    int d = draws.size();
    double[] f = table.frequency;
    double[] r = table.recency;
    double[] a = table.age;
    double[] m = table.monetary("--monetary-column");
    int horizon = (int) Math.rint(settings.horizon());
    Result out = new Result(method, d, n);
    double[] purchases = new double[n];
    double[] value = new double[n];
    double[] totalPurchases = new double[d];
    double[] totalValue = new double[d];
    int dims = segments.length;
    double[][][] segPurchases = new double[dims][][];
    double[][][] segValue = new double[dims][][];
    for (int k = 0; k < dims; k++) {
      segPurchases[k] = new double[segmentCounts[k]][d];
      segValue[k] = new double[segmentCounts[k]][d];
    }
    // small enough to keep every draw's values: one pass; otherwise the library's blocked pass
    boolean keep = (long) n * d <= KEEP_LIMIT;
    double[][] keptPurchases = keep ? new double[n][d] : null;
    double[][] keptValue = keep ? new double[n][d] : null;
    for (int j = 0; j < d; j++) {
      Draw draw = draws.get(j);
      draw.purchases().conditionalExpectedPurchases(horizon, f, r, a, purchases, 0, n);
      CustomerLifetimeValue.of(draw.purchases(), draw.spend(), settings.margin())
          .conditionalValue(horizon, settings.discount(), f, r, a, m, value, 0, n);
      if (keep) {
        for (int i = 0; i < n; i++) {
          keptPurchases[i][j] = purchases[i];
          keptValue[i][j] = value[i];
        }
      }
      for (int i = 0; i < n; i++) {
        totalPurchases[j] += purchases[i];
        totalValue[j] += value[i];
        for (int k = 0; k < dims; k++) {
          segPurchases[k][segments[k][i]][j] += purchases[i];
          segValue[k][segments[k][i]][j] += value[i];
        }
      }
    }
    out.purchases = Intervals.percentile(sum(pointPurchases), totalPurchases, LEVEL);
    out.value = Intervals.percentile(sum(pointValue), totalValue, LEVEL);
    out.segmentPurchases = new Interval[dims][];
    out.segmentValue = new Interval[dims][];
    for (int k = 0; k < dims; k++) {
      int c = segmentCounts[k];
      double[] pp = new double[c];
      double[] pv = new double[c];
      for (int i = 0; i < n; i++) {
        pp[segments[k][i]] += pointPurchases[i];
        pv[segments[k][i]] += pointValue[i];
      }
      out.segmentPurchases[k] = new Interval[c];
      out.segmentValue[k] = new Interval[c];
      for (int s = 0; s < c; s++) {
        out.segmentPurchases[k][s] = Intervals.percentile(pp[s], segPurchases[k][s], LEVEL);
        out.segmentValue[k][s] = Intervals.percentile(pv[s], segValue[k][s], LEVEL);
      }
    }
    if (keep) {
      for (int i = 0; i < n; i++) {
        Interval p = Intervals.percentile(pointPurchases[i], keptPurchases[i], LEVEL);
        Interval v = Intervals.percentile(pointValue[i], keptValue[i], LEVEL);
        out.purchasesLower[i] = p.lower();
        out.purchasesUpper[i] = p.upper();
        out.valueLower[i] = v.lower();
        out.valueUpper[i] = v.upper();
      }
      return out;
    }
    Intervals.perCustomer(
        draws,
        (draw, from, to, o) ->
            draw.purchases().conditionalExpectedPurchases(horizon, f, r, a, o, from, to),
        n,
        LEVEL,
        out.purchasesLower,
        out.purchasesUpper);
    Intervals.perCustomer(
        draws,
        (draw, from, to, o) ->
            CustomerLifetimeValue.of(draw.purchases(), draw.spend(), settings.margin())
                .conditionalValue(horizon, settings.discount(), f, r, a, m, o, from, to),
        n,
        LEVEL,
        out.valueLower,
        out.valueUpper);
    return out;
  }

  static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
