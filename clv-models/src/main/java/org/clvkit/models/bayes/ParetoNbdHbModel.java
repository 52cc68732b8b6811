package org.clvkit.models.bayes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.Discount;
import org.clvkit.models.FitReport;
import org.clvkit.models.ModelType;
import org.clvkit.models.ResidualValueModel;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;

/**
 * The Pareto/NBD fitted by hierarchical Bayes (Ma &amp; Liu 2007; BTYDplus's {@code
 * pnbd.mcmc.DrawParameters}): the posterior summary of the population parameters r, α, s, β, as
 * {@link ParetoNbdHbFitter} produces it and {@link org.clvkit.models.io.ModelFiles} saves it.
 * Immutable, thread-safe and {@link java.io.Serializable}.
 *
 * <p>{@link #parameterValues()} are the posterior means. The {@link #fitReport()} holds one
 * estimate per parameter with the posterior mean as value, the posterior standard deviation as
 * standard error and the 2.5 % and 97.5 % posterior quantiles as interval; its diagnostics say
 * "converged" when every rank-normalised split R-hat is below 1.05, and carry the Pareto/NBD
 * log-likelihood at the posterior means. {@link #posterior()} adds each parameter's R-hat and
 * effective sample size.
 *
 * <p>The purchase-model methods are the Pareto/NBD's at the posterior means (a plug-in estimate,
 * the same formulas as {@link ParetoNbdModel}), so that a saved and loaded model predicts for any
 * customer. The fitted customers' full posterior — P(alive) and expected purchases averaged over
 * their own draws, with intervals, and posterior predictive draws — is in {@link
 * ParetoNbdHbPosterior}, which {@link ParetoNbdHbFitter#sample} returns.
 */
public final class ParetoNbdHbModel implements ContinuousPurchaseModel, ResidualValueModel {
  private static final long serialVersionUID = 1L;

  private static final List<String> NAMES = List.of("r", "alpha", "s", "beta");

  private static final List<String> EXTRAS =
      List.of(
          "posterior.chains",
          "posterior.burnin",
          "posterior.iterations",
          "posterior.rhat.r",
          "posterior.rhat.alpha",
          "posterior.rhat.s",
          "posterior.rhat.beta",
          "posterior.ess.r",
          "posterior.ess.alpha",
          "posterior.ess.s",
          "posterior.ess.beta");

  /**
   * The model's type: id {@code "pnbd-hb"}, name {@code "Pareto/NBD (HB)"}, parameters {@code r,
   * alpha, s, beta} (posterior means), extras: chains, burn-in, iterations, and each parameter's
   * split R-hat and effective sample size (all 0 for a model from known parameters).
   */
  public static final ModelType<ParetoNbdHbModel> TYPE =
      ModelType.of(
              "pnbd-hb",
              "Pareto/NBD (HB)",
              ParetoNbdHbModel.class,
              NAMES,
              ParetoNbdHbModel::restore,
              ParetoNbdHbFitter::create)
          .withExtras(EXTRAS, ParetoNbdHbModel::extras)
          .withEstimation(ModelType.Estimation.MCMC);

  private final ParetoNbdModel plugIn;
  private final FitReport report;
  private final double[] extras;

  private ParetoNbdHbModel(ParetoNbdParameters means, FitReport report, double[] extras) {
    this.plugIn = ParetoNbdModel.of(means);
    this.report = report;
    this.extras = extras;
  }

  /** A model from known parameters, with no posterior. */
  public static ParetoNbdHbModel of(ParetoNbdParameters parameters) {
    return new ParetoNbdHbModel(
        Checks.notNull("parameters", parameters), null, new double[EXTRAS.size()]);
  }

  static ParetoNbdHbModel fitted(
      ParetoNbdParameters means,
      FitReport report,
      int chains,
      int burnin,
      int iterations,
      List<PosteriorSummary> summaries) {
    double[] extras = new double[EXTRAS.size()];
    extras[0] = chains;
    extras[1] = burnin;
    extras[2] = iterations;
    for (int k = 0; k < 4; k++) {
      extras[3 + k] = summaries.get(k).rhat();
      extras[7 + k] = summaries.get(k).effectiveSampleSize();
    }
    return new ParetoNbdHbModel(means, report, extras);
  }

