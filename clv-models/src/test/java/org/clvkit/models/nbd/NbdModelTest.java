package org.clvkit.models.nbd;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** The NBD's predictions against an independent mpmath computation, and its invariants. */
class NbdModelTest {
  private static final NbdModel CDNOW = NbdModel.of(new NbdParameters(0.385, 12.07));

  /** nbd_functions.csv: count probabilities and conditional expectations as integrals (mpmath). */
  @Test
  void predictions_matchIndependentIntegrals() {
    ReferenceTable table = ReferenceTable.load("nbd_functions.csv");
    Tolerance tolerance = Tolerance.relative(1e-12);
    for (int i = 0; i < table.size(); i++) {
      NbdModel model =
          NbdModel.of(new NbdParameters(table.number(i, "r"), table.number(i, "alpha")));
      double t = table.number(i, "t");
      double expected = table.number(i, "value");
      if (table.text(i, "quantity").equals("pmf")) {
        int n = (int) table.number(i, "n");
        tolerance.check(
            "P(X(" + t + ") = " + n + ") row " + i, expected, model.probabilityOfPurchases(n, t));
      } else {
        double x = table.number(i, "x");
        double age = table.number(i, "T");
        tolerance.check(
            "E[Y(" + t + ")] row " + i,
            expected,
            model.conditionalExpectedPurchases(t, x, x == 0 ? 0 : age / 2, age));
      }
    }
  }

  @Test
  void probabilityAlive_isOneForEveryValidHistoryAndFutureTime() {
    qt().forAll(
            integers().between(0, 1000),
            doubles().between(0, 1),
            doubles().between(0, 1e4),
            doubles().between(0, 1e3))
        .checkAssert(
            (x, u, age, t) -> {
              double recency = x == 0 ? 0 : u * age;
              assertEquals(1.0, CDNOW.probabilityAlive(x, recency, age));
              assertEquals(1.0, CDNOW.probabilityAlive(t, x, recency, age));
            });
  }

  @Test
  void conditionalProbabilityOfPurchases_sumsToOneWithMeanTheConditionalExpectation() {
    qt(50)
        .forAll(integers().between(0, 50), doubles().between(1, 40), doubles().between(0.5, 30))
        .checkAssert(
            (x, age, t) -> {
              double sum = 0;
              double mean = 0;
              for (int n = 0; n < 5_000; n++) {
                double p = CDNOW.conditionalProbabilityOfPurchases(n, t, x, x == 0 ? 0 : age, age);
                sum += p;
                mean += n * p;
              }
              Tolerance.absolute(1e-10).check("sum", 1.0, sum);
              Tolerance.relative(1e-9)
                  .check(
                      "mean",
                      CDNOW.conditionalExpectedPurchases(t, x, x == 0 ? 0 : age, age),
                      mean);
            });
  }

  @Test
  void conditionalProbabilityOfPurchases_ofANewCustomerIsTheUnconditional() {
    for (int n = 0; n < 20; n++) {
      assertEquals(
          CDNOW.probabilityOfPurchases(n, 13.5),
          CDNOW.conditionalProbabilityOfPurchases(n, 13.5, 0, 0, 0));
    }
  }

  /** The log-likelihood is the count probability without its parameter-free factor T^x / x!. */
  @Test
  void logLikelihood_isTheCountProbabilityLessItsParameterFreeFactor() {
    for (int x = 0; x < 30; x += 7) {
      double age = 38.5;
      double count = Math.log(CDNOW.probabilityOfPurchases(x, age));
      double factor = x * Math.log(age) - org.apache.commons.math3.special.Gamma.logGamma(x + 1);
      Tolerance.absolute(1e-11)
          .check("ln L x=" + x, count - factor, CDNOW.logLikelihood(x, x == 0 ? 0 : 20, age));
    }
  }

  @Test
  void discountedExpectedPurchases_equalsTheInterfaceSumPeriodByPeriod() {
    double direct = 0;
    double previous = 0;
    for (int k = 1; k <= 12; k++) {
      double cumulative = CDNOW.conditionalExpectedPurchases(k, 4, 30, 38);
      direct += (cumulative - previous) / Math.pow(1.01, k);
      previous = cumulative;
    }
    Tolerance.relative(1e-13)
        .check("12 periods at 1 %", direct, CDNOW.discountedExpectedPurchases(12, 0.01, 4, 30, 38));
    double[] x = {0, 4, 1};
    double[] r = {0, 30, 2};
    double[] a = {10, 38, 3};
    double[] out = new double[3];
    CDNOW.discountedExpectedPurchases(12, 0.01, x, r, a, out, 0, 3);
    for (int i = 0; i < 3; i++) {
      assertEquals(CDNOW.discountedExpectedPurchases(12, 0.01, x[i], r[i], a[i]), out[i]);
    }
  }

  @Test
  void model_survivesJavaSerialization() throws Exception {
    NbdModel model =
        NbdFitter.create()
            .fit(new double[] {0, 1, 3, 2}, new double[] {0, 1, 5, 4}, new double[] {10, 9, 8, 7});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    NbdModel back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (NbdModel) in.readObject();
    }
    assertEquals(model.parameters(), back.parameters());
    assertEquals(model.fitReport(), back.fitReport());
    assertEquals(
        model.conditionalExpectedPurchases(5, 1, 1, 9),
        back.conditionalExpectedPurchases(5, 1, 1, 9));
  }

  @Test
  void badInput_isRejectedWithItsRule() {
    assertRejects("r must be finite and > 0, was 0.0", () -> new NbdParameters(0, 1));
    assertRejects("alpha must be finite and > 0, was NaN", () -> new NbdParameters(1, Double.NaN));
    assertRejects(
        "values has length 3 but parameter names has length 2",
        () -> NbdParameters.of(new double[] {1, 2, 3}));
    assertRejects("t must be finite and >= 0, was -1.0", () -> CDNOW.expectedPurchases(-1));
    assertRejects("n must be >= 0, was -1", () -> CDNOW.probabilityOfPurchases(-1, 1));
    assertRejects("recency = 5.0 must be <= age = 4.0", () -> CDNOW.probabilityAlive(1, 5, 4));
    assertRejects(
        "recency = 2.0 must be 0 when frequency = 0",
        () -> CDNOW.conditionalExpectedPurchases(1, 0, 2, 4));
    assertRejects(
        "recency[1] = 9.0 must be <= age[1] = 4.0",
        () ->
            CDNOW.probabilityAlive(new double[] {0, 1}, new double[] {0, 9}, new double[] {1, 4}));
  }
}
