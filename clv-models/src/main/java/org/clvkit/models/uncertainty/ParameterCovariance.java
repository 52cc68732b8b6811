package org.clvkit.models.uncertainty;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.gammagamma.GammaGammaModel;

/**
 * The asymptotic covariance of a fitted model's log-parameters: the inverse of the observed
 * information, the negative Hessian of the log-likelihood {@code Σ w_i log L_i(exp θ)} at the
 * estimate, taken by central differences in log-parameter space (step {@value #STEP}). Models are
 * fitted over log-parameters, so {@code θ = log(parameters)} is the scale on which the estimate is
 * closest to normal; its diagonal gives the standard errors the fit reports.
 *
 * <p>Two uses: the delta method ({@link #deltaVariance}, {@code Var g ≈ ∇gᵀ Σ ∇g} with the gradient
 * in θ by central differences), and draws from the normal distribution {@code N(θ̂, Σ)} mapped back
 * by {@code exp} ({@link #sample}), seeded. Immutable and thread-safe.
 */
public final class ParameterCovariance implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The step of the central differences in log-parameter space. */
  public static final double STEP = 1e-3;

  /** The step of the delta method's gradient in log-parameter space. */
  static final double GRADIENT_STEP = 1e-4;

  private final List<String> names;
  private final double[] values;
  private final double[][] covariance;
  private final double[][] cholesky;

  private ParameterCovariance(List<String> names, double[] values, double[][] covariance) {
    this.names = List.copyOf(names);
    this.values = values.clone();
    this.covariance = covariance;
    this.cholesky = choleskyWithFixed(covariance);
  }

  /**
   * The covariance of a purchase model's log-parameters on the histories it was fitted on.
   *
   * @param model the fitted model (BG/NBD, MBG/NBD, Pareto/NBD or BG/BB)
   * @param data the histories it was fitted on (compressed or not; weights count customers)
   * @throws org.clvkit.core.ClvArgumentException when the observed information is not positive
   *     definite (an optimum on a bound or a flat likelihood)
   */
  public static ParameterCovariance of(PurchaseModel model, CustomerHistories data) {
    Checks.notNull("model", model);
    CustomerHistories c = Checks.notNull("data", data).compressed();
    double[] f = c.frequencyColumn();
    double[] r = c.recencyColumn();
    double[] a = c.ageColumn();
    double[] w = c.weightColumn();
    ToDoubleFunction<double[]> logLikelihood =
        v -> {
          PurchaseModel m = Models.withParameters(model, v);
          double sum = 0;
          for (int i = 0; i < f.length; i++) {
            sum += w[i] * m.logLikelihood(f[i], r[i], a[i]);
          }
          return sum;
        };
    double[] values = model.parameterValues();
    boolean[] fixed = fixedParameters(model);
    return new ParameterCovariance(
        model.parameterNames(), values, inverseInformation(logLikelihood, values, fixed));
  }

  /**
   * The parameters the model's fit held fixed rather than estimated (the k of the (M)BG/CNBD-k,
   * chosen over a grid): those its fit report gives with standard error 0 and the interval [v, v].
   * They have variance 0 here, are not differentiated (k must stay a whole number) and keep their
   * value in every draw.
   */
  private static boolean[] fixedParameters(PurchaseModel model) {
    List<String> names = model.parameterNames();
    boolean[] fixed = new boolean[names.size()];
    model
        .fitReport()
        .ifPresent(
            report -> {
              for (ParameterEstimate e : report.estimates()) {
                int i = names.indexOf(e.name());
                if (i >= 0
                    && e.standardError() == 0
                    && e.lower() == e.value()
                    && e.upper() == e.value()) {
                  fixed[i] = true;
                }
              }
            });
    return fixed;
  }

  /** {@link #inverseInformation(ToDoubleFunction, double[])} over the free parameters only. */
  private static double[][] inverseInformation(
      ToDoubleFunction<double[]> ll, double[] values, boolean[] fixed) {
    int k = values.length;
    int[] free = new int[k];
    int n = 0;
    for (int i = 0; i < k; i++) {
      if (!fixed[i]) {
        free[n++] = i;
      }
    }
    if (n == k) {
      return inverseInformation(ll, values);
    }
    int m = n;
    double[] sub = new double[m];
    for (int a = 0; a < m; a++) {
      sub[a] = values[free[a]];
    }
    double[][] inner =
        inverseInformation(
            v -> {
              double[] full = values.clone();
              for (int a = 0; a < m; a++) {
                full[free[a]] = v[a];
              }
              return ll.applyAsDouble(full);
            },
            sub);
    double[][] out = new double[k][k];
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        out[free[a]][free[b]] = inner[a][b];
      }
    }
    return out;
  }

  /**
   * The covariance of a Gamma-Gamma model's log-parameters {@code p, q, gamma} on the customers it
   * was fitted on; customers with no repeat purchase (frequency 0) do not enter its likelihood and
   * are left out.
   *
   * @param model the fitted spend model
   * @param frequency repeat purchases per customer
   * @param monetaryValue mean repeat spend per customer
   */
  public static ParameterCovariance of(
      GammaGammaModel model, double[] frequency, double[] monetaryValue) {
    Checks.notNull("model", model);
    Checks.notNull("frequency", frequency);
    Checks.notNull("monetaryValue", monetaryValue);
    Checks.sameLength("monetaryValue", monetaryValue.length, "frequency", frequency.length);
    ToDoubleFunction<double[]> logLikelihood =
        v -> {
          GammaGammaModel m = Models.spendWithParameters(v);
          double sum = 0;
          for (int i = 0; i < frequency.length; i++) {
            if (frequency[i] > 0) {
              sum += m.logLikelihood(frequency[i], monetaryValue[i]);
            }
          }
          return sum;
        };
    double[] values = Models.spendValues(model);
    return new ParameterCovariance(
        List.of("p", "q", "gamma"), values, inverseInformation(logLikelihood, values));
  }

  /** The parameter names, in the model's order. */
  public List<String> names() {
    return names;
  }

  /** The estimates, in the model's order, as a copy. */
  public double[] values() {
    return values.clone();
  }

  /** The covariance matrix of the log-parameters, as a copy. */
  public double[][] logCovariance() {
    double[][] out = new double[covariance.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = covariance[i].clone();
    }
    return out;
  }

  /**
   * The delta-method standard error of parameter {@code i}, {@code value · se(log value)}: what
   * {@link org.clvkit.models.ParameterEstimate#standardError()} reports.
   */
  public double standardError(int i) {
    Checks.index("i", i, values.length);
    return values[i] * Math.sqrt(covariance[i][i]);
  }

  /**
   * The delta-method variance of a statistic of the parameters, {@code ∇gᵀ Σ ∇g}, with the gradient
   * of {@code g ∘ exp} in log-parameter space by central differences.
   *
   * @param statistic a smooth function of the parameter values (natural scale, model order), finite
   *     near the estimate
   * @throws org.clvkit.core.ClvArgumentException when the statistic is not finite near the estimate
   */
  public double deltaVariance(ToDoubleFunction<double[]> statistic) {
    Checks.notNull("statistic", statistic);
    int k = values.length;
    double[] gradient = new double[k];
    double[] theta = logs(values);
    for (int j = 0; j < k; j++) {
      if (covariance[j][j] == 0) {
        continue; // a fixed parameter (variance 0) is not differentiated
      }
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[j] += GRADIENT_STEP;
      down[j] -= GRADIENT_STEP;
      double g =
          (statistic.applyAsDouble(exps(up)) - statistic.applyAsDouble(exps(down)))
              / (2 * GRADIENT_STEP);
      gradient[j] = Checks.finite("gradient of the statistic in log " + names.get(j), g);
    }
    double variance = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        variance += gradient[i] * covariance[i][j] * gradient[j];
      }
    }
    return Math.max(0, variance);
  }

  /**
   * Draws parameter vectors from the asymptotic normal distribution of the log-parameters, {@code
   * exp(θ̂ + L z)} with {@code L Lᵀ = Σ} and {@code z} standard normal from a {@link
   * SplittableRandom} seeded with {@code seed}: the same seed gives the same draws.
   *
   * @param draws number of draws, &gt; 0
   * @param seed the seed
   * @return {@code draws} rows of parameter values in the model's order
   */
  public double[][] sample(int draws, long seed) {
    Checks.positive("draws", draws);
    SplittableRandom random = new SplittableRandom(seed);
    int k = values.length;
    double[] theta = logs(values);
    double[][] out = new double[draws][k];
    double[] z = new double[k];
    for (int d = 0; d < draws; d++) {
      for (int j = 0; j < k; j++) {
        z[j] = random.nextGaussian();
      }
      for (int i = 0; i < k; i++) {
        if (covariance[i][i] == 0) {
          out[d][i] = values[i]; // a fixed parameter keeps its value exactly
          continue;
        }
        double s = theta[i];
        for (int j = 0; j <= i; j++) {
          s += cholesky[i][j] * z[j];
        }
        out[d][i] = Math.exp(s);
      }
    }
    return out;
  }

  /** {@link #sample} as purchase models of the same kind as {@code like}. */
  public List<PurchaseModel> sampleModels(PurchaseModel like, int draws, long seed) {
    Checks.notNull("like", like);
    List<PurchaseModel> out = new ArrayList<>(draws);
    for (double[] v : sample(draws, seed)) {
      out.add(Models.withParameters(like, v));
    }
    return out;
  }

  /** {@link #sample} as Gamma-Gamma models (for a covariance of Gamma-Gamma parameters). */
  public List<GammaGammaModel> sampleSpendModels(int draws, long seed) {
    List<GammaGammaModel> out = new ArrayList<>(draws);
    for (double[] v : sample(draws, seed)) {
      out.add(Models.spendWithParameters(v));
    }
    return out;
  }

  private static double[][] inverseInformation(ToDoubleFunction<double[]> ll, double[] values) {
    int k = values.length;
    double[] theta = logs(values);
    double h = STEP;
    double centre = ll.applyAsDouble(values);
    double[][] information = new double[k][k];
    for (int i = 0; i < k; i++) {
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[i] += h;
      down[i] -= h;
      double second =
          (ll.applyAsDouble(exps(up)) - 2 * centre + ll.applyAsDouble(exps(down))) / (h * h);
      information[i][i] = -second;
      for (int j = 0; j < i; j++) {
        double pp = ll.applyAsDouble(exps(shift(theta, i, h, j, h)));
        double pm = ll.applyAsDouble(exps(shift(theta, i, h, j, -h)));
        double mp = ll.applyAsDouble(exps(shift(theta, i, -h, j, h)));
        double mm = ll.applyAsDouble(exps(shift(theta, i, -h, j, -h)));
        double mixed = -(pp - pm - mp + mm) / (4 * h * h);
        information[i][j] = mixed;
        information[j][i] = mixed;
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        Checks.finite(String.format("information[%d][%d]", i, j), information[i][j]);
      }
    }
    double[][] l = cholesky(information);
    return inverseFromCholesky(l);
  }

  private static double[] shift(double[] theta, int i, double di, int j, double dj) {
    double[] out = theta.clone();
    out[i] += di;
    out[j] += dj;
    return out;
  }

  /** Lower-triangular L with L Lᵀ = m; fails when m is not positive definite. */
  /**
   * {@link #cholesky} of a covariance whose fixed parameters have all-zero rows and columns: those
   * rows of the factor are 0, the others the factor of the free block.
   */
  private static double[][] choleskyWithFixed(double[][] m) {
    int k = m.length;
    int[] free = new int[k];
    int n = 0;
    for (int i = 0; i < k; i++) {
      if (m[i][i] != 0) {
        free[n++] = i;
      }
    }
    if (n == k) {
      return cholesky(m);
    }
    double[][] sub = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        sub[a][b] = m[free[a]][free[b]];
      }
    }
    double[][] l = cholesky(sub);
    double[][] out = new double[k][k];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        out[free[a]][free[b]] = l[a][b];
      }
    }
    return out;
  }

  static double[][] cholesky(double[][] m) {
    int k = m.length;
    double[][] l = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        double s = m[i][j];
        for (int p = 0; p < j; p++) {
          s -= l[i][p] * l[j][p];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw Checks.fail(
                "the observed information must be positive definite, was not (pivot %d = %s):"
                    + " the optimum is on a bound or the likelihood is flat",
                i, s);
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  private static double[][] inverseFromCholesky(double[][] l) {
    int k = l.length;
    double[][] inverse = new double[k][k];
    for (int c = 0; c < k; c++) {
      double[] y = new double[k];
      for (int i = 0; i < k; i++) {
        double s = i == c ? 1 : 0;
        for (int p = 0; p < i; p++) {
          s -= l[i][p] * y[p];
        }
        y[i] = s / l[i][i];
      }
      double[] x = new double[k];
      for (int i = k - 1; i >= 0; i--) {
        double s = y[i];
        for (int p = i + 1; p < k; p++) {
          s -= l[p][i] * x[p];
        }
        x[i] = s / l[i][i];
      }
      for (int i = 0; i < k; i++) {
        inverse[i][c] = x[i];
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        double mean = 0.5 * (inverse[i][j] + inverse[j][i]);
        inverse[i][j] = mean;
        inverse[j][i] = mean;
      }
    }
    return inverse;
  }

  private static double[] logs(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.log(v[i]);
    }
    return out;
  }

  private static double[] exps(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.exp(v[i]);
    }
    return out;
  }
}
