package org.clvkit.models.bayes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.FitStatus;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.internal.McmcDiagnostics;
import org.clvkit.models.internal.ParetoGggGibbs;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdModel;

/**
 * Fits the Pareto/GGG (Platzer &amp; Reutterer 2016, "Ticking away the moments: timing regularity
 * helps to better predict customer activity", Marketing Science 35(5), 779–799; BTYDplus's {@code
 * pggg.mcmc.DrawParameters}) by Markov chain Monte Carlo: Gibbs sampling with slice sampling of
 * each customer's regularity k and purchase rate λ, exact draws of the drop-out time τ and rate μ,
 * and the hyperparameters t, γ, r, α, s, β (details in the kernel, {@code
 * internal.ParetoGggGibbs}). Immutable, reusable and thread-safe.
 *
 * <pre>{@code
 * ParetoGggPosterior posterior =
 *     ParetoGggFitter.create()
 *         .withMcmc(McmcSettings.DEFAULT.withSeed(7))
 *         .withExecutor(pool)                 // chains in parallel, same draws as without
 *         .sample(CustomerHistories.of(frequency, recency, age).withLitt(litt));
 * posterior.model().posterior();            // t, gamma, r, alpha, s, beta: mean, 95 %, R-hat, ESS
 * posterior.regularity().mean(0);           // customer 0's posterior mean k
 * posterior.probabilityAlive().mean(0);     // customer 0's posterior P(alive)
 * }</pre>
 *
 * <p>The data need the litt column (each customer's sum of log inter-purchase times, {@link
 * CustomerHistories#withLitt}), one row per customer (every weight 1). Chains start, as BTYDplus's,
 * at t = γ = 1 and r, α, s, β at the maximum-likelihood Pareto/NBD estimates (1 where that fit
 * fails), each of the six multiplied by e^{0.5 Z} with Z standard normal from the chain's own
 * stream, so that R-hat compares chains from different starting points. Chain c draws from the c-th
 * split of a {@link SplittableRandom} seeded with the MCMC seed; the chains run one after another
 * on the calling thread or as one task each on {@link #withExecutor the caller's executor}, with
 * the same result bit for bit. The fitter starts no threads.
 *
 * <p>Cost: per customer and iteration two slice updates (about ten regularized incomplete gamma
 * functions) and an exact τ draw; the population block is O(customers), its two ridge moves (of (t,
 * γ) with the k's, (r, α) with the λ's) about six passes of ln Q over the customers each. Memory:
 * the hyperparameter draws take 48 bytes per chain and kept iteration; {@link #sample} adds 32
 * bytes per customer and kept customer draw (k, λ, μ, τ as four {@code double}s): 25.6 kB per
 * customer under {@link McmcSettings#DEFAULT}, 60 MB for CDNOW's 2,357 customers.
 *
 * <p>{@link FitSettings} matters only through its seed: {@link #withSettings} sets the MCMC seed to
 * {@link FitSettings#seed()}.
 */
public final class ParetoGggFitter implements Fitter<ParetoGggModel> {
  static final List<String> NAMES = List.of("t", "gamma", "r", "alpha", "s", "beta");

  /** Split R-hat below which the fit is reported as converged. */
  public static final double RHAT_LIMIT = 1.05;

  private final FitSettings settings;
  private final McmcSettings mcmc;
  private final Executor executor;

  private ParetoGggFitter(FitSettings settings, McmcSettings mcmc, Executor executor) {
    this.settings = settings;
    this.mcmc = mcmc;
    this.executor = executor;
  }

  /** A fitter with {@link McmcSettings#DEFAULT}, {@link FitSettings#DEFAULT} and no executor. */
  public static ParetoGggFitter create() {
    return new ParetoGggFitter(
        FitSettings.DEFAULT, McmcSettings.DEFAULT.withSeed(FitSettings.DEFAULT.seed()), null);
  }

  @Override
  public ModelType<ParetoGggModel> type() {
    return ParetoGggModel.TYPE;
  }

  @Override
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with {@code value}'s seed as the MCMC seed. */
  @Override
  public ParetoGggFitter withSettings(FitSettings value) {
    Checks.notNull("settings", value);
    return new ParetoGggFitter(value, mcmc.withSeed(value.seed()), executor);
  }

  /** The MCMC settings. */
  public McmcSettings mcmc() {
    return mcmc;
  }

  /** This fitter with other MCMC settings (seed included). */
  public ParetoGggFitter withMcmc(McmcSettings value) {
    return new ParetoGggFitter(settings, Checks.notNull("mcmc", value), executor);
  }

