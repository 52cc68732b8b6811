package org.clvkit.models.bayes;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;
import org.clvkit.models.internal.ParetoGggGibbs;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdModel;

/**
 * Fits the Pareto/GGG (Platzer &amp; Reutterer 2016, "Ticking away the moments: timing regularity
 * helps to better predict customer activity", Marketing Science 35(5), 779–799; BTYDplus's {@code
 * pggg.mcmc.DrawParameters}) by Markov chain Monte Carlo: Gibbs sampling, with each customer's
 * running inter-purchase time as an auxiliary variable, slice sampling of each customer's
 * regularity k, exact draws of the purchase rate λ, the drop-out time τ and rate μ, and the
 * hyperparameters t, γ, r, α, s, β with group moves (details in the kernel, {@code
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
 * <p>Cost: per customer and iteration an exact (z, τ) draw (two or three regularized incomplete
 * gamma functions), a truncated-gamma draw of the running inter-purchase time and one slice update
 * of k (ln Γ only); the population block makes about a dozen passes over the customers (ln Γ of the
 * collapsed (r, α) block, the ridge and shift moves of (t, γ) with the k's). Memory: the
 * hyperparameter draws take 48 bytes per chain and kept iteration; {@link #sample} adds 32 bytes
 * per customer and kept customer draw (k, λ, μ, τ as four {@code double}s): 25.6 kB per customer
 * under {@link McmcSettings#DEFAULT}, 60 MB for CDNOW's 2,357 customers.
 *
 * <p>{@link FitSettings} matters only through its seed: {@link #withSettings} sets the MCMC seed to
 * {@link FitSettings#seed()}.
 */
public final class ParetoGggFitter implements Fitter<ParetoGggModel> {
  static final List<String> NAMES = List.of("t", "gamma", "r", "alpha", "s", "beta");

  /** Step in each ln θ of the log-likelihood's central-difference gradient. */
  public static final double GRADIENT_STEP = 1e-3;

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
   * t, γ, r, α, s, β, by quadrature ({@link ParetoGggModel#logLikelihood(CustomerHistories)}). The
   * gradient (d LL / d ln θ, as the interface defines it) is by central differences in the
   * log-parameters, step {@value #GRADIENT_STEP} in each ln θ (twelve more evaluations): the
   * quadrature has no analytic derivative and the sampler needs none. Its error is the differences'
   * truncation, about 1e-7 times the third derivative, plus the quadrature's error (relative 1e-7
   * per customer) divided by 2e-3; use it for optimisers and tests, not where derivatives to many
   * digits matter.
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
        double value = ParetoGggLikelihood.logLikelihood(ParetoGggParameters.of(parameters), data);
        if (gradient != null) {
          if (gradient.length < parameters.length) {
            throw Checks.fail(
                "gradient has length %d but needs at least %d", gradient.length, parameters.length);
          }
          for (int j = 0; j < parameters.length; j++) {
            double[] up = parameters.clone();
            double[] down = parameters.clone();
            up[j] = parameters[j] * Math.exp(GRADIENT_STEP);
            down[j] = parameters[j] * Math.exp(-GRADIENT_STEP);
            gradient[j] =
                (ParetoGggLikelihood.logLikelihood(ParetoGggParameters.of(up), data)
                        - ParetoGggLikelihood.logLikelihood(ParetoGggParameters.of(down), data))
                    / (2 * GRADIENT_STEP);
          }
        }
        return value;
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
    McmcSupport.runAll(tasks, executor);
    List<PosteriorSummary> summaries = McmcSupport.summarize(NAMES, population, chains, iterations);
    ParetoGggModel model = model(data, summaries);
    return new ParetoGggPosterior(x, tx, age, mcmc, population, k, lambda, mu, tau, draws, model);
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

  private ParetoGggModel model(CustomerHistories data, List<PosteriorSummary> summaries) {
    ParetoGggParameters parameters = ParetoGggParameters.of(McmcSupport.means(summaries));
    FitReport report =
        McmcSupport.report(
            ParetoGggModel.TYPE.name(),
            summaries,
            mcmc,
            RHAT_LIMIT,
            ParetoGggLikelihood.logLikelihood(parameters, data),
            data.size());
    return ParetoGggModel.fitted(
        parameters, report, mcmc.chains(), mcmc.burnin(), mcmc.iterations(), summaries);
  }
}