  private static ParetoNbdHbModel restore(double[] parameters, FitReport report, double[] extras) {
    ParetoNbdParameters means = ParetoNbdParameters.of(parameters);
    for (int k = 0; k < extras.length; k++) {
      Checks.nonNegative(EXTRAS.get(k), extras[k]);
    }
    if (report != null) {
      if (report.estimates().size() != 4) {
        throw Checks.fail(
            "a fitted Pareto/NBD (HB) model must have 4 posterior estimates, had %d",
            report.estimates().size());
      }
      if (!(extras[0] >= 1)) {
        throw Checks.fail("posterior.chains must be >= 1, was %s", extras[0]);
      }
    }
    return new ParetoNbdHbModel(means, report, extras.clone());
  }

  private static double[] extras(ParetoNbdHbModel model) {
    return model.extras.clone();
  }

  /** The posterior means of r, α, s, β (or the known parameters). */
  public ParetoNbdParameters parameters() {
    return plugIn.parameters();
  }

  /**
   * The posterior summary of r, α, s, β with R-hat and effective sample size; empty for a model
   * from known parameters.
   */
  public List<PosteriorSummary> posterior() {
    if (report == null) {
      return List.of();
    }
    List<PosteriorSummary> out = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      var e = report.estimates().get(k);
      out.add(
          new PosteriorSummary(
              e.name(),
              e.value(),
              e.standardError(),
              e.lower(),
              e.upper(),
              extras[3 + k],
              extras[7 + k]));
    }
    return List.copyOf(out);
  }

  /** Number of chains of the fit; 0 for known parameters. */
  public int chains() {
    return (int) extras[0];
  }

  /** Burn-in iterations per chain of the fit; 0 for known parameters. */
  public int burnin() {
    return (int) extras[1];
  }

  /** Kept iterations per chain of the fit; 0 for known parameters. */
  public int iterations() {
    return (int) extras[2];
  }

  @Override
  public ModelType<ParetoNbdHbModel> type() {
    return TYPE;
  }

  /** The posterior means {@code r, alpha, s, beta}. */
  @Override
  public double[] parameterValues() {
    return plugIn.parameterValues();
  }

  @Override
  public Optional<FitReport> fitReport() {
    return Optional.ofNullable(report);
  }

  /** The Pareto/NBD's E[X(t)] at the posterior means ({@link ParetoNbdModel#expectedPurchases}). */
  @Override
  public double expectedPurchases(double t) {
    return plugIn.expectedPurchases(t);
  }

  /** The Pareto/NBD's P(X(t) = n) at the posterior means. */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    return plugIn.probabilityOfPurchases(n, t);
  }

  /** The Pareto/NBD's E[Y(t) | x, t_x, T] at the posterior means. */
  @Override
  public double conditionalExpectedPurchases(
      double t, double frequency, double recency, double age) {
    return plugIn.conditionalExpectedPurchases(t, frequency, recency, age);
  }

  /** The Pareto/NBD's P(alive | x, t_x, T) at the posterior means. */
  @Override
  public double probabilityAlive(double frequency, double recency, double age) {
    return plugIn.probabilityAlive(frequency, recency, age);
  }

  /** The Pareto/NBD's log-likelihood at the posterior means. */
  @Override
  public double logLikelihood(double frequency, double recency, double age) {
    return plugIn.logLikelihood(frequency, recency, age);
  }

  @Override
  public double logLikelihood(CustomerHistories data) {
    return plugIn.logLikelihood(data);
  }

  @Override
  public void conditionalExpectedPurchases(
      double t,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] out,
      int from,
      int to) {
    plugIn.conditionalExpectedPurchases(t, frequency, recency, age, out, from, to);
  }

  @Override
  public void probabilityAlive(
      double[] frequency, double[] recency, double[] age, double[] out, int from, int to) {
    plugIn.probabilityAlive(frequency, recency, age, out, from, to);
  }

  /** The Pareto/NBD's DERT at the posterior means. */
  @Override
  public double conditionalDiscountedResidualPurchases(
      Discount discount, double frequency, double recency, double age) {
    return plugIn.conditionalDiscountedResidualPurchases(discount, frequency, recency, age);
  }

  @Override
  public void conditionalDiscountedResidualPurchases(
      Discount discount,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] out,
      int from,
      int to) {
    plugIn.conditionalDiscountedResidualPurchases(discount, frequency, recency, age, out, from, to);
  }

  @Override
  public String toString() {
    ParetoNbdParameters p = parameters();
    return String.format(
        java.util.Locale.ROOT,
        "Pareto/NBD (HB) posterior means r=%g, alpha=%g, s=%g, beta=%g",
        p.r(),
        p.alpha(),
        p.s(),
        p.beta());
  }
}
