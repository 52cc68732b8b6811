package org.clvkit.models.bayes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;

/**
 * The Pareto/GGG fitted by MCMC (Platzer &amp; Reutterer 2016; BTYDplus's {@code
 * pggg.mcmc.DrawParameters}): the posterior summary of the six population parameters t, γ, r, α, s,
 * β, as {@link ParetoGggFitter} produces it and {@link org.clvkit.models.io.ModelFiles} saves it.
 * Immutable, thread-safe and {@link java.io.Serializable}.
 *
 * <p>{@link #parameterValues()} are the posterior means. The {@link #fitReport()} holds one
 * estimate per parameter with the posterior mean as value, the posterior standard deviation as
 * standard error and the 2.5 % and 97.5 % posterior quantiles as interval; its diagnostics say
 * "converged" when every rank-normalised split R-hat is below 1.05 and carry the marginal
 * log-likelihood at the posterior means. {@link #posterior()} adds each parameter's R-hat and
 * effective sample size.
 *
 * <p>Not a {@link org.clvkit.models.ContinuousPurchaseModel}: the Pareto/GGG's individual
 * predictions have no closed form in (x, t_x, T) (they depend on litt and on the customer's
 * posterior of k, λ, μ); they come from the customers' draws, in {@link ParetoGggPosterior}.
 */
public final class ParetoGggModel implements Model {
  private static final long serialVersionUID = 1L;

  private static final List<String> EXTRAS;

  static {
    List<String> extras = new ArrayList<>(List.of("posterior.chains", "posterior.burnin"));
    extras.add("posterior.iterations");
    for (String name : ParetoGggFitter.NAMES) {
      extras.add("posterior.rhat." + name);
    }
    for (String name : ParetoGggFitter.NAMES) {
      extras.add("posterior.ess." + name);
    }
    EXTRAS = List.copyOf(extras);
  }

  /**
   * The model's type: id {@code "pggg"}, name {@code "Pareto/GGG"}, parameters {@code t, gamma, r,
   * alpha, s, beta} (posterior means), extras: chains, burn-in, iterations, and each parameter's
   * split R-hat and effective sample size (all 0 for a model from known parameters).
   */
  public static final ModelType<ParetoGggModel> TYPE =
      ModelType.of(
              "pggg",
              "Pareto/GGG",
              ParetoGggModel.class,
              ParetoGggFitter.NAMES,
              ParetoGggModel::restore,
              ParetoGggFitter::create)
          .withExtras(EXTRAS, ParetoGggModel::extras)
          .withEstimation(ModelType.Estimation.MCMC);

  private final ParetoGggParameters parameters;
  private final FitReport report;
  private final double[] extras;

  private ParetoGggModel(ParetoGggParameters parameters, FitReport report, double[] extras) {
    this.parameters = parameters;
    this.report = report;
    this.extras = extras;
  }

  /** A model from known parameters, with no posterior. */
  public static ParetoGggModel of(ParetoGggParameters parameters) {
    return new ParetoGggModel(
        Checks.notNull("parameters", parameters), null, new double[EXTRAS.size()]);
  }

  static ParetoGggModel fitted(
      ParetoGggParameters means,
      FitReport report,
      int chains,
      int burnin,
      int iterations,
      List<PosteriorSummary> summaries) {
    int p = ParetoGggFitter.NAMES.size();
    double[] extras = new double[EXTRAS.size()];
    extras[0] = chains;
    extras[1] = burnin;
    extras[2] = iterations;
    for (int j = 0; j < p; j++) {
      extras[3 + j] = summaries.get(j).rhat();
      extras[3 + p + j] = summaries.get(j).effectiveSampleSize();
    }
    return new ParetoGggModel(means, report, extras);
  }

