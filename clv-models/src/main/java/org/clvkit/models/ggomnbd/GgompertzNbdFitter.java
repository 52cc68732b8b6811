package org.clvkit.models.ggomnbd;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.FitStatus;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;
import org.clvkit.models.internal.ModelFitting;

/**
 * Fits the Gamma-Gompertz/NBD by maximum likelihood (Bemmaor &amp; Glady 2012; CLVTools' {@code
 * ggomnbd}). Immutable and reusable: configure it with the {@code with…} methods, each returning a
 * new fitter.
 *
 * <p>The fit maximises the log-likelihood over distinct (x, t_x, T) patterns, over log-parameters
 * with the analytic gradient (each pattern's integral and its five derivatives on one quadrature:
 * 8-point Gauss–Legendre panels over the data's distinct recencies and ages, shared by all
 * patterns, or an adaptive Gauss–Kronrod subdivision for the patterns the panels leave out), in a
 * time unit that puts the largest age at 10 periods, from several seeded starting points ({@link
 * FitSettings}); standard errors come from the observed information. When the data are better
 * described by the Pareto/NBD (the limit b → 0 with β/b fixed, as on CDNOW) the likelihood has no
 * interior maximum: the optimiser may stop on the flat ridge towards that limit and meet its
 * criterion, so after every fit the log-likelihood is evaluated once more with b and β divided by
 * {@value #LIMIT_STEP} (β/b fixed); when it is at least the estimate's less {@value
 * #BOUNDARY_TOLERANCE}, the fit is reported as {@link FitStatus#NO_INTERIOR_MAXIMUM} with parameter
 * {@code b} and no standard errors, and fails ({@link FitFailedException}) unless the settings
 * allow non-converged fits ({@code withAllowNonConverged(true)} returns it flagged).
 */
public final class GgompertzNbdFitter implements Fitter<GgompertzNbdModel> {
  /**
   * How much lower than the estimate's the log-likelihood near the Pareto/NBD limit may be for the
   * fit to count as running to that boundary: 1e-3, far below any likelihood-ratio test's reach (a
   * χ² of 0.002).
   */
  static final double BOUNDARY_TOLERANCE = 1e-3;

  /** The factor by which b and β are divided to approach the Pareto/NBD limit. */
  static final double LIMIT_STEP = 1e4;

  private final FitSettings settings;
  private final Executor executor;

  private GgompertzNbdFitter(FitSettings settings, Executor executor) {
    this.settings = Checks.notNull("settings", settings);
    this.executor = executor;
  }

  /** A fitter with {@link FitSettings#DEFAULT}. */
  public static GgompertzNbdFitter create() {
    return new GgompertzNbdFitter(FitSettings.DEFAULT, null);
  }

  /** {@code GgompertzNbdModel.TYPE}. */
  @Override
  public ModelType<GgompertzNbdModel> type() {
    return GgompertzNbdModel.TYPE;
  }

  /** The executor of the likelihood evaluations, or null for the calling thread. */
  @Override
  public Executor executor() {
    return executor;
  }

  /**
   * This fitter with the likelihood's pattern sums run on {@code value}: the patterns are summed in
   * fixed chunks whose partial sums are added in chunk order, so the fit is the same, bit for bit,
   * with or without an executor (one chunk per 8,192 patterns, so small data stay in one chunk).
   * The fitter starts no threads; the caller owns the executor.
   *
   * @param value where the chunks run, or null (the default) for the calling thread
   */
  @Override
  public GgompertzNbdFitter withExecutor(Executor value) {
    return new GgompertzNbdFitter(settings, value);
  }

  /** The settings this fitter uses. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with other settings. */
  @Override
  public GgompertzNbdFitter withSettings(FitSettings value) {
    return new GgompertzNbdFitter(value, executor);
  }