  @Override
  public Executor executor() {
    return executor;
  }

  /** This fitter running its chains as tasks on {@code value} (null: on the calling thread). */
  @Override
  public ParetoGggFitter withExecutor(Executor value) {
    return new ParetoGggFitter(settings, mcmc, value);
  }

  /**
   * The posterior summary, the same as {@code sample(data).model()}, without keeping the customers'
   * draws (memory: the hyperparameter draws only).
   */
  @Override
  public ParetoGggModel fit(CustomerHistories data) {
    return run(data, false).model();
  }

  /**
   * The Pareto/GGG marginal log-likelihood of {@code data} (needs its litt column) as a function of
   * t, γ, r, α, s, β, by quadrature ({@link ParetoGggModel#logLikelihood(CustomerHistories)}); no
   * gradient (the sampler does not use one): asking for it throws {@link
   * UnsupportedOperationException}.
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    data.littColumn();
    return new LogLikelihood() {
      @Override
      public String model() {
        return ParetoGggModel.TYPE.name();
      }

      @Override
      public List<String> parameterNames() {
        return NAMES;
      }

      @Override
      public double customers() {
        return data.totalWeight();
      }

      @Override
      public int patterns() {
        return data.compressedWithLitt().size();
      }

      @Override
      public double value(double[] parameters, double[] gradient) {
        if (gradient != null) {
          throw new UnsupportedOperationException(
              "the Pareto/GGG likelihood is computed by quadrature, without a gradient");
        }
        return ParetoGggLikelihood.logLikelihood(ParetoGggParameters.of(parameters), data);
      }
    };
  }

  /**
   * Runs the chains and keeps the draws.
   *
   * @param data one row per customer (weights 1), with the litt column
   * @return the posterior draws and summary
   * @throws org.clvkit.core.ClvArgumentException when a weight is not 1, litt is missing, or the
   *     customers' draws would not fit in one array (customers × {@link
   *     McmcSettings#customerDraws()} &gt; 2^31 − 9)
   */
  public ParetoGggPosterior sample(CustomerHistories data) {
    return run(data, true);
  }

  private ParetoGggPosterior run(CustomerHistories data, boolean customers) {
    Checks.notNull("data", data);
    int n = data.size();
    for (int i = 0; i < n; i++) {
      if (data.weight(i) != 1) {
        throw Checks.fail(
            "weight[%d] = %s must be 1: the Pareto/GGG fit keeps one latent state per"
                + " customer; pass histories that are not compressed",
            i, data.weight(i));
      }
    }
    double[] litt = data.littColumn();
    int draws = customers ? mcmc.customerDraws() : 0;
    if ((long) n * draws > Integer.MAX_VALUE - 8) {
      throw Checks.fail(
          "customers × customer draws must be <= %d, was %d × %d; raise thin",
          Integer.MAX_VALUE - 8, n, draws);
    }
    double[] x = data.frequencyColumn();
    double[] tx = data.recencyColumn();
    double[] age = data.ageColumn();
    double[] centre = startingPoint(data);
    int chains = mcmc.chains();
    int iterations = mcmc.iterations();
    int p = ParetoGggGibbs.HYPERPARAMETERS;
    double[] population = new double[p * chains * iterations];
    double[] k = new double[n * draws];
    double[] lambda = new double[n * draws];
    double[] mu = new double[n * draws];
    double[] tau = new double[n * draws];
    ParetoGggGibbs.Output out = new ParetoGggGibbs.Output(population, k, lambda, mu, tau, draws);
    ParetoGggGibbs sampler = new ParetoGggGibbs(x, tx, age, litt);
    SplittableRandom root = new SplittableRandom(mcmc.seed());
    List<Runnable> tasks = new ArrayList<>();
    for (int c = 0; c < chains; c++) {
      SplittableRandom random = root.split();
      int chain = c;
      tasks.add(
          () -> {
            double[] init = new double[p];
            for (int j = 0; j < p; j++) {
              init[j] = centre[j] * Math.exp(0.5 * random.nextGaussian());
            }
            sampler.run(random, init, mcmc.burnin(), iterations, mcmc.thin(), chain, chains, out);
          });
    }
    run(tasks);
    List<PosteriorSummary> summaries = summarize(population, chains, iterations);
    ParetoGggModel model = model(data, summaries);
    return new ParetoGggPosterior(x, tx, age, mcmc, population, k, lambda, mu, tau, draws, model);
  }

