package org.clvkit.models.paretonbd;

import static org.clvkit.testing.Seeded.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import org.clvkit.models.internal.Hypergeometric;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The fit's kernel: the analytic gradient of the per-pattern log-likelihood against
 * Richardson-extrapolated central differences of the value path, the gradient path's value against
 * the value path, its frequency terms against mpmath, and the derivative series of 2F1(a, b; a+1;
 * z) against {@link Hypergeometric}.
 */
class ParetoNbdFunctionsTest {

  /** ln L through the value path (the model's), at log-parameters θ. */
  private static double logLikelihood(double[] theta, double x, double tx, double t) {
    return new ParetoNbdFunctions(
            Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]))
        .logLikelihood(x, tx, t);
  }

  /**
   * d ln L / dθ_i by Richardson extrapolation of central differences with steps 1e-3 and 5e-4
   * (error O(h^4) ≈ 1e-12 plus rounding ≈ 1e-16 |ln L| / h).
   */
  private static double numericalDerivative(double[] theta, int i, double x, double tx, double t) {
    double[] d = new double[2];
    for (int k = 0; k < 2; k++) {
      double h = k == 0 ? 1e-3 : 5e-4;
      double[] plus = theta.clone();
      double[] minus = theta.clone();
      plus[i] += h;
      minus[i] -= h;
      d[k] = (logLikelihood(plus, x, tx, t) - logLikelihood(minus, x, tx, t)) / (2 * h);
    }
    return (4 * d[1] - d[0]) / 3;
  }

  private static void checkGradient(double[] p, double x, double tx, double t) {
    double[] theta = new double[4];
    for (int i = 0; i < 4; i++) {
      theta[i] = Math.log(p[i]);
    }
    ParetoNbdFunctions f = new ParetoNbdFunctions(p[0], p[1], p[2], p[3]);
    double[] gradient = new double[4];
    double value = f.logLikelihood(x, tx, t, gradient, new double[ParetoNbdFunctions.WORK]);
    String context = Arrays.toString(p) + " x=" + x + " t_x=" + tx + " T=" + t;
    double expected = f.logLikelihood(x, tx, t);
    Tolerance.relative(1e-12)
        .or(Tolerance.absolute(1e-12))
        .check("ln L (gradient path) " + context, expected, value);
    for (int i = 0; i < 4; i++) {
      double numeric = numericalDerivative(theta, i, x, tx, t);
      double bound = 1e-7 * Math.max(1, Math.abs(numeric)) + 1e-10 * Math.abs(expected);
      Tolerance.absolute(bound).check("d ln L / d ln θ" + i + " " + context, numeric, gradient[i]);
    }
  }

  @Test
  void gradient_matchesNumericalDerivativesInEveryRegion() {
    double[] cdnow = {0.5533, 10.5776, 0.6061, 11.6650};
    checkGradient(cdnow, 2, 30.43, 38.86);
    checkGradient(cdnow, 0, 0, 38.86);
    checkGradient(cdnow, 3, 38.86, 38.86); // t_x = T: alive term only
    checkGradient(cdnow, 1000, 20, 38.86);
    checkGradient(new double[] {0.8, 5.0, 1.3, 5.0}, 4, 12, 30); // α = β: z = 0
    checkGradient(new double[] {0.8, 5.0, 1.3, 5.0 * (1 + 1e-12)}, 4, 12, 30);
    checkGradient(new double[] {0.4, 3.0, 2.5, 40.0}, 7, 20, 52); // β > α
    checkGradient(new double[] {2.0, 200.0, 0.7, 0.5}, 1, 0.3, 10); // z > 0.9: fallback
    checkGradient(new double[] {0.3, 0.2, 1.5, 300.0}, 3, 0.5, 8); // z > 0.9, β > α
    checkGradient(new double[] {0.001, 8.0, 0.5, 12.0}, 0, 0, 40); // tiny r
  }

  @Test
  void gradient_matchesNumericalDerivativesOnRandomPatterns() {
    Gen<double[]> parameters =
        doubles()
            .between(-2, 2)
            .zip(
                doubles().between(-2, 2),
                doubles().between(-2, 2),
                doubles().between(-2, 2),
                (a, b, c, d) ->
                    new double[] {
                      Math.pow(10, a), Math.pow(10, b), Math.pow(10, c), Math.pow(10, d)
                    });
    qt(300)
        .forAll(
            parameters,
            integers().between(0, 200),
            doubles().between(0, 1),
            doubles().between(0.1, 100))
        .checkAssert((p, x, u, t) -> checkGradient(p, x, x == 0 ? 0 : u * t, t));
  }

  /**
   * The frequency terms ln Γ(r+x) − ln Γ(r) and ψ(r+x) − ψ(r) against mpmath (30 digits: {@code
   * mp.loggamma(r+x) − mp.loggamma(r)}, {@code mp.digamma(r+x) − mp.digamma(r)}) and ln(r+s+x), and
   * over x = 0..4999 against commons-math3 (whose digamma switches to a short asymptotic series at
   * 49 and is good only to about 1e-9 there, hence the absolute tolerance for ψ).
   */
  @Test
  void frequencyTerms_matchLogGammaAndDigamma() {
    double[][] mpmath = {
      {0.001, 50, 137.662467060735058840216874053, 1004.47758180636736130185959251},
      {0.5533, 4999, 37578.3474251269970030202271608, 10.2391695245524137265351754142},
      {7.5, 1000, 5949.51854188701307587242965139, 4.96797344956187007777168218589},
      {1000, 4999, 40279.7379130323064650222798179, 1.79200952246415701329070392148}
    };
    double[] out = new double[ParetoNbdFunctions.FREQUENCY_TERMS];
    for (double[] row : mpmath) {
      double r = row[0];
      double x = row[1];
      ParetoNbdFunctions f = new ParetoNbdFunctions(r, 1, 0.7, 1);
      f.frequencyTerms(x, out, 0);
      Tolerance.relative(1e-14).check("ln Γ ratio r=" + r + " x=" + x, row[2], out[0]);
      Tolerance.relative(1e-14).check("ψ difference r=" + r + " x=" + x, row[3], out[1]);
      Tolerance.ulps(1).check("ln(r+s+x) r=" + r + " x=" + x, Math.log(r + 0.7 + x), out[2]);
      for (int j = 0; j < 5000; j++) {
        f.frequencyTerms(j, out, 0);
        double expectedLg =
            org.apache.commons.math3.special.Gamma.logGamma(r + j)
                - org.apache.commons.math3.special.Gamma.logGamma(r);
        double expectedDg =
            org.apache.commons.math3.special.Gamma.digamma(r + j)
                - org.apache.commons.math3.special.Gamma.digamma(r);
        Tolerance.relative(1e-13)
            .or(Tolerance.absolute(1e-12))
            .check("ln Γ(r+j) − ln Γ(r), r=" + r + " j=" + j, expectedLg, out[0]);
        Tolerance.absolute(5e-9).check("ψ(r+j) − ψ(r), r=" + r + " j=" + j, expectedDg, out[1]);
      }
    }
  }

  /** Richardson extrapolation of central differences with steps h and h/2: error O(h^4). */
  private static double derivative(java.util.function.DoubleUnaryOperator f, double x, double h) {
    double d1 = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    double d2 = (f.applyAsDouble(x + h / 2) - f.applyAsDouble(x - h / 2)) / h;
    return (4 * d2 - d1) / 3;
  }

  /**
   * ln F and its derivatives in a, b, z of {@link Hypergeometric#log2F1AndDerivatives} against
   * central differences of log2F1, at the Pareto/NBD's arguments.
   */
  @Test
  void log2F1AndDerivatives_matchesLog2F1AndItsDifferences() {
    double[][] cases = {
      {1.2, 1.6, 0.0},
      {1.2, 1.6, 1e-9},
      {1.2, 1.6, 0.3},
      {30.5, 1.6, 0.85},
      {3.0, 0.9, 0.5},
      {1000.5, 1.2, 0.6},
      {2.5, 2.0, 0.899},
      {2.5, 2.0, 0.95},
      {0.01, 0.005, 0.7}
    };
    double[] out = new double[4];
    for (double[] c : cases) {
      double a = c[0];
      double b = c[1];
      double z = c[2];
      Hypergeometric.log2F1AndDerivatives(a, b, a - b + 1, z, 1 - z, out, 0);
      String context = "a=" + a + " b=" + b + " z=" + z;
      Tolerance.relative(1e-13)
          .or(Tolerance.absolute(1e-15))
          .check("ln F " + context, Hypergeometric.log2F1(a, b, a + 1, z), out[0]);
      double da = derivative(v -> Hypergeometric.log2F1(v, b, v + 1, z), a, 1e-3 * a);
      double db = derivative(v -> Hypergeometric.log2F1(a, v, a + 1, z), b, 1e-3 * b);
      // negative arguments near z = 0 are in log2F1's domain
      double dz =
          derivative(v -> Hypergeometric.log2F1(a, b, a + 1, v), z, Math.max(1e-3 * z, 1e-6));
      Tolerance loose = Tolerance.relative(1e-6).or(Tolerance.absolute(1e-9));
      loose.check("d ln F / da " + context, da, out[1]);
      loose.check("d ln F / db " + context, db, out[2]);
      loose.check("d ln F / dz " + context, dz, out[3]);
    }
  }
}
