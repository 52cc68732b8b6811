package org.clvkit.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The shared fitting procedure, exercised on the negative binomial distribution (NBD) of counts x over
 * exposures T: P(x) = Γ(r+x)/(Γ(r) x!) (α/(α+T))^r (T/(α+T))^x, whose rate parameter α carries the
 * time unit. Simple enough to check against an independent computation, rich enough to show the
 * optimiser's behaviour.
 */
class ModelFittingTest {

  /** The NBD problem over counts and exposures with weights. */
  static final class Nbd implements ModelFitting.Problem {
    final double[] x;
    final double[] t;
    final double[] w;

    Nbd(double[] x, double[] t, double[] w) {
      this.x = x;
      this.t = t;
      this.w = w;
    }

    @Override
    public String model() {
      return "NBD";
    }

    @Override
    public List<String> parameterNames() {
      return List.of("r", "alpha");
    }

    @Override
    public double[] timeExponents() {
      return new double[] {0, 1};
    }

    @Override
    public double[] start() {
      return new double[] {0, 0};
    }

    @Override
    public double customers() {
      double s = 0;
      for (double v : w) {
        s += v;
      }
      return s;
    }

    @Override
    public int patterns() {
      return x.length;
    }

    @Override
    public MaximumLikelihood.Objective objective(double timeScale) {
      return new MaximumLikelihood.Objective() {
        @Override
        public int dimension() {
          return 2;
        }

        @Override
        public double value(double[] theta, double[] gradient) {
          double r = Math.exp(theta[0]);
          double a = Math.exp(theta[1]);
          double ll = 0;
          double gr = 0;
          double ga = 0;
          for (int i = 0; i < x.length; i++) {
            double tt = t[i] / timeScale;
            ll +=
                w[i]
                    * (Gamma.logGamma(r + x[i])
                        - Gamma.logGamma(r)
                        - Gamma.logGamma(x[i] + 1)
                        + r * Math.log(a / (a + tt))
                        + x[i] * Math.log(tt / (a + tt))
                        - x[i] * Math.log(1 / timeScale));
            if (gradient != null) {
              gr += w[i] * r * (Gamma.digamma(r + x[i]) - Gamma.digamma(r) + Math.log(a / (a + tt)));
              ga += w[i] * a * (r / a - (r + x[i]) / (a + tt));
            }
          }
          if (gradient != null) {
            gradient[0] = gr;
            gradient[1] = ga;
          }
          return ll;
        }
      };
    }
  }