  private void run(List<Runnable> tasks) {
    if (executor == null) {
      tasks.forEach(Runnable::run);
      return;
    }
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (Runnable task : tasks) {
      futures.add(CompletableFuture.runAsync(task, executor));
    }
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** t = γ = 1 and the ML Pareto/NBD estimates (all 1 when that fit fails), as BTYDplus starts. */
  private double[] startingPoint(CustomerHistories data) {
    double[] start = {1, 1, 1, 1, 1, 1};
    try {
      ParetoNbdModel ml =
          ParetoNbdFitter.create()
              .withSettings(FitSettings.DEFAULT.withSeed(mcmc.seed()).withAllowNonConverged(true))
              .fit(data);
      double[] q = ml.parameterValues();
      for (int j = 0; j < 4; j++) {
        if (!(q[j] > 1e-6 && q[j] < 1e6)) {
          return start;
        }
      }
      System.arraycopy(q, 0, start, 2, 4);
      return start;
    } catch (RuntimeException e) {
      // An ML fit that fails (degenerate data) leaves the neutral start.
      return start;
    }
  }

  static List<PosteriorSummary> summarize(double[] population, int chains, int iterations) {
    int total = chains * iterations;
    List<PosteriorSummary> out = new ArrayList<>();
    double[] sorted = new double[total];
    for (int j = 0; j < NAMES.size(); j++) {
      int offset = j * total;
      double mean = 0;
      for (int d = 0; d < total; d++) {
        mean += population[offset + d];
      }
      mean /= total;
      double ss = 0;
      for (int d = 0; d < total; d++) {
        double dev = population[offset + d] - mean;
        ss += dev * dev;
      }
      System.arraycopy(population, offset, sorted, 0, total);
      java.util.Arrays.sort(sorted);
      out.add(
          new PosteriorSummary(
              NAMES.get(j),
              mean,
              Math.sqrt(ss / (total - 1)),
              ParetoNbdHbFitter.quantile(sorted, total, 0.025),
              ParetoNbdHbFitter.quantile(sorted, total, 0.975),
              McmcDiagnostics.rankSplitRhat(population, offset, chains, iterations),
              McmcDiagnostics.rankEffectiveSampleSize(population, offset, chains, iterations)));
    }
    return List.copyOf(out);
  }

  private ParetoGggModel model(CustomerHistories data, List<PosteriorSummary> summaries) {
    int p = NAMES.size();
    double[] means = new double[p];
    List<ParameterEstimate> estimates = new ArrayList<>();
    double worstRhat = 0;
    String worst = NAMES.get(0);
    double leastEss = Double.POSITIVE_INFINITY;
    for (int j = 0; j < p; j++) {
      PosteriorSummary s = summaries.get(j);
      means[j] = s.mean();
      estimates.add(
          new ParameterEstimate(
              s.name(),
              s.mean(),
              s.standardDeviation(),
              Math.min(s.lower(), s.mean()),
              Math.max(s.upper(), s.mean())));
      if (!(s.rhat() <= worstRhat)) {
        worstRhat = s.rhat();
        worst = s.name();
      }
      leastEss = Math.min(leastEss, s.effectiveSampleSize());
    }
    ParetoGggParameters parameters = ParetoGggParameters.of(means);
    boolean converged = worstRhat < RHAT_LIMIT;
    String message =
        converged
            ? String.format(
                Locale.ROOT,
                "converged: largest R-hat %.3f (%s), least effective sample size %.0f",
                worstRhat,
                worst,
                leastEss)
            : String.format(
                Locale.ROOT,
                "not converged: R-hat of %s is %.3f (>= %.2f); run longer chains",
                worst,
                worstRhat,
                RHAT_LIMIT);
    double logLikelihood = ParetoGggLikelihood.logLikelihood(parameters, data);
    FitDiagnostics diagnostics =
        new FitDiagnostics(
            converged,
            mcmc.chains() * (mcmc.burnin() + mcmc.iterations()),
            mcmc.chains() * mcmc.iterations(),
            logLikelihood,
            0.0,
            message,
            converged ? FitStatus.CONVERGED : FitStatus.NOT_CONVERGED,
            converged ? "" : worst);
    FitReport report =
        new FitReport(
            ParetoGggModel.TYPE.name(), estimates, diagnostics, data.size(), data.size(), 0.0);
    return ParetoGggModel.fitted(
        parameters, report, mcmc.chains(), mcmc.burnin(), mcmc.iterations(), summaries);
  }
}