  private static ParetoGggModel restore(double[] parameters, FitReport report, double[] extras) {
    ParetoGggParameters means = ParetoGggParameters.of(parameters);
    for (int j = 0; j < extras.length; j++) {
      Checks.nonNegative(EXTRAS.get(j), extras[j]);
    }
    if (report != null) {
      if (report.estimates().size() != ParetoGggFitter.NAMES.size()) {
        throw Checks.fail(
            "a fitted Pareto/GGG model must have 6 posterior estimates, had %d",
            report.estimates().size());
      }
      if (!(extras[0] >= 1)) {
        throw Checks.fail("posterior.chains must be >= 1, was %s", extras[0]);
      }
    }
    return new ParetoGggModel(means, report, extras.clone());
  }

  private static double[] extras(ParetoGggModel model) {
    return model.extras.clone();
  }

  /** The posterior means of t, γ, r, α, s, β (or the known parameters). */
  public ParetoGggParameters parameters() {
    return parameters;
  }

  /**
   * The posterior summary of t, γ, r, α, s, β with R-hat and effective sample size; empty for a
   * model from known parameters.
   */
  public List<PosteriorSummary> posterior() {
    if (report == null) {
      return List.of();
    }
    int p = ParetoGggFitter.NAMES.size();
    List<PosteriorSummary> out = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      var e = report.estimates().get(j);
      out.add(
          new PosteriorSummary(
              e.name(),
              e.value(),
              e.standardError(),
              e.lower(),
              e.upper(),
              extras[3 + j],
              extras[3 + p + j]));
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
  public ModelType<ParetoGggModel> type() {
    return TYPE;
  }

  /** The posterior means {@code t, gamma, r, alpha, s, beta}. */
  @Override
  public double[] parameterValues() {
    return parameters.toArray();
  }

  @Override
  public Optional<FitReport> fitReport() {
    return Optional.ofNullable(report);
  }

  /** Simulated customers in {@link #expectedPurchases(double)}. */
  public static final int NEW_CUSTOMER_PATHS = 100_000;

  /**
   * Expected repeat purchases in (0, t] of a customer not yet acquired (first purchase at 0),
   * E[X(t)], at these parameters (the posterior means for a fitted model, as the Pareto/NBD (HB)
   * model plugs in its means): the exact E[X(t) | k, λ, μ] averaged over {@value
   * #NEW_CUSTOMER_PATHS} customers drawn from the population with seed 42 (Monte Carlo relative
   * error about 0.3 % on CDNOW-like parameters). {@link ParetoGggPosterior#newCustomerPurchases}
   * gives the posterior mean and interval over the draws instead.
   *
   * @param t horizon, finite and &gt;= 0
   */
  public double expectedPurchases(double t) {
    return expectedPurchases(t, NEW_CUSTOMER_PATHS, 42L);
  }

  /**
   * {@link #expectedPurchases(double)} with {@code paths} simulated customers from {@code seed}.
   *
   * @param t horizon, finite and &gt;= 0
   * @param paths customers drawn from the population, &gt;= 1
   * @param seed seed of the draws
   */
  public double expectedPurchases(double t, int paths, long seed) {
    Checks.finite("t", t);
    Checks.nonNegative("t", t);
    Checks.positive("paths", paths);
    return ParetoGggNewCustomers.expected(
        parameters.toArray(), t, paths, new java.util.SplittableRandom(seed));
  }

  /**
   * The Pareto/GGG marginal log-likelihood at these parameters: each customer's likelihood given k,
   * λ, μ integrated over their Gamma populations (μ and λ in closed form, k and the drop-out time
   * by adaptive Gauss–Kronrod quadrature, relative tolerance 1e-7; see {@code
   * ParetoGggLikelihood}). About a millisecond per distinct (x, t_x, T, litt) pattern.
   *
   * @param data histories with the litt column
   * @throws org.clvkit.core.ClvArgumentException when the litt column is missing
   */
  @Override
  public double logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    data.littColumn();
    return ParetoGggLikelihood.logLikelihood(parameters, data);
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "Pareto/GGG posterior means t=%g, gamma=%g, r=%g, alpha=%g, s=%g, beta=%g",
        parameters.t(),
        parameters.gamma(),
        parameters.r(),
        parameters.alpha(),
        parameters.s(),
        parameters.beta());
  }
}
