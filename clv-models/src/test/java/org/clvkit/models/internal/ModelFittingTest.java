package org.clvkit.models.internal;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.FitStatus;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The shared fitting procedure, exercised on the negative binomial distribution (NBD) of counts x
 * over exposures T: P(x) = Γ(r+x)/(Γ(r) x!) (α/(α+T))^r (T/(α+T))^x, whose rate parameter α carries
 * the time unit. Simple enough to check against an independent computation, rich enough to show the
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
    public ModelFitting.Problem sample(int size, long seed) {
      PatternSample sample = PatternSample.draw(w, size, seed);
      return new Nbd(sample.select(x), sample.select(t), sample.weights());
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
              gr +=
                  w[i] * r * (Gamma.digamma(r + x[i]) - Gamma.digamma(r) + Math.log(a / (a + tt)));
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
    Nbd compressed =
        new Nbd(new double[] {0, 1, 9}, new double[] {10, 10, 20}, new double[] {5, 3, 2});
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
    // Second differences of the log-likelihood itself (no gradient), a different route to the
    // Hessian.
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
        .check(
            "se(r)",
            outcome.parameters()[0] * Math.sqrt(varLogR),
            outcome.report().estimates().get(0).standardError());
    Tolerance.relative(1e-3)
        .check(
            "se(alpha)",
            outcome.parameters()[1] * Math.sqrt(varLogAlpha),
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
    // Every customer buys exactly at the mean rate: no heterogeneity, so r -> infinity (the Poisson
    // limit).
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
    assertTrue(e.getMessage().startsWith("NBD fit failed: parameter r ran to"), e.getMessage());
    assertTrue(e.getMessage().endsWith("the likelihood has no interior maximum on these data"));
    assertEquals(FitStatus.NO_INTERIOR_MAXIMUM, e.diagnostics().status());
    assertEquals(java.util.Optional.of("r"), e.diagnostics().offendingParameter());

    FitReport flagged =
        ModelFitting.fit(data, 1.0, FitSettings.DEFAULT.withAllowNonConverged(true)).report();
    assertFalse(flagged.converged());
    assertTrue(flagged.estimates().isEmpty());
  }

  // The sample search followed by refinement on all patterns (large data) against the full search.

  /** Sampling from 1,000 patterns on, 400 patterns in the sample. */
  private static final ModelFitting.Sampling SMALL_SAMPLE = new ModelFitting.Sampling(1_000, 400);

  @Test
  void fit_sampleSearchFindsTheFullSearchMaximum() {
    Seeded.qt(6)
        .forAll(doubles().between(0.3, 3.0), doubles().between(2.0, 30.0), longs().between(1, 1000))
        .checkAssert(
            (r, alpha, seed) -> {
              Nbd data = simulate(r, alpha, 4_000, seed);
              ModelFitting.Outcome full =
                  ModelFitting.fit(data, 5.0, FitSettings.DEFAULT, ModelFitting.Sampling.NEVER);
              ModelFitting.Outcome fast =
                  ModelFitting.fit(data, 5.0, FitSettings.DEFAULT, SMALL_SAMPLE);
              FitReport a = full.report();
              FitReport b = fast.report();
              assertTrue(a.converged() && b.converged(), b.summaryTable());
              // "The same answers as the slow path": log-likelihood to 1e-9 relative (here both
              // end at the Newton polish's gradient criterion, much closer).
              Tolerance.relative(1e-12)
                  .check(
                      "log-likelihood",
                      a.diagnostics().logLikelihood(),
                      b.diagnostics().logLikelihood());
              for (int i = 0; i < 2; i++) {
                Tolerance.relative(1e-6)
                    .check("parameter " + i, full.parameters()[i], fast.parameters()[i]);
                Tolerance.relative(1e-5)
                    .check(
                        "standard error " + i,
                        a.estimates().get(i).standardError(),
                        b.estimates().get(i).standardError());
              }
              assertEquals(a.patterns(), b.patterns());
              assertEquals(a.customers(), b.customers());
            });
  }

  @Test
  void fit_sampleSearchCountsEveryEvaluation() {
    Nbd data = simulate(0.8, 12.0, 4_000, 21);
    CountingNbd counted = new CountingNbd(data);
    FitReport report = ModelFitting.fit(counted, 5.0, FitSettings.DEFAULT, SMALL_SAMPLE).report();
    // The reported evaluations are those of the sample and of all patterns, plus the final one in
    // the caller's time unit.
    assertEquals(counted.evaluations[0], report.diagnostics().evaluations());
    assertTrue(counted.full[0] < 40, "evaluations on all patterns: " + counted.full[0]);
  }

  @Test
  void fit_failedSampleSearchFallsBackToTheFullSearchAndItsFailure() {
    // Equidispersed counts: the likelihood has no interior maximum on the sample either.
    int n = 2_000;
    double[] x = new double[n];
    double[] t = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = 10 + i % 7;
      x[i] = t[i] / 2;
      w[i] = 1 + i % 3;
    }
    Nbd data = new Nbd(x, t, w);
    FitFailedException slow =
        assertThrows(
            FitFailedException.class,
            () -> ModelFitting.fit(data, 1.0, FitSettings.DEFAULT, ModelFitting.Sampling.NEVER));
    FitFailedException fast =
        assertThrows(
            FitFailedException.class,
            () -> ModelFitting.fit(data, 1.0, FitSettings.DEFAULT, SMALL_SAMPLE));
    assertEquals(slow.getMessage(), fast.getMessage());
    assertEquals(slow.diagnostics().logLikelihood(), fast.diagnostics().logLikelihood());
    assertTrue(fast.diagnostics().evaluations() > slow.diagnostics().evaluations());
  }

  @Test
  void fit_problemsWithoutSampleUseTheFullSearch() {
    Nbd data = simulate(0.8, 12.0, 2_000, 4);
    ModelFitting.Problem unsampled =
        new ModelFittingTest.Delegate(data) {
          @Override
          public ModelFitting.Problem sample(int size, long seed) {
            return null;
          }
        };
    FitReport full =
        ModelFitting.fit(data, 5.0, FitSettings.DEFAULT, ModelFitting.Sampling.NEVER).report();
    FitReport viaDefault =
        ModelFitting.fit(unsampled, 5.0, FitSettings.DEFAULT, SMALL_SAMPLE).report();
    assertEquals(full.diagnostics(), viaDefault.diagnostics());
  }

  @Test
  void refine_fromNearTheMaximumEndsWhereMaximizeEnds() {
    Nbd data = simulate(1.5, 4.0, 3_000, 3);
    MaximumLikelihood.Objective f = data.objective(2.0);
    MaximumLikelihood.Result full = MaximumLikelihood.maximize(f, new double[] {0, 0}, 1000, 23);
    double[] near = full.theta();
    near[0] += 0.05;
    near[1] -= 0.08;
    for (double[][] inverse : new double[][][] {null, full.covariance()}) {
      MaximumLikelihood.Result refined = MaximumLikelihood.refine(f, near, inverse, 30, 23);
      assertTrue(refined.converged(), refined.message());
      Tolerance.relative(1e-13).check("LL", full.logLikelihood(), refined.logLikelihood());
      for (int i = 0; i < 2; i++) {
        Tolerance.absolute(1e-7).check("theta " + i, full.theta()[i], refined.theta()[i]);
        Tolerance.relative(1e-5)
            .check("variance " + i, full.covariance()[i][i], refined.covariance()[i][i]);
      }
    }
  }

  @Test
  void refine_withoutAMaximumDoesNotConverge() {
    // A log-likelihood without a maximum: LL = θ0 − e^θ1 (increasing in θ0 forever).
    MaximumLikelihood.Objective unbounded =
        new MaximumLikelihood.Objective() {
          @Override
          public int dimension() {
            return 2;
          }

          @Override
          public double value(double[] theta, double[] gradient) {
            if (gradient != null) {
              gradient[0] = 1;
              gradient[1] = -Math.exp(theta[1]);
            }
            return theta[0] - Math.exp(theta[1]);
          }
        };
    MaximumLikelihood.Result result =
        MaximumLikelihood.refine(unbounded, new double[] {0, 0}, null, 30, 23);
    assertFalse(result.converged());
    assertEquals(null, result.covariance());
  }

  @Test
  void search_stopsAtItsOwnTolerance() {
    Nbd data = simulate(0.8, 12.0, 2_000, 9);
    MaximumLikelihood.Objective f = data.objective(5.0);
    MaximumLikelihood.Result loose =
        MaximumLikelihood.search(f, new double[] {0, 0}, 1000, 23, 1e-4);
    MaximumLikelihood.Result tight =
        MaximumLikelihood.search(f, new double[] {0, 0}, 1000, 23, 1e-8);
    assertTrue(loose.converged() && tight.converged());
    assertTrue(loose.evaluations() <= tight.evaluations());
    assertEquals(null, tight.covariance());
    double[] g = new double[2];
    double ll = f.value(tight.theta(), g);
    assertTrue(Math.max(Math.abs(g[0]), Math.abs(g[1])) <= 1e-8 * Math.abs(ll));
  }

  @Test
  void covariance_isTheInverseInformation() {
    Nbd data = simulate(1.5, 4.0, 3_000, 3);
    MaximumLikelihood.Objective f = data.objective(1.0);
    MaximumLikelihood.Result full = MaximumLikelihood.maximize(f, new double[] {0, 0}, 1000, 23);
    double[][] covariance = MaximumLikelihood.covariance(f, full.theta(), 23);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        Tolerance.relative(1e-6)
            .check("covariance " + i + j, full.covariance()[i][j], covariance[i][j]);
      }
    }
  }

  @Test
  void sampling_rejectsNonPositiveSizes() {
    assertRejects("from must be > 0, was 0", () -> new ModelFitting.Sampling(0, 1));
    assertRejects("size must be > 0, was -1", () -> new ModelFitting.Sampling(1, -1));
  }

  /** A problem that forwards to another (for overriding one method). */
  static class Delegate implements ModelFitting.Problem {
    final ModelFitting.Problem inner;

    Delegate(ModelFitting.Problem inner) {
      this.inner = inner;
    }

    @Override
    public String model() {
      return inner.model();
    }

    @Override
    public List<String> parameterNames() {
      return inner.parameterNames();
    }

    @Override
    public double[] timeExponents() {
      return inner.timeExponents();
    }

    @Override
    public MaximumLikelihood.Objective objective(double timeScale) {
      return inner.objective(timeScale);
    }

    @Override
    public double[] start() {
      return inner.start();
    }

    @Override
    public double customers() {
      return inner.customers();
    }

    @Override
    public int patterns() {
      return inner.patterns();
    }

    @Override
    public ModelFitting.Problem sample(int size, long seed) {
      return inner.sample(size, seed);
    }
  }

  /** Counts the evaluations of the problem and of its samples (shared counters). */
  static final class CountingNbd extends Delegate {
    final int[] evaluations;
    final int[] full;
    final boolean isSample;

    CountingNbd(ModelFitting.Problem inner) {
      this(inner, new int[1], new int[1], false);
    }

    private CountingNbd(
        ModelFitting.Problem inner, int[] evaluations, int[] full, boolean isSample) {
      super(inner);
      this.evaluations = evaluations;
      this.full = full;
      this.isSample = isSample;
    }

    @Override
    public MaximumLikelihood.Objective objective(double timeScale) {
      MaximumLikelihood.Objective o = inner.objective(timeScale);
      return new MaximumLikelihood.Objective() {
        @Override
        public int dimension() {
          return o.dimension();
        }

        @Override
        public double value(double[] theta, double[] gradient) {
          evaluations[0]++;
          if (!isSample) {
            full[0]++;
          }
          return o.value(theta, gradient);
        }
      };
    }

    @Override
    public ModelFitting.Problem sample(int size, long seed) {
      return new CountingNbd(inner.sample(size, seed), evaluations, full, true);
    }
  }
}
