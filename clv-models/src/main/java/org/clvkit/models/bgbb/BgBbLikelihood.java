package org.clvkit.models.bgbb;

import java.util.List;
import org.apache.commons.math3.special.Beta;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.LogPochhammer;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * The BG/BB log-likelihood over compressed patterns, eq. (5) of Fader, Hardie &amp; Shang (2010),
 * with its analytic gradient in the log-parameters. The decomposition is the one of {@link
 * BgBbFunctions}: {@code L = C · (A + Σ_i u_i w_i)}; the derivatives of log C and log A are digamma
 * differences and those of the products u_i, w_i are accumulated term by term.
 */
final class BgBbLikelihood implements ModelFitting.Problem {
  private static final double TAIL = 1e-17;

  private final double[] x;
  private final double[] tx;
  private final double[] n;
  private final double[] w;
  private final double customers;

  BgBbLikelihood(CustomerHistories compressed) {
    this.x = compressed.frequencyColumn();
    this.tx = compressed.recencyColumn();
    this.n = compressed.ageColumn();
    this.w = compressed.weightColumn();
    this.customers = compressed.totalWeight();
  }

  @Override
  public String model() {
    return BgBbModel.NAME;
  }

  @Override
  public List<String> parameterNames() {
    return List.of("alpha", "beta", "gamma", "delta");
  }

  @Override
  public double[] timeExponents() {
    return new double[4];
  }

  @Override
  public double[] start() {
    return new double[4];
  }

  @Override
  public double customers() {
    return customers;
  }

  @Override
  public int patterns() {
    return x.length;
  }

  @Override
  public MaximumLikelihood.Objective objective(double timeScale) {
    if (timeScale != 1.0) {
      throw new IllegalArgumentException(
          "BG/BB times are whole opportunities; timeScale must be 1");
    }
    return new MaximumLikelihood.Objective() {
      @Override
      public int dimension() {
        return 4;
      }

      @Override
      public double value(double[] theta, double[] gradient) {
        return logLikelihood(theta, gradient);
      }
    };
  }

  /**
   * Σ w · log L over the patterns at log-parameters {@code theta}; gradient in the log-parameters.
   */
  double logLikelihood(double[] theta, double[] gradient) {
    double a = Math.exp(theta[0]);
    double b = Math.exp(theta[1]);
    double g = Math.exp(theta[2]);
    double d = Math.exp(theta[3]);
    double logBetaAB = Beta.logBeta(a, b);
    double logBetaGD = Beta.logBeta(g, d);
    double psiA = LogPochhammer.digamma(a);
    double psiB = LogPochhammer.digamma(b);
    double psiAB = LogPochhammer.digamma(a + b);
    double psiG = LogPochhammer.digamma(g);
    double psiD = LogPochhammer.digamma(d);
    double psiGD = LogPochhammer.digamma(g + d);
    double total = 0;
    double ga = 0;
    double gb = 0;
    double gg = 0;
    double gdl = 0;
    for (int p = 0; p < x.length; p++) {
      double xi = x[p];
      double ti = tx[p];
      double ni = n[p];
      double logC =
          Beta.logBeta(a + xi, b + ti - xi) - logBetaAB + Beta.logBeta(g + 1, d + ti) - logBetaGD;
      double logA =
          Beta.logBeta(a + xi, b + ni - xi)
              - Beta.logBeta(a + xi, b + ti - xi)
              + Beta.logBeta(g, d + ni)
              - Beta.logBeta(g + 1, d + ti);
      // The sum Σ u_i w_i and, when needed, Σ u_i w_i · d log(u_i w_i)/d parameter.
      double sum = 0;
      double sa = 0;
      double sb = 0;
      double sg = 0;
      double sd = 0;
      double term = 1;
      double la = 0;
      double lb = 0;
      double lg = 0;
      double ld = 0;
      double terms = ni - ti;
      double bb = b + ti - xi;
      double ab = a + b + ti;
      double dd = d + ti;
      double gd = g + 1 + d + ti;
      for (double i = 0; i < terms; i++) {
        sum += term;
        if (gradient != null) {
          sa += term * la;
          sb += term * lb;
          sg += term * lg;
          sd += term * ld;
        }
        if (term * (terms - i) <= TAIL * sum) {
          break;
        }
        term *= (bb + i) / (ab + i) * ((dd + i) / (gd + i));
        if (gradient != null) {
          la -= 1 / (ab + i);
          lb += 1 / (bb + i) - 1 / (ab + i);
          lg -= 1 / (gd + i);
          ld += 1 / (dd + i) - 1 / (gd + i);
        }
      }
      double logInner;
      double shareA;
      if (terms == 0) {
        logInner = logA;
        shareA = 1;
      } else {
        double logSum = Math.log(sum);
        double hi = Math.max(logA, logSum);
        logInner = hi + Math.log1p(Math.exp(Math.min(logA, logSum) - hi));
        shareA = Math.exp(logA - logInner);
      }
      total += w[p] * (logC + logInner);
      if (gradient != null) {
        double shareSum = terms == 0 ? 0 : Math.exp(-logInner); // weight of one unit of the sum
        double psiAx = LogPochhammer.digamma(a + xi);
        double psiABt = LogPochhammer.digamma(a + b + ti);
        double psiABn = LogPochhammer.digamma(a + b + ni);
        double psiBtx = LogPochhammer.digamma(b + ti - xi);
        double psiBnx = LogPochhammer.digamma(b + ni - xi);
        double psiGDt1 = LogPochhammer.digamma(g + d + ti + 1);
        double psiGDn = LogPochhammer.digamma(g + d + ni);
        double psiDt = LogPochhammer.digamma(d + ti);
        double psiDn = LogPochhammer.digamma(d + ni);
        double cA = psiAx - psiABt - psiA + psiAB;
        double cB = psiBtx - psiABt - psiB + psiAB;
        double cG = LogPochhammer.digamma(g + 1) - psiGDt1 - psiG + psiGD;
        double cD = psiDt - psiGDt1 - psiD + psiGD;
        double aA = psiABt - psiABn;
        double aB = psiBnx - psiABn - psiBtx + psiABt;
        double aG = -1 / g - psiGDn + psiGDt1;
        double aD = psiDn - psiGDn - psiDt + psiGDt1;
        ga += w[p] * (cA + shareA * aA + shareSum * sa);
        gb += w[p] * (cB + shareA * aB + shareSum * sb);
        gg += w[p] * (cG + shareA * aG + shareSum * sg);
        gdl += w[p] * (cD + shareA * aD + shareSum * sd);
      }
    }
    if (gradient != null) {
      gradient[0] = ga * a;
      gradient[1] = gb * b;
      gradient[2] = gg * g;
      gradient[3] = gdl * d;
    }
    return total;
  }
}