  static Nbd simulate(double r, double alpha, int n, long seed) {
    MersenneTwister rng = new MersenneTwister(seed);
    GammaDistribution rates = new GammaDistribution(rng, r, 1 / alpha);
    SplittableRandom exposures = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] t = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = 1 + Math.floor(exposures.nextDouble() * 50);
      double mean = rates.sample() * t[i];
      x[i] = mean > 0 ? new PoissonDistribution(rng, mean, 1e-12, 10_000).sample() : 0;
      w[i] = 1;
    }
    return new Nbd(x, t, w);
  }

  @Test
  void fit_recoversSimulatedParametersWithinThreeStandardErrors() {
    Nbd data = simulate(0.8, 12.0, 5_000, 7);
    FitReport report = ModelFitting.fit(data, 5.0, FitSettings.DEFAULT).report();
    assertTrue(report.converged(), report.summaryTable());
    ParameterEstimate r = report.estimates().get(0);
    ParameterEstimate alpha = report.estimates().get(1);
    assertTrue(Math.abs(r.value() - 0.8) <= 3 * r.standardError(), report.summaryTable());
    assertTrue(Math.abs(alpha.value() - 12.0) <= 3 * alpha.standardError(), report.summaryTable());
    assertTrue(r.lower() < r.value() && r.value() < r.upper());
  }

  @Test
  void fit_rescalingTimeChangesNothing() {
    Nbd data = simulate(0.8, 12.0, 2_000, 11);
    ModelFitting.Outcome plain = ModelFitting.fit(data, 1.0, FitSettings.DEFAULT);
    ModelFitting.Outcome scaled = ModelFitting.fit(data, 7.3, FitSettings.DEFAULT);
    Tolerance close = Tolerance.relative(1e-6);
    close.check("r", plain.parameters()[0], scaled.parameters()[0]);
    close.check("alpha", plain.parameters()[1], scaled.parameters()[1]);
    Tolerance.relative(1e-10)
        .check(
            "log-likelihood",
            plain.report().diagnostics().logLikelihood(),
            scaled.report().diagnostics().logLikelihood());
    Tolerance.relative(1e-3)
        .check(
            "se(alpha)",
            plain.report().estimates().get(1).standardError(),
            scaled.report().estimates().get(1).standardError());
  }

  @Test
  void fit_weightsEqualDuplicatedRows() {
    Nbd compressed = new Nbd(new double[] {0, 1, 9}, new double[] {10, 10, 20}, new double[] {5, 3, 2});
    Nbd expanded =
        new Nbd(
            new double[] {0, 0, 0, 0, 0, 1, 1, 1, 9, 9},
            new double[] {10, 10, 10, 10, 10, 10, 10, 10, 20, 20},
            new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
    ModelFitting.Outcome a = ModelFitting.fit(compressed, 1.0, FitSettings.DEFAULT);
    ModelFitting.Outcome b = ModelFitting.fit(expanded, 1.0, FitSettings.DEFAULT);
    Tolerance.relative(1e-7).check("r", a.parameters()[0], b.parameters()[0]);
    Tolerance.relative(1e-7).check("alpha", a.parameters()[1], b.parameters()[1]);
  }

  @Test
  void fit_standardErrorsMatchAnIndependentHessian() {
    Nbd data = simulate(1.5, 4.0, 3_000, 3);
    ModelFitting.Outcome outcome = ModelFitting.fit(data, 1.0, FitSettings.DEFAULT);
    double[] theta = {Math.log(outcome.parameters()[0]), Math.log(outcome.parameters()[1])};
    // Second differences of the log-likelihood itself (no gradient), a different route to the Hessian.
    MaximumLikelihood.Objective f = data.objective(1.0);
    double h = 1e-4;
    double[][] hess = new double[2][2];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double[] pp = theta.clone();
        double[] pm = theta.clone();
        double[] mp = theta.clone();
        double[] mm = theta.clone();
        pp[i] += h;
        pp[j] += h;
        pm[i] += h;
        pm[j] -= h;
        mp[i] -= h;
        mp[j] += h;
        mm[i] -= h;
        mm[j] -= h;
        hess[i][j] =
            (f.value(pp, null) - f.value(pm, null) - f.value(mp, null) + f.value(mm, null))
                / (4 * h * h);
      }
    }
    double det = hess[0][0] * hess[1][1] - hess[0][1] * hess[1][0];
    double varLogR = -hess[1][1] / det;
    double varLogAlpha = -hess[0][0] / det;
    Tolerance.relative(1e-3)
        .check("se(r)", outcome.parameters()[0] * Math.sqrt(varLogR),
            outcome.report().estimates().get(0).standardError());
    Tolerance.relative(1e-3)
        .check("se(alpha)", outcome.parameters()[1] * Math.sqrt(varLogAlpha),
            outcome.report().estimates().get(1).standardError());
  }

  @Test
  void fit_penaltyShrinksParameters() {
    Nbd data = simulate(0.8, 12.0, 1_000, 5);
    double alpha = ModelFitting.fit(data, 1.0, FitSettings.DEFAULT).parameters()[1];
    ModelFitting.Outcome penalised =
        ModelFitting.fit(data, 1.0, FitSettings.DEFAULT.withPenalty(0.5));
    assertTrue(penalised.parameters()[1] < alpha);
    assertEquals(0.5, penalised.report().penalty());
  }

  @Test
  void fit_equidispersedCountsRunToTheBoundAndAreReported() {
    // Every customer buys exactly at the mean rate: no heterogeneity, so r -> infinity (the Poisson limit).
    int n = 200;
    double[] x = new double[n];
    double[] t = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = 10;
      x[i] = 5;
      w[i] = 1;
    }
    Nbd data = new Nbd(x, t, w);
    FitFailedException e =
        assertThrows(
            FitFailedException.class, () -> ModelFitting.fit(data, 1.0, FitSettings.DEFAULT));
    assertFalse(e.diagnostics().converged());
    assertTrue(
        e.getMessage().startsWith("NBD fit failed: parameter r ran to"), e.getMessage());
    assertTrue(e.getMessage().endsWith("the likelihood has no interior maximum on these data"));

    FitReport flagged =
        ModelFitting.fit(data, 1.0, FitSettings.DEFAULT.withAllowNonConverged(true)).report();
    assertFalse(flagged.converged());
    assertTrue(flagged.estimates().isEmpty());
  }
}
