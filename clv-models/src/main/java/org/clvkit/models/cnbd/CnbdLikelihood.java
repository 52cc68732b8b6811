package org.clvkit.models.cnbd;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.LogPochhammer;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;
import org.clvkit.models.internal.PatternSample;

/**
 * The (M)BG/CNBD-k maximum-likelihood problem at a fixed k over the log-parameters of {@code r,
 * alpha, a, b}: Σ_i w_i ln L_i with ln L_i of {@link CnbdFunctions#logLikelihood} and its analytic
 * gradient. With s = r + kx, β = α + T, γ = α + t_x, z = (T − t_x)/β, S2 = Σ_{j&lt;k} u_j, u_j =
 * (s)_j z^j / j!, L2 = ln S2 − s ln β (alive at T), L1 = ln a − ln(b+x−1+δ) − s ln γ (dropped out
 * after the last purchase) and π1 = e^{L1}/(e^{L1} + e^{L2}):
 *
 * <pre>
 *   ∂/∂r = ψ(s) − ψ(r) + ln α + π1 (−ln γ) + (1−π1) (Σ_j u_j H_j / S2 − ln β),  H_j = Σ_{i&lt;j} 1/(s+i)
 *   ∂/∂α = r/α − π1 s/γ + (1−π1) (−Σ_j j u_j / (β S2) − s/β)
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x+δ) + π1/a
 *   ∂/∂b = ψ(b+x+δ) − ψ(b) + ψ(a+b) − ψ(a+b+x+δ) − π1/(b+x−1+δ).
 * </pre>
 *
 * <p>The litt term (k−1) Σ_i w_i litt_i − Σ_i w_i x_i ln Γ(k) does not depend on r, α, a, b: it is
 * added as a constant. In time rescaled by c the data's ln L changes by −k x ln c per customer (the
 * density of kx phase times), added back by {@link #objective}. α has time exponent 1. The terms
 * that depend on x alone are computed once per distinct x at each evaluation.
 */
final class CnbdLikelihood implements ModelFitting.Problem {
  private static final List<String> NAMES = List.of("r", "alpha", "a", "b");

  private final String model;
  private final int k;
  private final int dropout;
  private final double[] frequency;
  private final double[] recency;
  private final double[] age;
  private final double[] weight;
  private final double[] frequencies;
  private final int[] frequencyIndex;
  private final double customers;
  private final double purchases;
  private final double littConstant;
  private final double maxAge;

  // Per distinct x, rewritten at every evaluation.
  private final double[] frequencyTerm;
  private final double[] digammaRate;
  private final double[] digammaB;
  private final double[] digammaAb;
  private final double[] logDropOdds;