  /**
   * The log-likelihood this fitter maximises, on {@code data} compressed to patterns, as a function
   * of the parameters {@code r, alpha, b, s, beta} in the data's units.
   *
   * @param data customer histories, raw or compressed, with weights
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    return ModelFitting.logLikelihood(
        new GgompertzNbdLikelihood(Checks.notNull("data", data), 1.0, true, executor));
  }

  /**
   * Fits the model.
   *
   * @param data customer histories, raw or compressed, with weights
   * @return the fitted model, its {@link GgompertzNbdModel#fitReport()} holding estimates and
   *     diagnostics
   * @throws FitFailedException when the fit fails and the settings do not allow that
   */
  @Override
  public GgompertzNbdModel fit(CustomerHistories data) {
    Checks.notNull("data", data);
    double timeScale = ModelFitting.defaultTimeScale(data.maxAge());
    GgompertzNbdLikelihood problem = new GgompertzNbdLikelihood(data, timeScale, true, executor);
    ModelFitting.Outcome outcome =
        ModelFitting.fit(problem, timeScale, settings.withAllowNonConverged(true));
    double[] p = outcome.parameters();
    FitReport report = outcome.report();
    FitDiagnostics diagnostics = report.diagnostics();
    // A penalised fit has an interior maximum by construction: the penalty is the caller's answer
    // to the boundary, so only plain maximum likelihood is checked.
    double limit = settings.penalty() == 0 ? paretoLimit(problem, p) : Double.NEGATIVE_INFINITY;
    if (limit >= diagnostics.logLikelihood() - BOUNDARY_TOLERANCE) {
      diagnostics =
          new FitDiagnostics(
              false,
              diagnostics.iterations(),
              diagnostics.evaluations() + 1,
              diagnostics.logLikelihood(),
              diagnostics.gradientNorm(),
              String.format(
                  Locale.ROOT,
                  "parameter b ran towards 0 (b = %.3g, beta / b = %.4g): the log-likelihood at the"
                      + " Pareto/NBD limit b -> 0 with beta / b fixed (%.4f) is as high as at the"
                      + " estimate (%.4f), so the likelihood has no interior maximum on these data;"
                      + " the Pareto/NBD describes them as well",
                  p[2],
                  p[4] / p[2],
                  limit,
                  diagnostics.logLikelihood()),
              FitStatus.NO_INTERIOR_MAXIMUM,
              "b");
      report =
          new FitReport(
              report.model(),
              List.of(),
              diagnostics,
              report.customers(),
              report.patterns(),
              report.penalty(),
              report.startingPointSample());
    }
    if (!diagnostics.converged() && !settings.allowNonConverged()) {
      throw new FitFailedException(GgompertzNbdModel.NAME, diagnostics);
    }
    return GgompertzNbdModel.fitted(GgompertzNbdParameters.of(p), report);
  }

  /**
   * The log-likelihood (unpenalised, in the data's units) at the estimate moved 10^4 times closer
   * to the Pareto/NBD limit: b and β both divided by 10^4, which keeps β/b and so the limit's
   * Pareto lifetime scale.
   */
  private static double paretoLimit(GgompertzNbdLikelihood problem, double[] p) {
    double[] theta = new double[5];
    for (int k = 0; k < 5; k++) {
      theta[k] = Math.log(p[k]);
    }
    theta[2] -= Math.log(LIMIT_STEP);
    theta[4] -= Math.log(LIMIT_STEP);
    double value = problem.objective(1.0).value(theta, null);
    return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
  }

  /**
   * Fits the model to one row per customer; see {@link CustomerHistories#of(double[], double[],
   * double[])} for the rules.
   */
  public GgompertzNbdModel fit(double[] frequency, double[] recency, double[] age) {
    return fit(CustomerHistories.of(frequency, recency, age));
  }

  /** Fits the model to patterns with the number of customers sharing each. */
  public GgompertzNbdModel fit(
      double[] frequency, double[] recency, double[] age, double[] weights) {
    return fit(CustomerHistories.of(frequency, recency, age, weights));
  }
}
