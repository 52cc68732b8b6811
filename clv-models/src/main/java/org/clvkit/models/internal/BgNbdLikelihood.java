package org.clvkit.models.internal;

import java.util.Arrays;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.core.internal.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * The log-likelihood of the BG/NBD and MBG/NBD models with its analytic gradient, summed over
 * weighted (frequency, recency, age) patterns: the kernel of their fitters. Not API.
 *
 * <p>For one customer with x repeat purchases, the last at t_x, observed for T (Fader, Hardie &amp;
 * Lee 2005, section 7; Batislam et al. 2007 and BTYDplus {@code mbgcnbd.LL} for the MBG/NBD,
 * written with a shift s = 0 for the BG/NBD and s = 1 for the MBG/NBD, whose customers may also
 * drop out at time 0):
 *
 * <pre>
 * LL = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+s) − ln B(a, b)
 *      + ln[ (α+T)^−(r+x) + δ(x+s &gt; 0) · a/(b+x+s−1) · (α+t_x)^−(r+x) ]
 * </pre>
 *
 * evaluated with a log-sum-exp, with r ln α − (r+x) ln(α+T) written as −r log1p(T/α) − x ln(α+T) so
 * that nothing cancels when T is small against α. Speed: the terms that depend on the frequency
 * alone (log-gamma and digamma differences, {@code ln(b+x+s−1)}) are computed once per distinct
 * frequency, and {@code ln(α+t)}, {@code log1p(t/α)} once per distinct recency and age, so that
 * each pattern costs one {@code exp} and one {@code log1p}; nothing is allocated per evaluation.
 * The gradient is with respect to the log-parameters. An instance holds work arrays and must not be
 * used from two threads at once.
 */
public final class BgNbdLikelihood {
  /** Frequencies up to this use exact sums for the log-gamma and digamma differences. */
  private static final int SMALL = 8;

  private final int shift;
  private final int patterns;
  private final double[] weight;
  private final double totalWeight;
  private final int[] frequencyIndex;
  private final int[] recencyIndex;
  private final int[] ageIndex;
  private final double[] frequencies;
  private final double[] recencies;
  private final double[] ages;

  // Work arrays, per distinct frequency.
  private final double[] logGammaRatio;
  private final double[] digammaR;
  private final double[] logBetaRatio;
  private final double[] digammaB;
  private final double[] digammaAb;
  private final double[] logOddsBase;
  private final double[] inverseB;
  // Work arrays, per distinct recency and age.
  private final double[] logRecency;
  private final double[] log1pRecency;
  private final double[] inverseRecency;
  private final double[] logAge;
  private final double[] log1pAge;
  private final double[] inverseAge;

  private BgNbdLikelihood(CustomerHistories data, int shift) {
    this.shift = shift;
    this.patterns = data.size();
    this.weight = data.weightColumn();
    this.totalWeight = data.totalWeight();
    this.frequencyIndex = new int[patterns];
    this.recencyIndex = new int[patterns];
    this.ageIndex = new int[patterns];
    this.frequencies = distinct(data.frequencyColumn(), frequencyIndex);
    this.recencies = distinct(data.recencyColumn(), recencyIndex);
    this.ages = distinct(data.ageColumn(), ageIndex);
    int f = frequencies.length;
    logGammaRatio = new double[f];
    digammaR = new double[f];
    logBetaRatio = new double[f];
    digammaB = new double[f];
    digammaAb = new double[f];
    logOddsBase = new double[f];
    inverseB = new double[f];
    logRecency = new double[recencies.length];
    log1pRecency = new double[recencies.length];
    inverseRecency = new double[recencies.length];
    logAge = new double[ages.length];
    log1pAge = new double[ages.length];
    inverseAge = new double[ages.length];
  }

  /**
   * The BG/NBD likelihood of the given histories (compress them first for speed).
   *
   * @param data customer histories with weights
   */
  public static BgNbdLikelihood bgNbd(CustomerHistories data) {
    return new BgNbdLikelihood(Checks.notNull("data", data), 0);
  }

  /**
   * The MBG/NBD likelihood of the given histories (compress them first for speed).
   *
   * @param data customer histories with weights
   */
  public static BgNbdLikelihood mbgNbd(CustomerHistories data) {
    return new BgNbdLikelihood(Checks.notNull("data", data), 1);
  }

  /** Number of patterns summed over. */
  public int patterns() {
    return patterns;
  }

  /** Number of customers (the sum of the weights). */
  public double customers() {
    return totalWeight;
  }

  /**
   * Mean number of repeat purchases per period over all customers, Σ w x / Σ w T (0 if no time).
   */
  public double meanRate() {
    double purchases = 0;
    double exposure = 0;
    for (int i = 0; i < patterns; i++) {
      purchases += weight[i] * frequencies[frequencyIndex[i]];
      exposure += weight[i] * ages[ageIndex[i]];
    }
    return exposure > 0 ? purchases / exposure : 0;
  }

