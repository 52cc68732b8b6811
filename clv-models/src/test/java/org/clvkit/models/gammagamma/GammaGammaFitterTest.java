package org.clvkit.models.gammagamma;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.GradientChecks;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class GammaGammaFitterTest {

  private static final GammaGammaParameters CDNOW = new GammaGammaParameters(6.25, 3.74, 15.44);

  /** The tolerance of a row of gamma_gamma_cdnow.csv: relative, absolute, or either. */
  private static Tolerance tolerance(ReferenceTable table, int row) {
    String relative = table.text(row, "relative");
    String absolute = table.text(row, "absolute");
    Tolerance r = relative.isEmpty() ? null : Tolerance.relative(Double.parseDouble(relative));
    Tolerance a = absolute.isEmpty() ? null : Tolerance.absolute(Double.parseDouble(absolute));
    return r == null ? a : a == null ? r : r.or(a);
  }

  private static void check(ReferenceTable table, String quantity, double actual) {
    int row = table.find("quantity", quantity);
    tolerance(table, row).check(quantity, table.number(row, "value"), actual);
  }

  @Test
  void fit_cdnowMatchesPublishedEstimates() {
    ReferenceTable table = ReferenceTable.load("gamma_gamma_cdnow.csv");
    CdnowSummary cdnow = CdnowSummary.load();
    GammaGammaModel model = GammaGammaFitter.create().fit(cdnow.frequency, cdnow.monetaryValue);
    FitReport report = model.fitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    check(table, "p", model.parameters().p());
    check(table, "q", model.parameters().q());
    check(table, "gamma", model.parameters().gamma());
    check(table, "logLikelihood", report.diagnostics().logLikelihood());
    check(table, "se_p", report.estimates().get(0).standardError());
    check(table, "se_q", report.estimates().get(1).standardError());
    check(table, "se_gamma", report.estimates().get(2).standardError());
    check(table, "repeaters", report.customers());
    assertEquals(cdnow.size() - report.customers(), model.customersLeftOut());
    assertTrue(report.patterns() <= report.customers());
    assertEquals("Gamma-Gamma", report.model());
  }

  @Test
  void conditionalExpectedSpend_cdnowCustomersMatchPublishedValues() {
    ReferenceTable table = ReferenceTable.load("gamma_gamma_cdnow.csv");
    CdnowSummary cdnow = CdnowSummary.load();
    GammaGammaModel model = GammaGammaFitter.create().fit(cdnow.frequency, cdnow.monetaryValue);
    // Customers are numbered from 1 in the file's ID column, in file order.
    for (int id : new int[] {1, 2, 6}) {
      check(
          table,
          "spend_customer_" + id,
          model.conditionalExpectedSpend(cdnow.frequency[id - 1], cdnow.monetaryValue[id - 1]));
    }
  }

  @Test
  void fit_logLikelihoodEqualsSumOfPerCustomerDensities() {
    // The grouped, compressed likelihood (fast path) against the per-customer density (slow path).
    qt(20)
        .forAll(integers().between(1, 2_000))
        .checkAssert(
            n -> {
              SplittableRandom random = new SplittableRandom(n);
              double[] f = new double[n];
              for (int i = 0; i < n; i++) {
                f[i] = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(12);
              }
              double[] m = GammaGammaSimulator.of(CDNOW).simulateMonetaryValue(f, n);
              for (int i = 0; i < n; i += 7) {
                m[i] = Math.rint(m[i]); // some duplicated patterns
              }
              SpendPatterns data = SpendPatterns.of(f, m, null);
              GammaGammaModel at = GammaGammaModel.of(new GammaGammaParameters(2.5, 4.0, 30.0));
              double slow = 0;
              double customers = 0;
              for (int i = 0; i < n; i++) {
                if (f[i] > 0 && m[i] > 0) {
                  slow += at.logLikelihood(f[i], m[i]);
                  customers++;
                }
              }
              double fast =
                  new GammaGammaLikelihood(data)
                      .objective(data.meanSpend)
                      .value(
                          new double[] {
                            Math.log(2.5), Math.log(4.0), Math.log(30.0 / data.meanSpend)
                          },
                          null);
              assertEquals(customers, data.customers);
              Tolerance.relative(1e-9).check("log-likelihood", slow, fast);
            });
  }

  @Test
  void objective_gradientMatchesCentralDifferences() {
    double[] f = new double[500];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < f.length; i++) {
      f[i] = 1 + random.nextInt(20);
    }
    double[] m = GammaGammaSimulator.of(CDNOW).simulateMonetaryValue(f, 3);
    SpendPatterns data = SpendPatterns.of(f, m, null);
    MaximumLikelihood.Objective objective = new GammaGammaLikelihood(data).objective(7.0);
    GradientChecks.matchesCentralDifferences(
        "d LL / d theta ",
        objective::value,
        new double[] {Math.log(3.0), Math.log(2.0), Math.log(0.8)},
        1e-6,
        Tolerance.relative(1e-6));
  }

  @Test
  void fit_weightsEqualDuplicatedRows() {
    SplittableRandom random = new SplittableRandom(5);
    double[] f = new double[60];
    double[] w = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = 1 + random.nextInt(6);
      w[i] = 1 + random.nextInt(4);
    }
    double[] m = GammaGammaSimulator.of(CDNOW).simulateMonetaryValue(f, 5);
    int total = (int) Arrays.stream(w).sum();
    double[] fe = new double[total];
    double[] me = new double[total];
    int k = 0;
    for (int i = 0; i < f.length; i++) {
      for (int j = 0; j < w[i]; j++) {
        fe[k] = f[i];
        me[k] = m[i];
        k++;
      }
    }
    GammaGammaModel weighted = GammaGammaFitter.create().fit(f, m, w);
    GammaGammaModel expanded = GammaGammaFitter.create().fit(fe, me);
    Tolerance close = Tolerance.relative(1e-7);
    close.check("p", expanded.parameters().p(), weighted.parameters().p());
    close.check("q", expanded.parameters().q(), weighted.parameters().q());
    close.check("gamma", expanded.parameters().gamma(), weighted.parameters().gamma());
    FitReport a = weighted.fitReport().orElseThrow();
    FitReport b = expanded.fitReport().orElseThrow();
    Tolerance.relative(1e-12)
        .check("log-likelihood", b.diagnostics().logLikelihood(), a.diagnostics().logLikelihood());
    assertEquals(total, a.customers());
    assertEquals(f.length, a.patterns());
    assertEquals(f.length, b.patterns());
  }

  @Test
  void fit_recoversSimulatedParametersWithinThreeStandardErrors() {
    int n = 20_000;
    double[] f = new double[n];
    SplittableRandom random = new SplittableRandom(23);
    for (int i = 0; i < n; i++) {
      f[i] = 1 + random.nextInt(random.nextInt(3) == 0 ? 30 : 4);
    }
    double[] m = GammaGammaSimulator.of(CDNOW).simulateMonetaryValue(f, 23);
    FitReport report = GammaGammaFitter.create().fit(f, m).fitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    double[] truth = {CDNOW.p(), CDNOW.q(), CDNOW.gamma()};
    for (int i = 0; i < 3; i++) {
      ParameterEstimate e = report.estimates().get(i);
      double expected = truth[i];
      assertTrue(
          Math.abs(e.value() - expected) <= 3 * e.standardError(),
          () -> e.name() + " = " + e.value() + " vs " + expected + "\n" + report.summaryTable());
    }
  }

  @Test
  void fit_changingTheMoneyUnitScalesOnlyGamma() {
    CdnowSummary cdnow = CdnowSummary.load();
    double[] cents = cdnow.monetaryValue.clone();
    for (int i = 0; i < cents.length; i++) {
      cents[i] *= 100;
    }
    GammaGammaModel dollars = GammaGammaFitter.create().fit(cdnow.frequency, cdnow.monetaryValue);
    GammaGammaModel inCents = GammaGammaFitter.create().fit(cdnow.frequency, cents);
    Tolerance close = Tolerance.relative(1e-6);
    close.check("p", dollars.parameters().p(), inCents.parameters().p());
    close.check("q", dollars.parameters().q(), inCents.parameters().q());
    close.check("gamma", 100 * dollars.parameters().gamma(), inCents.parameters().gamma());
    // The density of spend in cents is the density in dollars divided by 100, per customer.
    double repeaters = dollars.fitReport().orElseThrow().customers();
    Tolerance.relative(1e-10)
        .check(
            "log-likelihood",
            dollars.fitReport().orElseThrow().diagnostics().logLikelihood()
                - repeaters * Math.log(100),
            inCents.fitReport().orElseThrow().diagnostics().logLikelihood());
    close.check(
        "spend of customer 1",
        100 * dollars.conditionalExpectedSpend(2, 22.35),
        inCents.conditionalExpectedSpend(2, 2235));
  }

  @Test
  void fit_penaltyShrinksParameters() {
    CdnowSummary cdnow = CdnowSummary.load();
    GammaGammaModel plain = GammaGammaFitter.create().fit(cdnow.frequency, cdnow.monetaryValue);
    GammaGammaModel penalised =
        GammaGammaFitter.create()
            .withSettings(FitSettings.DEFAULT.withPenalty(1.0))
            .fit(cdnow.frequency, cdnow.monetaryValue);
    assertTrue(penalised.parameters().gamma() < plain.parameters().gamma());
    assertEquals(1.0, penalised.fitReport().orElseThrow().penalty());
  }

  @Test
  void fit_identicalSpendsHaveNoInteriorMaximumAndAreReported() {
    // Every customer spends exactly 20 on every transaction: no heterogeneity and no
    // within-customer variation, so the likelihood grows without bound as p and q run off.
    double[] f = new double[300];
    double[] m = new double[300];
    for (int i = 0; i < f.length; i++) {
      f[i] = 1 + i % 5;
      m[i] = 20;
    }
    FitFailedException e =
        assertThrows(FitFailedException.class, () -> GammaGammaFitter.create().fit(f, m));
    assertFalse(e.diagnostics().converged());
    assertTrue(e.getMessage().startsWith("Gamma-Gamma fit failed: "), e.getMessage());
    GammaGammaModel flagged =
        GammaGammaFitter.create()
            .withSettings(FitSettings.DEFAULT.withAllowNonConverged(true))
            .fit(f, m);
    assertFalse(flagged.fitReport().orElseThrow().converged());
    assertTrue(flagged.fitReport().orElseThrow().estimates().isEmpty());
  }

  @Test
  void fit_leavesOutAndCountsNonRepeaters() {
    double[] f = {0, 2, 3, 0, 1, 4, 2, 1};
    double[] m = {0, 20, 31, 0, 0, 18, 22, 15};
    double[] w = {5, 1, 2, 3, 2, 1, 1, 0.5};
    GammaGammaModel model =
        GammaGammaFitter.create()
            .withSettings(FitSettings.DEFAULT.withAllowNonConverged(true))
            .fit(f, m, w);
    assertEquals(10.0, model.customersLeftOut());
    assertEquals(5.5, model.fitReport().orElseThrow().customers());
    assertEquals(5, model.fitReport().orElseThrow().patterns());
    assertEquals(0.0, GammaGammaModel.of(CDNOW).customersLeftOut());
    assertTrue(GammaGammaModel.of(CDNOW).fitReport().isEmpty());
  }

  @Test
  void fit_rejectsBadInputWithExactMessages() {
    GammaGammaFitter fitter = GammaGammaFitter.create();
    assertRejects("frequency must not be null", () -> fitter.fit(null, new double[] {1}));
    assertRejects("frequency must not be empty", () -> fitter.fit(new double[0], new double[0]));
    assertRejects("monetaryValue must not be null", () -> fitter.fit(new double[] {1}, null));
    assertRejects(
        "monetaryValue has length 1 but frequency has length 2",
        () -> fitter.fit(new double[] {1, 2}, new double[] {3}));
    assertRejects(
        "weights has length 1 but frequency has length 2",
        () -> fitter.fit(new double[] {1, 2}, new double[] {3, 4}, new double[] {1}));
    assertRejects(
        "weights must not be null",
        () -> fitter.fit(new double[] {1, 2}, new double[] {3, 4}, null));
    assertRejects(
        "frequency[1] must be a whole number >= 0, was 1.5",
        () -> fitter.fit(new double[] {1, 1.5}, new double[] {3, 4}));
    assertRejects(
        "frequency[0] must be a whole number >= 0, was -1.0",
        () -> fitter.fit(new double[] {-1, 1}, new double[] {3, 4}));
    assertRejects(
        "frequency[0] must be a whole number >= 0, was NaN",
        () -> fitter.fit(new double[] {Double.NaN, 1}, new double[] {3, 4}));
    assertRejects(
        "monetaryValue[1] must be finite and >= 0, was -4.0",
        () -> fitter.fit(new double[] {1, 1}, new double[] {3, -4}));
    assertRejects(
        "monetaryValue[1] must be finite and >= 0, was NaN",
        () -> fitter.fit(new double[] {1, 1}, new double[] {3, Double.NaN}));
    assertRejects(
        "monetaryValue[0] must be finite and >= 0, was Infinity",
        () -> fitter.fit(new double[] {1, 1}, new double[] {Double.POSITIVE_INFINITY, 3}));
    assertRejects(
        "weights[1] must be finite and >= 0, was -1.0",
        () -> fitter.fit(new double[] {1, 1}, new double[] {3, 4}, new double[] {1, -1}));
    assertRejects(
        "no repeat customers to fit: every row has frequency = 0, monetaryValue = 0 or weight 0",
        () -> fitter.fit(new double[] {0, 2, 3}, new double[] {0, 0, 5}, new double[] {1, 1, 0}));
  }
}