  /**
   * @param model the model's name for reports
   * @param k the Erlang shape
   * @param dropout δ: 1 for the MBG/CNBD-k, 0 for the BG/CNBD-k
   * @param data the histories (compressed here)
   * @param littSum Σ_i w_i litt_i over the data, 0 when litt is not given
   */
  CnbdLikelihood(String model, int k, int dropout, CustomerHistories data, double littSum) {
    this.model = model;
    this.k = k;
    this.dropout = dropout;
    CustomerHistories patterns = data.compressed();
    int n = patterns.size();
    this.frequency = patterns.frequencyColumn();
    this.recency = patterns.recencyColumn();
    this.age = patterns.ageColumn();
    this.weight = patterns.weightColumn();
    double total = 0;
    double bought = 0;
    double oldest = 0;
    for (int i = 0; i < n; i++) {
      total += weight[i];
      bought += weight[i] * frequency[i];
      oldest = Math.max(oldest, age[i]);
    }
    this.customers = total;
    this.purchases = bought;
    this.maxAge = oldest;
    this.littConstant = k == 1 ? 0 : (k - 1) * littSum - bought * Gamma.logGamma(k);
    double[] sorted = frequency.clone();
    Arrays.sort(sorted);
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[m++] = sorted[i];
      }
    }
    this.frequencies = Arrays.copyOf(sorted, m);
    this.frequencyIndex = new int[n];
    for (int i = 0; i < n; i++) {
      frequencyIndex[i] = Arrays.binarySearch(frequencies, frequency[i]);
    }
    this.frequencyTerm = new double[m];
    this.digammaRate = new double[m];
    this.digammaB = new double[m];
    this.digammaAb = new double[m];
    this.logDropOdds = new double[m];
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public List<String> parameterNames() {
    return NAMES;
  }

  @Override
  public double[] timeExponents() {
    return new double[] {0, 1, 0, 0};
  }

  /**
   * BTYDplus's start {@code r = 1, alpha = 3, a = 1, b = 3}, with α moved to the rescaled time
   * where the largest age is 10 periods (so that α/k ~ a typical inter-purchase time scale).
   */
  @Override
  public double[] start() {
    return new double[] {0.0, Math.log(3.0), 0.0, Math.log(3.0)};
  }

  @Override
  public double customers() {
    return customers;
  }

  @Override
  public int patterns() {
    return weight.length;
  }

  /** The Erlang shape this problem is fixed at. */
  int k() {
    return k;
  }

  /** The largest age, for the time scale. */
  double maxAge() {
    return maxAge;
  }

  @Override
  public ModelFitting.Problem sample(int size, long seed) {
    PatternSample sample = PatternSample.draw(weight, size, seed);
    double[] f = sample.select(frequency);
    double[] r = sample.select(recency);
    double[] a = sample.select(age);
    // The litt constant does not move the optimum; the sample leaves it out.
    return new CnbdLikelihood(
        model, k, dropout, CustomerHistories.of(f, r, a, sample.weights()), 0.0);
  }

  @Override
  public MaximumLikelihood.Objective objective(double scale) {
    double constant = littConstant - k * purchases * Math.log(scale);
    return new MaximumLikelihood.Objective() {
      @Override
      public int dimension() {
        return 4;
      }

      @Override
      public double value(double[] theta, double[] gradient) {
        return logLikelihood(
                Math.exp(theta[0]),
                Math.exp(theta[1]),
                Math.exp(theta[2]),
                Math.exp(theta[3]),
                scale,
                gradient)
            + constant;
      }
    };
  }

  /**
   * The log-likelihood without the litt constant, with times divided by {@code scale}; the gradient
   * in the log-parameters when {@code gradient} is not null.
   */
  double logLikelihood(
      double r, double alpha, double a, double b, double scale, double[] gradient) {
    boolean withGradient = gradient != null;
    double psiR = withGradient ? LogPochhammer.digamma(r) : 0;
    double psiB = withGradient ? LogPochhammer.digamma(b) : 0;
    double psiAb = withGradient ? LogPochhammer.digamma(a + b) : 0;
    for (int i = 0; i < frequencies.length; i++) {
      double x = frequencies[i];
      frequencyTerm[i] =
          LogPochhammer.value(b, x + dropout)
              - LogPochhammer.value(a + b, x + dropout)
              + LogPochhammer.value(r, k * x);
      logDropOdds[i] = Math.log(a / (b + x - 1 + dropout));
      if (withGradient) {
        digammaRate[i] = x == 0 ? 0 : LogPochhammer.digamma(r + k * x) - psiR;
        digammaB[i] = LogPochhammer.digamma(b + x + dropout) - psiB;
        digammaAb[i] = LogPochhammer.digamma(a + b + x + dropout) - psiAb;
      }
    }
    double logAlpha = Math.log(alpha);
    double total = 0;
    double gr = 0;
    double ga = 0;
    double gA = 0;
    double gB = 0;
    for (int i = 0; i < weight.length; i++) {
      double w = weight[i];
      double x = frequency[i];
      double tx = recency[i] / scale;
      double t = age[i] / scale;
      double s = r + k * x;
      double beta = alpha + t;
      double z = (t - tx) / beta;
      // S2 and, for the gradient, Σ u_j H_j and Σ j u_j.
      double u = 1;
      double s2 = 1;
      double harmonic = 0;
      double uh = 0;
      double ju = 0;
      for (int j = 1; j < k; j++) {
        harmonic += 1 / (s + j - 1);
        u *= (s + j - 1) / j * z;
        s2 += u;
        uh += u * harmonic;
        ju += j * u;
      }
      double logBeta = Math.log(beta);
      double alive = Math.log(s2) - s * logBeta;
      boolean canDrop = dropout == 1 || x > 0;
      double mix = alive;
      double pi1 = 0;
      double gamma = alpha + tx;
      double bShift = b + x - 1 + dropout;
      double logGamma = 0;
      int f = frequencyIndex[i];
      if (canDrop) {
        logGamma = Math.log(gamma);
        double dead = logDropOdds[f] - s * logGamma;
        // One exponential for both ln(e^alive + e^dead) and π1 = e^dead / (e^alive + e^dead).
        double d = dead - alive;
        if (d <= 0) {
          double e = Math.exp(d);
          mix = alive + Math.log1p(e);
          pi1 = e / (1 + e);
        } else {
          double e = Math.exp(-d);
          mix = dead + Math.log1p(e);
          pi1 = 1 / (1 + e);
        }
      }
      total += w * (frequencyTerm[f] + r * logAlpha + mix);
      if (withGradient) {
        double pi2 = 1 - pi1;
        gr += w * (digammaRate[f] + logAlpha - pi1 * logGamma + pi2 * (uh / s2 - logBeta));
        ga +=
            w * (r / alpha - (canDrop ? pi1 * s / gamma : 0) - pi2 * (ju / (beta * s2) + s / beta));
        gA += w * (-digammaAb[f] + (canDrop ? pi1 / a : 0));
        gB += w * (digammaB[f] - digammaAb[f] - (canDrop ? pi1 / bShift : 0));
      }
    }
    if (withGradient) {
      gradient[0] = gr * r;
      gradient[1] = ga * alpha;
      gradient[2] = gA * a;
      gradient[3] = gB * b;
    }
    return total;
  }
}