  /**
   * The weighted log-likelihood on the data with every time divided by {@code timeScale}.
   *
   * @param r shape of the purchase-rate Gamma, &gt; 0
   * @param alpha rate of the purchase-rate Gamma, in the rescaled time unit, &gt; 0
   * @param a first Beta shape, &gt; 0
   * @param b second Beta shape, &gt; 0
   * @param timeScale the divisor of the times, &gt; 0 (1 for the data's own unit)
   * @param gradient when not null, receives d LL / d (ln r, ln α, ln a, ln b); length &gt;= 4
   * @return the log-likelihood, possibly -∞ or NaN where the parameters are extreme
   */
  public double value(
      double r, double alpha, double a, double b, double timeScale, double[] gradient) {
    int s = shift;
    double logA = Math.log(a);
    double digammaRBase = Gamma.digamma(r);
    double logGammaRBase = Gamma.logGamma(r);
    double digammaBBase = Gamma.digamma(b);
    double logGammaBBase = Gamma.logGamma(b);
    double digammaAbBase = Gamma.digamma(a + b);
    double logGammaAbBase = Gamma.logGamma(a + b);
    for (int k = 0; k < frequencies.length; k++) {
      double x = frequencies[k];
      int n = (int) x;
      if (n <= SMALL) {
        double lg = 0;
        double dg = 0;
        for (int j = 0; j < n; j++) {
          lg += Math.log(r + j);
          dg += 1 / (r + j);
        }
        logGammaRatio[k] = lg;
        digammaR[k] = dg;
        double lb = 0;
        double db = 0;
        double dab = 0;
        for (int j = 0; j < n + s; j++) {
          lb += Math.log((b + j) / (a + b + j));
          db += 1 / (b + j);
          dab += 1 / (a + b + j);
        }
        logBetaRatio[k] = lb;
        digammaB[k] = db;
        digammaAb[k] = dab;
      } else {
        logGammaRatio[k] = Gamma.logGamma(r + x) - logGammaRBase;
        digammaR[k] = Gamma.digamma(r + x) - digammaRBase;
        double bx = b + x + s;
        double abx = a + bx;
        logBetaRatio[k] =
            Gamma.logGamma(bx) - logGammaBBase - (Gamma.logGamma(abx) - logGammaAbBase);
        digammaB[k] = Gamma.digamma(bx) - digammaBBase;
        digammaAb[k] = Gamma.digamma(abx) - digammaAbBase;
      }
      if (n + s > 0) {
        double d = b + x + s - 1;
        logOddsBase[k] = logA - Math.log(d);
        inverseB[k] = 1 / d;
      }
    }
    for (int k = 0; k < recencies.length; k++) {
      double t = recencies[k] / timeScale;
      logRecency[k] = Math.log(alpha + t);
      log1pRecency[k] = Math.log1p(t / alpha);
      inverseRecency[k] = 1 / (alpha + t);
    }
    for (int k = 0; k < ages.length; k++) {
      double t = ages[k] / timeScale;
      logAge[k] = Math.log(alpha + t);
      log1pAge[k] = Math.log1p(t / alpha);
      inverseAge[k] = 1 / (alpha + t);
    }

    double ll = 0;
    double gr = 0;
    double galpha = 0;
    double ga = 0;
    double gb = 0;
    boolean wantGradient = gradient != null;
    for (int i = 0; i < patterns; i++) {
      double w = weight[i];
      int k = frequencyIndex[i];
      double x = frequencies[k];
      int ti = ageIndex[i];
      int ri = recencyIndex[i];
      // r ln α − (r+x) ln(α+T) = −r log1p(T/α) − x ln(α+T), exact for small T/α.
      double alive = -r * log1pAge[ti] - x * logAge[ti];
      double lse;
      double w3;
      double w4;
      if (x + s > 0) {
        // d = gone − alive, the log-odds of "dropped out after the last purchase" against "alive".
        double d = logOddsBase[k] + (r + x) * (log1pAge[ti] - log1pRecency[ri]);
        // ln(1 + e) with e in [0, 1]: Math.log(1 + e) is within 1 ulp of 1 absolutely (log1p is
        // slower and only better in relative terms for tiny e, which do not matter in the sum).
        if (d <= 0) {
          double e = Math.exp(d);
          double onePlus = 1 + e;
          lse = alive + Math.log(onePlus);
          w3 = 1 / onePlus;
          w4 = e * w3;
        } else {
          double e = Math.exp(-d);
          double onePlus = 1 + e;
          lse = alive + d + Math.log(onePlus);
          w4 = 1 / onePlus;
          w3 = e * w4;
        }
      } else {
        lse = alive;
        w3 = 1;
        w4 = 0;
      }
      ll += w * (logGammaRatio[k] + logBetaRatio[k] + lse);
      if (wantGradient) {
        gr += w * (digammaR[k] - (w3 * log1pAge[ti] + w4 * log1pRecency[ri]));
        galpha -= w * (r + x) * (w3 * inverseAge[ti] + w4 * inverseRecency[ri]);
        ga += w * (w4 / a - digammaAb[k]);
        gb += w * (digammaB[k] - digammaAb[k] - w4 * inverseB[k]);
      }
    }
    if (wantGradient) {
      gradient[0] = r * gr;
      gradient[1] = alpha * galpha + totalWeight * r;
      gradient[2] = a * ga;
      gradient[3] = b * gb;
    }
    return ll;
  }

  /** The distinct values of a column, with each row's index into them written to {@code index}. */
  private static double[] distinct(double[] column, int[] index) {
    int n = column.length;
    int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
    int mask = capacity - 1;
    int[] slots = new int[capacity];
    Arrays.fill(slots, -1);
    double[] values = new double[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      double v = column[i] + 0.0;
      long h = Double.doubleToLongBits(v) * 0x9E3779B97F4A7C15L;
      int slot = (int) (h ^ (h >>> 32)) & mask;
      while (true) {
        int j = slots[slot];
        if (j < 0) {
          slots[slot] = count;
          values[count] = v;
          index[i] = count;
          count++;
          break;
        }
        if (values[j] == v) {
          index[i] = j;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return Arrays.copyOf(values, count);
  }
}
