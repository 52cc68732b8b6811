package org.clvkit.models.ggomnbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitStatus;
import org.clvkit.models.GradientChecks;
import org.clvkit.models.bgnbd.CdnowHistories;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** Fitting the GGompertz/NBD: CDNOW's boundary maximum and the analytic gradient. */
class GgompertzNbdFitterTest {

  /**
   * On CDNOW the likelihood rises towards the Pareto/NBD boundary (b → 0 with β/b fixed), as
   * CLVTools' test notes (its optimum fails the second-order KKT check): the fit says so, and the
   * log-likelihood it reaches is the supremum both CLVTools (−9594.9762) and Bemmaor &amp; Glady
   * (2012, Table 2: −9594.98) print.
   */
  @Test
  void fit_cdnowRunsToTheParetoBoundaryAtThePublishedLogLikelihood() {
    ReferenceTable table = ReferenceTable.load("ggomnbd_cdnow.csv");
    GgompertzNbdModel model =
        GgompertzNbdFitter.create()
            .withSettings(org.clvkit.models.FitSettings.DEFAULT.withAllowNonConverged(true))
            .fit(CdnowHistories.load());
    FitReport report = model.fitReport().orElseThrow();
    double ll = report.diagnostics().logLikelihood();
    for (int i = 0; i < table.size(); i++) {
      Tolerance.absolute(0.01)
          .check(
              table.text(i, "source") + " published supremum",
              table.number(i, "published_log_likelihood"),
              ll);
    }
    assertEquals(FitStatus.NO_INTERIOR_MAXIMUM, report.diagnostics().status());
    assertEquals("b", report.diagnostics().parameter());
    assertFalse(report.diagnostics().converged());
    assertTrue(report.estimates().isEmpty(), "no standard errors at a boundary");
    assertTrue(
        report.diagnostics().message().contains("Pareto/NBD limit"),
        report.diagnostics().message());
    GgompertzNbdParameters p = model.parameters();
    assertTrue(p.b() < 1e-3, () -> "b = " + p.b() + "\n" + report.summaryTable());
    // β/b tends to the Pareto/NBD's β (11.67 on CDNOW, Fader, Hardie & Lee 2005)
    Tolerance.relative(0.05).check("beta / b", 11.67, p.beta() / p.b());
  }

