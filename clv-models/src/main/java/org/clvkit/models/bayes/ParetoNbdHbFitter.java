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
import org.clvkit.models.internal.ParetoNbdGibbs;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;

/**
 * Fits the Pareto/NBD by hierarchical Bayes (the model of Ma &amp; Liu 2007, "The MCMC approach for
 * solving the Pareto/NBD model and possible extensions", ICNC 2007, 505–512, and of BTYDplus's
 * {@code pnbd.mcmc.DrawParameters}): each customer's purchase rate λ ~ Gamma(r, α), drop-out rate μ
 * ~ Gamma(s, β), drop-out time τ ~ Exponential(μ) and alive indicator z, under independent
 * Gamma(0.001, 0.001) hyperpriors on r, α, s, β. The sampler is a two-block, partially collapsed
 * Gibbs sampler: r, α, s, β by slice sampling of their posterior with the customers' latent
 * variables integrated out (the Pareto/NBD likelihood), then each customer's (z, τ, λ, μ) drawn
 * exactly from its conditional (details in the kernel, {@code internal.ParetoNbdGibbs}). Immutable,
 * reusable and thread-safe.
 *
 * <pre>{@code
 * ParetoNbdHbPosterior posterior =
 *     ParetoNbdHbFitter.create()
 *         .withMcmc(McmcSettings.DEFAULT.withSeed(7))
 *         .withExecutor(pool)                 // chains in parallel, same draws as without
 *         .sample(CustomerHistories.of(frequency, recency, age));
 * posterior.model().posterior();            // r, alpha, s, beta: mean, sd, 95 %, R-hat, ESS
 * posterior.probabilityAlive().mean(0);     // customer 0's posterior P(alive)
 * }</pre>
 *
 * <p>Chains start around the maximum-likelihood Pareto/NBD estimates (BTYDplus starts there too):
 * at ln θ̂ + 1.5 L Z, with L the Cholesky factor of the inverse observed information in ln θ and Z
 * standard normal from the chain's own stream, so that R-hat compares chains from different
 * starting points; around θ = (1, 1, 1, 1) when the ML fit fails. The chains run one after another
 * on the calling thread, or as one task each on {@link #withExecutor the caller's executor}; each
 * chain draws from its own split of the seed, so the result is the same, bit for bit, either way.
 * The fitter starts no threads.
 *
 * <p>{@link FitSettings} matters only through its seed: {@link #withSettings} sets the MCMC seed to
 * {@link FitSettings#seed()} (the other fields are kept for {@link #settings()} and ignored). Data:
 * uncompressed histories, one row per customer (every weight 1, since each customer has a latent
 * state of their own), validated as every model's.
 */
public final class ParetoNbdHbFitter implements Fitter<ParetoNbdHbModel> {
  private static final String[] NAMES = {"r", "alpha", "s", "beta"};

  /** Split R-hat below which the fit is reported as converged. */
  public static final double RHAT_LIMIT = 1.05;

  private final FitSettings settings;
  private final McmcSettings mcmc;
  private final Executor executor;

  private ParetoNbdHbFitter(FitSettings settings, McmcSettings mcmc, Executor executor) {
    this.settings = settings;
    this.mcmc = mcmc;
    this.executor = executor;
  }

  /** A fitter with {@link McmcSettings#DEFAULT}, {@link FitSettings#DEFAULT} and no executor. */
  public static ParetoNbdHbFitter create() {
    return new ParetoNbdHbFitter(
        FitSettings.DEFAULT, McmcSettings.DEFAULT.withSeed(FitSettings.DEFAULT.seed()), null);
  }

  @Override
  public ModelType<ParetoNbdHbModel> type() {
    return ParetoNbdHbModel.TYPE;
  }

  @Override
  public FitSettings settings() {
    return settings;
  }

  /** This fitter with {@code value}'s seed as the MCMC seed. */
  @Override
  public ParetoNbdHbFitter withSettings(FitSettings value) {
    Checks.notNull("settings", value);
    return new ParetoNbdHbFitter(value, mcmc.withSeed(value.seed()), executor);
  }

  /** The MCMC settings. */
  public McmcSettings mcmc() {
    return mcmc;
  }

