package org.clvkit.models.nbd;

import java.util.Arrays;
import java.util.List;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.LogPochhammer;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * The NBD maximum-likelihood problem: Σ_i w_i [ln Γ(r+x_i) − ln Γ(r) + r ln α − (r+x_i) ln(α+T_i)]
 * over log-parameters, with its analytic gradient
 *
 * <pre>
 *   ∂/∂r = ψ(r+x) − ψ(r) + ln α − ln(α+T),    ∂/∂α = r/α − (r+x)/(α+T).
 * </pre>
 *
 * <p>The likelihood depends on a customer only through (x, T), so the data are reduced to the
 * distinct (x, T) pairs with summed weights; the log-gamma and digamma terms are computed once per
 * distinct x and the logarithms once per distinct T at each evaluation. α has time exponent 1.
 */
final class NbdLikelihood implements ModelFitting.Problem {
  private static final List<String> NAMES = List.of("r", "alpha");

  private final double[] frequencies;
  private final double[] ages;
  private final int[] frequencyIndex;
  private final int[] ageIndex;
  private final double[] weight;
  private final double customers;
  private final double purchases;
  private final double exposure;
  private final double timeScale;

  // Work arrays, rewritten at every evaluation.
  private final double[] frequencyTerm;
  private final double[] frequencyDigamma;
  private final double[] logAge;
  private final double[] inverseAge;

  /**
   * @param data the customer histories with their weights
   * @param timeScale the time scale the fit will use, for the starting point
   */
  NbdLikelihood(CustomerHistories data, double timeScale) {
    int n = data.size();
    this.timeScale = timeScale;
    double[] x = new double[n];
    double[] t = new double[n];
    double total = 0;
    double bought = 0;
    double exposed = 0;
    for (int i = 0; i < n; i++) {
      x[i] = data.frequency(i);
      t[i] = data.age(i);
      double w = data.weight(i);
      total += w;
      bought += w * x[i];
      exposed += w * t[i];
    }
    this.customers = total;
    this.purchases = bought;
    this.exposure = exposed;
    this.frequencies = distinct(x);
    this.ages = distinct(t);
    // Distinct (x, T) pairs, keyed by the pair of indices.
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      long fi = Arrays.binarySearch(frequencies, x[i]);
      long ti = Arrays.binarySearch(ages, t[i]);
      keys[i] = (fi << 32) | ti;
    }
    long[] sorted = keys.clone();
    Arrays.sort(sorted);
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[pairs++] = sorted[i];
      }
    }
    long[] pairKeys = Arrays.copyOf(sorted, pairs);
    this.frequencyIndex = new int[pairs];
    this.ageIndex = new int[pairs];
    this.weight = new double[pairs];
    for (int k = 0; k < pairs; k++) {
      frequencyIndex[k] = (int) (pairKeys[k] >>> 32);
      ageIndex[k] = (int) (pairKeys[k] & 0xFFFFFFFFL);
    }
    for (int i = 0; i < n; i++) {
      weight[Arrays.binarySearch(pairKeys, keys[i])] += data.weight(i);
    }
    this.frequencyTerm = new double[frequencies.length];
    this.frequencyDigamma = new double[frequencies.length];
    this.logAge = new double[ages.length];
    this.inverseAge = new double[ages.length];
  }

  private static double[] distinct(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[m++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, m);
  }

  @Override
  public String model() {
    return NbdModel.NAME;
  }

  @Override
  public List<String> parameterNames() {
    return NAMES;
  }

  @Override
  public double[] timeExponents() {
    return new double[] {0, 1};
  }

  /** r = 1 and α from the mean purchase rate (the method-of-moments value for r = 1). */
  @Override
  public double[] start() {
    double alpha = purchases > 0 ? exposure / timeScale / purchases : 10.0;
    alpha = Math.min(1e3, Math.max(1e-3, alpha));
    return new double[] {0.0, Math.log(alpha)};
  }

  @Override
  public double customers() {
    return customers;
  }

  /** Distinct (x, T) pairs. */
  @Override
  public int patterns() {
    return weight.length;
  }

  @Override
  public MaximumLikelihood.Objective objective(double scale) {
    // ln L in the caller's unit = ln L in rescaled time − x ln(scale), per customer.
    double constant = purchases * Math.log(scale);
    return new MaximumLikelihood.Objective() {
      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public double value(double[] theta, double[] gradient) {
        return logLikelihood(Math.exp(theta[0]), Math.exp(theta[1]), scale, gradient) - constant;
      }
    };
  }

  /** The log-likelihood with ages divided by {@code scale}; the gradient in the log-parameters. */
  double logLikelihood(double r, double alpha, double scale, double[] gradient) {
    boolean withGradient = gradient != null;
    for (int j = 0; j < frequencies.length; j++) {
      frequencyTerm[j] = LogPochhammer.value(r, frequencies[j]);
      if (withGradient) {
        frequencyDigamma[j] = LogPochhammer.digamma(r + frequencies[j]);
      }
    }
    for (int j = 0; j < ages.length; j++) {
      double a = alpha + ages[j] / scale;
      logAge[j] = Math.log(a);
      inverseAge[j] = 1 / a;
    }
    double logAlpha = Math.log(alpha);
    double psiR = withGradient ? LogPochhammer.digamma(r) : 0;
    double total = 0;
    double gr = 0;
    double ga = 0;
    for (int k = 0; k < weight.length; k++) {
      double w = weight[k];
      int f = frequencyIndex[k];
      int t = ageIndex[k];
      double x = frequencies[f];
      total += w * (frequencyTerm[f] + r * logAlpha - (r + x) * logAge[t]);
      if (withGradient) {
        gr += w * (frequencyDigamma[f] - psiR + logAlpha - logAge[t]);
        ga += w * (r / alpha - (r + x) * inverseAge[t]);
      }
    }
    if (withGradient) {
      gradient[0] = gr * r;
      gradient[1] = ga * alpha;
    }
    return total;
  }
}