  /**
   * Data simulated from a GGompertz/NBD with a clearly growing hazard have an interior maximum: the
   * boundary check (the likelihood at the Pareto/NBD limit) does not fire, and the fit converges
   * with standard errors near the simulated parameters.
   */
  @Test
  void fit_simulatedGompertzDataHasAnInteriorMaximum() {
    // clv-bench's ModelFitsBenchmark at 10,000 customers: ages uniform in [24.3, 42.8] weeks,
    // recency and age in whole days.
    int n = 10_000;
    long seed = 20_261_206L;
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = 24.3 + (42.8 - 24.3) * random.nextDouble();
    }
    GgompertzNbdParameters truth = new GgompertzNbdParameters(0.8, 8.0, 0.05, 1.2, 2.0);
    FitReport report =
        GgompertzNbdFitter.create()
            .fit(days(GgompertzNbdSimulator.of(truth, seed).histories(ages)))
            .fitReport()
            .orElseThrow();
    assertEquals(FitStatus.CONVERGED, report.diagnostics().status(), report.summaryTable());
    assertEquals(5, report.estimates().size());
    Tolerance.relative(0.1).check("r", truth.r(), report.estimates().get(0).value());
    Tolerance.relative(0.1).check("alpha", truth.alpha(), report.estimates().get(1).value());
  }

  /** The histories with recency and age rounded to whole days (1/7 week). */
  private static CustomerHistories days(CustomerHistories weeks) {
    double[] f = weeks.frequencyColumn();
    double[] t = weeks.recencyColumn();
    double[] a = weeks.ageColumn();
    for (int i = 0; i < t.length; i++) {
      t[i] = Math.rint(t[i] * 7) / 7;
      a[i] = Math.rint(a[i] * 7) / 7;
    }
    return CustomerHistories.of(f, t, a);
  }

  /**
   * The panel quadrature over the data's time grid ({@link GgompertzNbdPanels}) against the
   * adaptive Gauss–Kronrod rule pattern by pattern: the log-likelihood and its gradient agree to
   * 1e-11 relative on CDNOW and on daily-rounded simulated histories, at an interior point, near
   * the Pareto/NBD limit, with a steep early hazard (β &lt; 1) and with a large b.
   */
  @Test
  void panelQuadrature_matchesAdaptiveQuadrature() {
    int n = 3000;
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = 24.3 + (42.8 - 24.3) * random.nextDouble();
    }
    CustomerHistories simulated =
        GgompertzNbdSimulator.of(new GgompertzNbdParameters(0.8, 8.0, 0.05, 1.2, 2.0), 5L)
            .histories(ages);
    CustomerHistories daily = days(simulated);
    double[][] points = {
      {0.78, 1.81, 0.5, 0.43, 1.98},
      {0.55, 2.7, 1e-6, 0.6, 1e-5},
      {0.55, 2.7, 1.1e-9, 0.6, 1.1e-9 * 11.67 / 3.9},
      {3, 0.3, 2, 0.2, 0.01},
      {0.3, 10, 0.01, 3, 20},
      {1, 1, 4, 1, 1}
    };
    for (CustomerHistories data : java.util.List.of(CdnowHistories.load(), daily)) {
      GgompertzNbdLikelihood panels = new GgompertzNbdLikelihood(data, 3.9, true, null);
      GgompertzNbdLikelihood adaptive = new GgompertzNbdLikelihood(data, 3.9, false, null);
      for (double[] p : points) {
        double[] g1 = new double[5];
        double[] g2 = new double[5];
        double v1 = panels.logLikelihood(p, 3.9, g1);
        double v2 = adaptive.logLikelihood(p, 3.9, g2);
        String at = java.util.Arrays.toString(p);
        Tolerance.relative(1e-11).check("LL at " + at, v2, v1);
        for (int k = 0; k < 5; k++) {
          Tolerance.absolute(1e-9 * Math.abs(v2))
              .check("gradient " + k + " at " + at, g2[k], g1[k]);
        }
      }
    }
  }

  /**
   * The interpolated mode of {@link GgompertzNbdPanels}, for times not on a coarse grid (every
   * customer's t_x and T its own, as simulated), against the adaptive Gauss–Kronrod rule pattern by
   * pattern: the log-likelihood agrees to 1e-11 relative and the gradient to 1e-9 of it, at the
   * same points as the panel test.
   */
  @Test
  void interpolatedQuadrature_matchesAdaptiveQuadratureOnContinuousTimes() {
    int n = 3000;
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = 24.3 + (42.8 - 24.3) * random.nextDouble();
    }
    CustomerHistories continuous =
        GgompertzNbdSimulator.of(new GgompertzNbdParameters(0.8, 8.0, 0.05, 1.2, 2.0), 5L)
            .histories(ages);
    double[][] points = {
      {0.78, 1.81, 0.5, 0.43, 1.98},
      {0.55, 2.7, 1e-6, 0.6, 1e-5},
      {3, 0.3, 2, 0.2, 0.01},
      {0.3, 10, 0.01, 3, 20},
      {1, 1, 4, 1, 1},
      {0.8, 8.0 / 3.9, 0.05 * 3.9, 1.2, 2.0}
    };
    GgompertzNbdLikelihood fine = new GgompertzNbdLikelihood(continuous, 3.9, true, null);
    GgompertzNbdLikelihood adaptive = new GgompertzNbdLikelihood(continuous, 3.9, false, null);
    assertTrue(fine.panelPatterns() > 0.99 * fine.patterns() - 1, "patterns on the layout");
    for (double[] p : points) {
      double[] g1 = new double[5];
      double[] g2 = new double[5];
      double v1 = fine.logLikelihood(p, 3.9, g1);
      double v2 = adaptive.logLikelihood(p, 3.9, g2);
      String at = java.util.Arrays.toString(p);
      Tolerance.relative(1e-11).check("LL at " + at, v2, v1);
      for (int k = 0; k < 5; k++) {
        Tolerance.absolute(1e-9 * Math.abs(v2)).check("gradient " + k + " at " + at, g2[k], g1[k]);
      }
      assertTrue(fine.lastEvaluationUsedPanels(), "the interpolated mode was used at " + at);
    }
  }

  /**
   * The pattern sums on an executor (several chunks: more than 16,384 patterns) give the same
   * log-likelihood and gradient, bit for bit, as in the calling thread.
   */
  @Test
  void executor_givesTheSameLikelihoodBitForBit() throws Exception {
    int n = 100_000;
    java.util.SplittableRandom random = new java.util.SplittableRandom(9);
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = 24.3 + (42.8 - 24.3) * random.nextDouble();
    }
    CustomerHistories data =
        days(
            GgompertzNbdSimulator.of(new GgompertzNbdParameters(0.8, 8.0, 0.05, 1.2, 2.0), 9L)
                .histories(ages));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      org.clvkit.models.LogLikelihood alone = GgompertzNbdFitter.create().logLikelihood(data);
      org.clvkit.models.LogLikelihood pooled =
          GgompertzNbdFitter.create().withExecutor(pool).logLikelihood(data);
      assertTrue(
          alone.patterns() > 2 * GgompertzNbdLikelihood.CHUNK, "patterns " + alone.patterns());
      double[] p = {0.8, 8.0, 0.05, 1.2, 2.0};
      double[] g1 = new double[5];
      double[] g2 = new double[5];
      assertEquals(alone.value(p, g1), pooled.value(p, g2));
      org.junit.jupiter.api.Assertions.assertArrayEquals(g1, g2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void gradient_matchesCentralDifferences() {
    CustomerHistories data = CdnowHistories.load();
    GgompertzNbdLikelihood likelihood = new GgompertzNbdLikelihood(data, 3.9);
    GradientChecks.matchesCentralDifferences(
        "d LL / d log-parameter ",
        (theta, gradient) -> {
          double[] p = new double[5];
          for (int k = 0; k < 5; k++) {
            p[k] = Math.exp(theta[k]);
          }
          return likelihood.logLikelihood(p, 3.9, gradient);
        },
        new double[] {-0.6, 1.0, -1.5, 0.2, -0.4},
        1e-5,
        Tolerance.relative(1e-6));
  }

  @Test
  void fit_failsWithoutAllowNonConvergedOnCdnow() {
    org.clvkit.models.FitFailedException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.clvkit.models.FitFailedException.class,
            () -> GgompertzNbdFitter.create().fit(CdnowHistories.load()));
    assertFalse(e.diagnostics().converged());
    assertEquals(FitStatus.NO_INTERIOR_MAXIMUM, e.diagnostics().status());
    assertEquals("b", e.diagnostics().parameter());
    assertTrue(e.getMessage().contains("GGompertz/NBD"), e.getMessage());
  }
}
