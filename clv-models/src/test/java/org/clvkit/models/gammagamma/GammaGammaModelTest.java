package org.clvkit.models.gammagamma;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class GammaGammaModelTest {

  private static final GammaGammaModel CDNOW =
      GammaGammaModel.of(new GammaGammaParameters(6.2493, 3.7443, 15.4443));

  /** Parameters over the robustness grid: each log-uniform in [1e-3, 1e3]. */
  private static Gen<GammaGammaParameters> parameters() {
    Gen<Double> logUniform = doubles().between(-3, 3).map(e -> Math.pow(10, e));
    return logUniform.zip(logUniform, logUniform, GammaGammaParameters::new);
  }

  /** Frequencies 0..10^4, roughly log-uniform. */
  private static Gen<Double> frequencies() {
    return doubles().between(-0.5, 4).map(e -> e < 0 ? 0.0 : Math.rint(Math.pow(10, e)));
  }

  /** Mean spends 0 and 1e-3..1e6. */
  private static Gen<Double> spends() {
    return doubles().between(-3.5, 6).map(e -> e < -3 ? 0.0 : Math.pow(10, e));
  }

  @Test
  void conditionalExpectedSpend_matchesQuadratureOfThePosterior() {
    ReferenceTable table = ReferenceTable.load("gamma_gamma_quadrature.csv");
    for (int row = 0; row < table.size(); row++) {
      GammaGammaModel model =
          GammaGammaModel.of(
              new GammaGammaParameters(
                  table.number(row, "p"), table.number(row, "q"), table.number(row, "gamma")));
      double x = table.number(row, "frequency");
      double m = table.number(row, "monetaryValue");
      Tolerance.relative(1e-12)
          .check(
              "E[M] row " + row,
              table.number(row, "conditionalSpend"),
              model.conditionalExpectedSpend(x, m));
      Tolerance.relative(1e-12)
          .or(Tolerance.absolute(1e-9))
          .check(
              "log-density row " + row, table.number(row, "logDensity"), model.logLikelihood(x, m));
    }
  }

  @Test
  void conditionalExpectedSpend_isTheCredibilityWeightedAverage() {
    // E[M | x, m] = w m + (1 - w) E[Z] with w = p x / (p x + q - 1): between the population mean
    // and the customer's own mean when q > 1 (Fader & Hardie 2013, equation 8).
    qt().forAll(parameters(), frequencies(), spends())
        .assuming((p, x, m) -> p.q() > 1.001)
        .checkAssert(
            (p, x, m) -> {
              GammaGammaModel model = GammaGammaModel.of(p);
              double population = model.expectedSpend();
              double spend = model.conditionalExpectedSpend(x, m);
              double weight = p.p() * x / (p.p() * x + p.q() - 1);
              Tolerance.relative(1e-12)
                  .or(Tolerance.absolute(1e-12 * Math.max(population, m)))
                  .check("E[M]", weight * m + (1 - weight) * population, spend);
              double low = Math.min(population, m);
              double high = Math.max(population, m);
              assertTrue(
                  spend >= low * (1 - 1e-12) && spend <= high * (1 + 1e-12),
                  () -> spend + " outside [" + low + ", " + high + "] for " + p + " x=" + x);
            });
  }

  @Test
  void conditionalExpectedSpend_movesTowardsOwnMeanWithMoreTransactions() {
    double population = CDNOW.expectedSpend();
    double previous = population;
    for (int x = 1; x <= 1000; x *= 10) {
      double spend = CDNOW.conditionalExpectedSpend(x, 100);
      assertTrue(spend > previous && spend < 100, () -> "spend " + spend);
      previous = spend;
    }
    assertEquals(population, CDNOW.conditionalExpectedSpend(0, 0));
    assertEquals(population, CDNOW.conditionalExpectedSpend(0, 55));
  }

  /**
   * A new customer's spend per transaction (CLVTools' {@code newcustomer.spending}) at the CDNOW
   * estimates against an independent computation, E[p/ν] by quadrature over ν ~ Gamma(q, γ)
   * (clv-models/src/test/python/gammagamma_newcustomer_reference.py, mpmath at 30 digits).
   */
  @Test
  void expectedSpend_newCustomerMatchesQuadratureOverTheMixingDistribution() {
    Tolerance.relative(1e-14).check("E[Z]", 35.169647629632328827, CDNOW.expectedSpend());
  }

  @Test
  void expectedSpend_withQAtMostOneIsRejectedNamingQ() {
    GammaGammaModel heavy = GammaGammaModel.of(new GammaGammaParameters(2.0, 0.8, 10.0));
    org.clvkit.core.ClvArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.clvkit.core.ClvArgumentException.class, heavy::expectedSpend);
    assertTrue(
        e.getMessage().endsWith("it needs p * frequency + q > 1, with p = 2.0 and q = 0.8"),
        e.getMessage());
  }

  @Test
  void expectedSpend_isThePopulationMean() {
    // E[Z] = p gamma / (q - 1) (Fader & Hardie 2013, equation 4).
    Tolerance.relative(1e-15).check("E[Z]", 6.2493 * 15.4443 / (3.7443 - 1), CDNOW.expectedSpend());
  }

  @Test
  void spendMethods_areFiniteOrRejectedOverTheGrid() {
    qt().forAll(parameters(), frequencies(), spends())
        .checkAssert(
            (p, x, m) -> {
              GammaGammaModel model = GammaGammaModel.of(p);
              if (p.p() * x + p.q() - 1 > 0) {
                double spend = model.conditionalExpectedSpend(x, m);
                assertTrue(Double.isFinite(spend) && spend >= 0, () -> spend + " for " + p);
              } else {
                assertRejects(
                    String.format(
                        java.util.Locale.ROOT,
                        "frequency = %s has no finite expected spend: it needs p * frequency + q >"
                            + " 1, with p = %s and q = %s",
                        x,
                        p.p(),
                        p.q()),
                    () -> model.conditionalExpectedSpend(x, m));
              }
              if (x > 0 && m > 0) {
                double ll = model.logLikelihood(x, m);
                assertTrue(Double.isFinite(ll), () -> "log-density " + ll + " for " + p);
              }
            });
  }

  @Test
  void batch_equalsPerCustomerBitForBit() {
    qt(50)
        .forAll(parameters(), integers().between(1, 300))
        .checkAssert(
            (p, n) -> {
              GammaGammaModel model = GammaGammaModel.of(p);
              SplittableRandom random = new SplittableRandom(n);
              double[] f = new double[n];
              double[] m = new double[n];
              // Frequencies from 1 up, at least the smallest with p x + q > 1.
              double least = Math.max(1, Math.floor((1 - p.q()) / p.p()) + 2);
              for (int i = 0; i < n; i++) {
                f[i] = least + random.nextInt(2_000);
                m[i] = random.nextInt(5) == 0 ? 0 : Math.exp(random.nextDouble() * 10);
              }
              if (p.q() > 1) {
                f[0] = 0;
              }
              double[] out = new double[n + 2];
              model.conditionalExpectedSpend(f, m, out, 1, n);
              assertEquals(0.0, out[0]);
              assertEquals(0.0, out[n]);
              for (int i = 1; i < n; i++) {
                Tolerance.ulps(0)
                    .check("row " + i, model.conditionalExpectedSpend(f[i], m[i]), out[i]);
              }
              double[] all = model.conditionalExpectedSpend(f, m);
              for (int i = 0; i < n; i++) {
                Tolerance.ulps(0)
                    .check("row " + i, model.conditionalExpectedSpend(f[i], m[i]), all[i]);
              }
            });
  }

  @Test
  void serialization_roundTripKeepsParametersReportAndAnswers() throws Exception {
    CdnowSummary cdnow = CdnowSummary.load();
    GammaGammaModel fitted = GammaGammaFitter.create().fit(cdnow.frequency, cdnow.monetaryValue);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(fitted);
    }
    GammaGammaModel copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (GammaGammaModel) in.readObject();
    }
    assertEquals(fitted.parameters(), copy.parameters());
    assertEquals(fitted.fitReport(), copy.fitReport());
    assertEquals(fitted.customersLeftOut(), copy.customersLeftOut());
    assertEquals(fitted.conditionalExpectedSpend(3, 40), copy.conditionalExpectedSpend(3, 40));
  }

  @Test
  void parameters_rejectBadValuesWithExactMessages() {
    assertRejects("p must be finite and > 0, was 0.0", () -> new GammaGammaParameters(0, 1, 1));
    assertRejects("q must be finite and > 0, was -1.0", () -> new GammaGammaParameters(1, -1, 1));
    assertRejects(
        "gamma must be finite and > 0, was NaN", () -> new GammaGammaParameters(1, 1, Double.NaN));
    assertRejects(
        "gamma must be finite and > 0, was Infinity",
        () -> new GammaGammaParameters(1, 1, Double.POSITIVE_INFINITY));
    assertRejects("parameters must not be null", () -> GammaGammaModel.of(null));
  }

  @Test
  void spendMethods_rejectBadInputWithExactMessages() {
    assertRejects(
        "frequency must be a whole number >= 0, was 1.5",
        () -> CDNOW.conditionalExpectedSpend(1.5, 10));
    assertRejects(
        "frequency must be a whole number >= 0, was NaN",
        () -> CDNOW.conditionalExpectedSpend(Double.NaN, 10));
    assertRejects(
        "monetaryValue must be finite and >= 0, was -2.0",
        () -> CDNOW.conditionalExpectedSpend(1, -2));
    assertRejects(
        "monetaryValue must be finite and >= 0, was Infinity",
        () -> CDNOW.conditionalExpectedSpend(1, Double.POSITIVE_INFINITY));
    GammaGammaModel heavy = GammaGammaModel.of(new GammaGammaParameters(0.25, 0.5, 10));
    assertRejects(
        "frequency = 0.0 has no finite expected spend: it needs p * frequency + q > 1, with p ="
            + " 0.25 and q = 0.5",
        heavy::expectedSpend);
    assertRejects(
        "frequency[1] = 2.0 has no finite expected spend: it needs p * frequency + q > 1, with p ="
            + " 0.25 and q = 0.5",
        () -> heavy.conditionalExpectedSpend(new double[] {3, 2}, new double[] {1, 1}));
    // q < 1 but p x + q > 1: (gamma + x m) p / (p x + q - 1) = 13 * 0.25 / 0.25.
    assertEquals(13.0, heavy.conditionalExpectedSpend(3, 1), 1e-12);
    assertRejects(
        "conditional expected spend of frequency = 1.0, monetaryValue = 1.7E308 overflows",
        () ->
            GammaGammaModel.of(new GammaGammaParameters(10, 0.001, 1))
                .conditionalExpectedSpend(1, 1.7e308));
    assertRejects(
        "monetaryValue[2] must be finite and >= 0, was NaN",
        () ->
            CDNOW.conditionalExpectedSpend(
                new double[] {1, 2, 3}, new double[] {1, 2, Double.NaN}, new double[3], 0, 3));
    assertRejects(
        "frequency[0] must be a whole number >= 0, was -1.0",
        () -> CDNOW.conditionalExpectedSpend(new double[] {-1}, new double[] {1}));
    assertRejects(
        "monetaryValue has length 1 but frequency has length 2",
        () -> CDNOW.conditionalExpectedSpend(new double[] {1, 2}, new double[] {1}));
    assertRejects(
        "range [from, to) = [1, 4) must lie within [0, 3]",
        () ->
            CDNOW.conditionalExpectedSpend(
                new double[] {1, 2, 3}, new double[] {1, 2, 3}, new double[3], 1, 4));
    assertRejects(
        "range [from, to) = [0, 3) must lie within [0, 2]",
        () ->
            CDNOW.conditionalExpectedSpend(
                new double[] {1, 2, 3}, new double[] {1, 2, 3}, new double[2], 0, 3));
    assertRejects(
        "out must not be null",
        () -> CDNOW.conditionalExpectedSpend(new double[] {1}, new double[] {1}, null, 0, 1));
    assertRejects("frequency must be finite and > 0, was 0.0", () -> CDNOW.logLikelihood(0, 10));
    assertRejects("monetaryValue must be finite and > 0, was 0.0", () -> CDNOW.logLikelihood(1, 0));
    assertRejects(
        "frequency must be a whole number >= 0, was 2.5", () -> CDNOW.logLikelihood(2.5, 10));
  }

  @Test
  void validateRows_checksLikeTheBatchMethodWithoutComputing() {
    double[] f = {1, 2, 3};
    double[] m = {1, -2, 3};
    assertRejects(
        "monetaryValue[1] must be finite and >= 0, was -2.0", () -> CDNOW.validateRows(f, m, 0, 3));
    CDNOW.validateRows(f, m, 2, 3);
    assertRejects(
        "range [from, to) = [0, 4) must lie within [0, 3]", () -> CDNOW.validateRows(f, m, 0, 4));
    assertRejects("monetaryValue must not be null", () -> CDNOW.validateRows(f, null, 0, 3));
  }

  @Test
  void batch_rejectsBeforeWritingAnyRow() {
    double[] out = {-1, -1, -1};
    ClvArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ClvArgumentException.class,
            () ->
                CDNOW.conditionalExpectedSpend(
                    new double[] {1, 2, 0.5}, new double[] {1, 2, 3}, out, 0, 3));
    assertEquals("frequency[2] must be a whole number >= 0, was 0.5", e.getMessage());
    assertEquals(-1.0, out[0]);
  }
}
