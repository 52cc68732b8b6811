package org.clvkit.examples.cli;

import java.util.concurrent.ExecutorService;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.models.ParallelScorer;
import org.clvkit.models.bayes.ParetoGggModel;
import org.clvkit.models.diagnostics.CalibrationHoldout;
import org.clvkit.models.diagnostics.ModelComparison;

/**
 * The report's Pareto/GGG (MCMC, {@code -m pggg} or named by {@code --compare}): fitted on the
 * calibration histories with their litt column ({@code --mcmc} and {@code --seed} set the sampler,
 * as for {@code clv fit -m pggg}), and its row of the model comparison from the library's {@link
 * ModelComparison#row}: the log-likelihood at the posterior means ({@link
 * ParetoGggModel#logLikelihood}, with litt), AIC and BIC with its 6 parameters, and with a holdout
 * the per-customer MAE and RMSE of {@link ParetoGggModel#conditionalExpectedPurchases(double,
 * double[], double[], double[], double[], double[], int, int)} over the holdout against the actual
 * purchases. Its tracking error is left empty: the Pareto/GGG's expected purchases of a new
 * customer are Monte Carlo over 100,000 simulated customers per point, too slow for a curve of
 * every period.
 *
 * <p>The same holdout predictions give its calibration versus holdout ({@link
 * CalibrationHoldout#ofPredictions}). Its predictions need each customer's litt, which the other
 * (x, t_x, T) diagnostics of the report (tracking curves, histogram of calibration purchases,
 * P(alive) heat map) and its 90 % intervals (parameter draws from an asymptotic normal) do not
 * take: when the report uses it, the page leaves those parts out with a note saying so.
 *
 * @param model the fitted Pareto/GGG (posterior means)
 * @param row its row of the comparison
 * @param calibrationHoldout its calibration versus holdout, or null without a holdout
 * @param used whether the report scores with it ({@code -m pggg})
 */
record ReportParetoGgg(
    ParetoGggModel model,
    ModelComparison.Row row,
    CalibrationHoldout calibrationHoldout,
    boolean used) {

  /** The registry id. */
  static final String ID = ParetoGggModel.TYPE.id();

  /** Whether {@code id} names the Pareto/GGG (as {@code -m} and {@code --compare} take ids). */
  static boolean is(String id) {
    return id != null && id.strip().equalsIgnoreCase(ID);
  }

  /** Row ranges the predictions run on (the values do not depend on it). */
  static int threads() {
    return Workers.cores(8);
  }

  /**
   * Fits and makes the comparison row.
   *
   * @param table the calibration histories, with the litt column
   * @param summaries the summaries (for the holdout)
   * @param fit the MCMC settings
   * @param used whether the report scores with it
   * @throws CliException data, when the summaries have no litt column
   */
  static ReportParetoGgg fit(
      SummaryTable table, CustomerSummaries summaries, FitOptions fit, boolean used) {
    if (table.litt == null) {
      throw CliException.data(
          table.source
              + ": the Pareto/GGG needs each customer's sum of log inter-purchase times (litt),"
              + " which these summaries do not have (they have it when same-day purchases are"
              + " merged, the default)");
    }
    ParetoGggModel model;
    ExecutorService pool = Workers.fits();
    try {
      model = fit.fitter(ParetoGggModel.TYPE).withExecutor(pool).fit(table.histories());
    } catch (ClvArgumentException e) {
      throw SummaryRun.dataError(table.source, e);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    double logLikelihood = model.logLikelihood(table.histories());
    double[] predicted = null;
    double[] actual = null;
    CalibrationHoldout check = null;
    if (summaries.hasHoldout()) {
      actual = summaries.holdoutPurchases();
      predicted = holdoutPredictions(model, table, summaries.holdoutLength());
      check =
          CalibrationHoldout.ofPredictions(
              table.frequency,
              predicted,
              actual,
              summaries.holdoutLength(),
              ReportCommand.LAST_BUCKET);
    }
    ModelComparison.Row row =
        ModelComparison.row(
            model.name(),
            model.parameterValues().length,
            table.size(),
            logLikelihood,
            predicted,
            actual);
    return new ReportParetoGgg(model, row, check, used);
  }

  /** The expected purchases over the holdout of every customer, on the available cores. */
  static double[] holdoutPredictions(ParetoGggModel model, SummaryTable table, double length) {
    int n = table.size();
    double[] out = new double[n];
    int threads = threads();
    ExecutorService pool = Workers.pool("holdout", threads);
    try {
      ParallelScorer.of(pool, threads)
          .run(
              n,
              (from, to) ->
                  model.conditionalExpectedPurchases(
                      length,
                      table.frequency,
                      table.recency,
                      table.age,
                      table.litt,
                      out,
                      from,
                      to));
    } finally {
      pool.shutdownNow();
    }
    return out;
  }
}