  /** This fitter with other MCMC settings (seed included). */
  public ParetoNbdHbFitter withMcmc(McmcSettings value) {
    return new ParetoNbdHbFitter(settings, Checks.notNull("mcmc", value), executor);
  }

  @Override
  public Executor executor() {
    return executor;
  }

  /** This fitter running its chains as tasks on {@code value} (null: on the calling thread). */
  @Override
  public ParetoNbdHbFitter withExecutor(Executor value) {
    return new ParetoNbdHbFitter(settings, mcmc, value);
  }

  /**
   * The posterior summary, the same as {@code sample(data).model()}, without keeping (or drawing)
   * the customers' latent draws: memory stays at the population draws, 32 bytes per chain and
   * iteration, whatever the number of customers.
   */
  @Override
  public ParetoNbdHbModel fit(CustomerHistories data) {
    return run(data, false).model();
  }

  /**
   * The Pareto/NBD log-likelihood of {@code data}: integrating each customer's λ, μ and τ out of
   * the hierarchical model gives back the Pareto/NBD likelihood of r, α, s, β (Ma &amp; Liu 2007),
   * the quantity that, times the hyperpriors, is the posterior the chains sample.
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    return ParetoNbdFitter.create().logLikelihood(data);
  }

  /**
   * Runs the chains and keeps the draws.
   *
   * @param data one row per customer (weights 1)
   * @return the posterior draws and summary
   * @throws org.clvkit.core.ClvArgumentException when a weight is not 1, or the customers' draws
   *     would not fit in one array (customers × {@link McmcSettings#customerDraws()} &gt; 2^31 − 9)
   */
  public ParetoNbdHbPosterior sample(CustomerHistories data) {
    return run(data, true);
  }

  private ParetoNbdHbPosterior run(CustomerHistories data, boolean customers) {
    Checks.notNull("data", data);
    int n = data.size();
    for (int i = 0; i < n; i++) {
      if (data.weight(i) != 1) {
        throw Checks.fail(
            "weight[%d] = %s must be 1: the hierarchical Bayes fit keeps one latent state per"
                + " customer; pass histories that are not compressed",
            i, data.weight(i));
      }
    }
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
    double[][] cholesky = whitening(data, centre);
    int chains = mcmc.chains();
    int iterations = mcmc.iterations();
    double[] population = new double[4 * chains * iterations];
    double[] lambda = new double[n * draws];
    double[] mu = new double[n * draws];
    double[] tau = new double[n * draws];
    ParetoNbdGibbs.Output out = new ParetoNbdGibbs.Output(population, lambda, mu, tau, draws);
    ParetoNbdGibbs sampler = new ParetoNbdGibbs(x, tx, age, centre, cholesky);
    SplittableRandom root = new SplittableRandom(mcmc.seed());
    List<Runnable> tasks = new ArrayList<>();
    for (int c = 0; c < chains; c++) {
      SplittableRandom random = root.split();
      int chain = c;
      tasks.add(
          () -> {
            // Over-dispersed start: the centre plus 1.5 whitened standard deviations per axis.
            double[] z = new double[4];
            for (int k = 0; k < 4; k++) {
              z[k] = 1.5 * random.nextGaussian();
            }
            double[] init = new double[4];
            for (int k = 0; k < 4; k++) {
              init[k] = centre[k];
              for (int j = 0; j <= k; j++) {
                init[k] += cholesky[k][j] * z[j];
              }
            }
            LogLikelihood likelihood = ParetoNbdFitter.create().logLikelihood(data);
            sampler.run(
                random,
                likelihood,
                init,
                mcmc.burnin(),
                iterations,
                mcmc.thin(),
                chain,
                chains,
                out);
          });
    }
    McmcSupport.runAll(tasks, executor);
    List<PosteriorSummary> summaries =
        McmcSupport.summarize(List.of(NAMES), population, chains, iterations);
    ParetoNbdHbModel model = model(data, summaries);
    return new ParetoNbdHbPosterior(x, tx, age, mcmc, population, lambda, mu, tau, draws, model);
  }

  private double[] startingPoint(CustomerHistories data) {
    try {
      ParetoNbdModel ml =
          ParetoNbdFitter.create()
              .withSettings(FitSettings.DEFAULT.withSeed(mcmc.seed()).withAllowNonConverged(true))
              .fit(data);
      double[] p = ml.parameterValues();
      for (int k = 0; k < 4; k++) {
        if (!(p[k] > 1e-6 && p[k] < 1e6)) {
          return new double[4];
        }
        p[k] = Math.log(p[k]);
      }
      return p;
    } catch (RuntimeException e) {
      // An ML fit that fails (degenerate data) leaves the neutral centre θ = (1, 1, 1, 1).
      return new double[4];
    }
  }

  /**
   * The Cholesky factor of the inverse of minus the log-posterior's Hessian in ln θ at {@code
   * centre}, by central differences of the likelihood's gradient; 0.3 times the identity when that
   * is not positive definite. It only sets the sampler's coordinate axes and scales: any invertible
   * choice leaves the posterior the same.
   */
  static double[][] whitening(CustomerHistories data, double[] centre) {
    LogLikelihood likelihood = ParetoNbdFitter.create().logLikelihood(data);
    double[][] h = new double[4][4];
    double[] up = new double[4];
    double[] down = new double[4];
    double[] theta = new double[4];
    double step = 1e-4;
    for (int k = 0; k < 4; k++) {
      for (int sign = 0; sign < 2; sign++) {
        double[] v = centre.clone();
        v[k] += sign == 0 ? step : -step;
        for (int j = 0; j < 4; j++) {
          theta[j] = Math.exp(v[j]);
        }
        double[] g = sign == 0 ? up : down;
        likelihood.value(theta, g);
        for (int j = 0; j < 4; j++) {
          g[j] += ParetoNbdGibbs.HYPER - ParetoNbdGibbs.HYPER * theta[j];
        }
      }
      for (int j = 0; j < 4; j++) {
        h[j][k] = (up[j] - down[j]) / (2 * step);
      }
    }
    double[][] negative = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        negative[i][j] = -(h[i][j] + h[j][i]) / 2;
      }
    }
    double[][] covariance = invert(negative);
    double[][] l = covariance == null ? null : cholesky(covariance);
    if (l == null) {
      l = new double[4][4];
      for (int k = 0; k < 4; k++) {
        l[k][k] = 0.3;
      }
    }
    return l;
  }

  /** Gauss-Jordan inverse with partial pivoting; null when singular or not finite. */
  private static double[][] invert(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a[i], 0, n);
      a[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      if (!(Math.abs(a[pivot][c]) > 1e-300)) {
        return null;
      }
      double[] tmp = a[c];
      a[c] = a[pivot];
      a[pivot] = tmp;
      double d = a[c][c];
      for (int j = 0; j < 2 * n; j++) {
        a[c][j] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = a[r][c];
          for (int j = 0; j < 2 * n; j++) {
            a[r][j] -= f * a[c][j];
          }
        }
      }
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[i][j] = a[i][n + j];
        if (!Double.isFinite(out[i][j])) {
          return null;
        }
      }
    }
    return out;
  }

  /** Lower Cholesky factor; null when not positive definite. */
  private static double[][] cholesky(double[][] m) {
    int n = m.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = m[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(sum > 0)) {
            return null;
          }
          l[i][i] = Math.sqrt(sum);
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    return l;
  }

  /** Type-7 quantile of the first n sorted values. */
  static double quantile(double[] sorted, int n, double p) {
    return McmcSupport.quantile(sorted, n, p);
  }

  private ParetoNbdHbModel model(CustomerHistories data, List<PosteriorSummary> summaries) {
    ParetoNbdParameters parameters = ParetoNbdParameters.of(McmcSupport.means(summaries));
    FitReport report =
        McmcSupport.report(
            ParetoNbdHbModel.TYPE.name(),
            summaries,
            mcmc,
            RHAT_LIMIT,
            ParetoNbdModel.of(parameters).logLikelihood(data),
            data.size());
    return ParetoNbdHbModel.fitted(
        parameters, report, mcmc.chains(), mcmc.burnin(), mcmc.iterations(), summaries);
  }
}
