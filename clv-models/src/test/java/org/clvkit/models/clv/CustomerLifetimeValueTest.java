package org.clvkit.models.clv;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class CustomerLifetimeValueTest {

  private static final GammaGammaModel SPEND =
      GammaGammaModel.of(new GammaGammaParameters(6.2493, 3.7443, 15.4443));

  /** The Gamma-Gamma conditional expectation written out: (gamma + x m) p / (p x + q - 1). */
  private static double spend(double x, double m) {
    return (15.4443 + x * m) * 6.2493 / (6.2493 * x + 3.7443 - 1);
  }

  @Test
  void conditionalValue_poissonCustomersWhoNeverLeaveMatchTheAnnuityFormula() {
    // E[Y(k)] - E[Y(k-1)] = lambda every period, so the sum is lambda (1 - (1+d)^-n) / d.
    qt().forAll(
            doubles().between(0.01, 5),
            integers().between(1, 120),
            doubles().between(0.0001, 0.5),
            integers().between(0, 50))
        .checkAssert(
            (lambda, n, d, x) -> {
              CustomerLifetimeValue clv =
                  CustomerLifetimeValue.of(new PoissonExponentialPurchases(lambda, 0), SPEND, 0.3);
              double m = x == 0 ? 0 : 5 + x;
              double recency = x == 0 ? 0 : 20;
              double expected = 0.3 * spend(x, m) * lambda * -Math.expm1(-n * Math.log1p(d)) / d;
              Tolerance.relative(1e-12)
                  .check("CLV", expected, clv.conditionalValue(n, d, x, recency, 39, m));
            });
  }

  @Test
  void conditionalValue_leavingCustomersMatchTheGeometricSeries() {
    // E[Y(k)] - E[Y(k-1)] = P(alive) (lambda/mu)(1 - e^-mu) e^{-mu (k-1)}: a geometric series with
    // ratio e^-mu / (1 + d).
    qt().forAll(
            doubles().between(0.01, 3),
            doubles().between(0.001, 1),
            integers().between(1, 200),
            doubles().between(0, 0.3))
        .checkAssert(
            (lambda, mu, n, d) -> {
              PoissonExponentialPurchases purchases = new PoissonExponentialPurchases(lambda, mu);
              CustomerLifetimeValue clv = CustomerLifetimeValue.of(purchases, SPEND, 0.5);
              double x = 4;
              double recency = 30;
              double age = 38.86;
              double alive = 1 / (1 + mu / (lambda + mu) * Math.expm1((lambda + mu) * (age - 30)));
              double v = 1 / (1 + d);
              double ratio = v * Math.exp(-mu);
              double sum =
                  alive
                      * (lambda / mu)
                      * -Math.expm1(-mu)
                      * v
                      * (1 - Math.pow(ratio, n))
                      / (1 - ratio);
              Tolerance.relative(1e-10)
                  .or(Tolerance.absolute(1e-300))
                  .check(
                      "CLV",
                      0.5 * spend(x, 21.5) * sum,
                      clv.conditionalValue(n, d, x, recency, age, 21.5));
            });
  }

  @Test
  void conditionalValue_equalsADirectSumOverPeriods() {
    // The sum written out in the test over the model's cumulative expectations.
    PoissonExponentialPurchases purchases = new PoissonExponentialPurchases(0.4, 0.05);
    CustomerLifetimeValue clv = CustomerLifetimeValue.of(purchases, SPEND, 0.25);
    double[][] customers = {{0, 0, 38.86, 0}, {2, 30.43, 38.86, 22.35}, {7, 29.43, 38.86, 73.74}};
    for (double[] c : customers) {
      double sum = 0;
      for (int k = 1; k <= 52; k++) {
        double inPeriod =
            purchases.conditionalExpectedPurchases(k, c[0], c[1], c[2])
                - purchases.conditionalExpectedPurchases(k - 1, c[0], c[1], c[2]);
        sum += inPeriod / Math.pow(1.01, k);
      }
      double expected = 0.25 * SPEND.conditionalExpectedSpend(c[0], c[3]) * sum;
      Tolerance.relative(1e-12)
          .check(
              "CLV of " + c[0], expected, clv.conditionalValue(52, 0.01, c[0], c[1], c[2], c[3]));
    }
  }

  @Test
  void conditionalValue_withoutDiscountingIsSpendTimesExpectedPurchases() {
    PoissonExponentialPurchases purchases = new PoissonExponentialPurchases(0.4, 0.05);
    CustomerLifetimeValue clv = CustomerLifetimeValue.of(purchases, SPEND, 1);
    Tolerance.relative(1e-12)
        .check(
            "CLV",
            SPEND.conditionalExpectedSpend(3, 40)
                * purchases.conditionalExpectedPurchases(26, 3, 20, 39),
            clv.conditionalValue(26, 0, 3, 20, 39, 40));
    assertEquals(0.0, clv.conditionalValue(0, 0.1, 3, 20, 39, 40));
  }

  @Test
  void expectedValue_isMarginTimesPopulationSpendTimesDiscountedPurchases() {
    CustomerLifetimeValue clv =
        CustomerLifetimeValue.of(new PoissonExponentialPurchases(0.3, 0), SPEND, 0.4);
    double expected =
        0.4 * 6.2493 * 15.4443 / 2.7443 * 0.3 * -Math.expm1(-24 * Math.log1p(0.02)) / 0.02;
    Tolerance.relative(1e-12)
        .check("value of a new customer", expected, clv.expectedValue(24, 0.02));
  }

  @Test
  void batch_equalsPerCustomerBitForBit() {
    qt(50)
        .forAll(doubles().between(0.01, 3), doubles().between(0, 0.5), integers().between(1, 400))
        .checkAssert(
            (lambda, mu, n) -> {
              CustomerLifetimeValue clv =
                  CustomerLifetimeValue.of(new PoissonExponentialPurchases(lambda, mu), SPEND, 0.6);
              SplittableRandom random = new SplittableRandom(n);
              double[] f = new double[n];
              double[] r = new double[n];
              double[] a = new double[n];
              double[] m = new double[n];
              for (int i = 0; i < n; i++) {
                a[i] = 1 + random.nextDouble() * 60;
                f[i] = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(40);
                r[i] = f[i] == 0 ? 0 : random.nextDouble() * a[i];
                m[i] = f[i] == 0 ? 0 : Math.exp(random.nextDouble() * 6);
              }
              double[] out = new double[n + 2];
              clv.conditionalValue(12, 0.01, f, r, a, m, out, 1, n);
              assertEquals(0.0, out[0]);
              assertEquals(0.0, out[n]);
              for (int i = 1; i < n; i++) {
                double single = clv.conditionalValue(12, 0.01, f[i], r[i], a[i], m[i]);
                Tolerance.ulps(0).check("row " + i, single, out[i]);
              }
              double[] all = clv.conditionalValue(12, 0.01, f, r, a, m);
              for (int i = 0; i < n; i++) {
                double single = clv.conditionalValue(12, 0.01, f[i], r[i], a[i], m[i]);
                Tolerance.ulps(0).check("row " + i, single, all[i]);
              }
            });
  }

  @Test
  void serialization_roundTripKeepsTheAnswers() throws Exception {
    CustomerLifetimeValue clv =
        CustomerLifetimeValue.of(new PoissonExponentialPurchases(0.4, 0.05), SPEND, 0.3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(clv);
    }
    CustomerLifetimeValue copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (CustomerLifetimeValue) in.readObject();
    }
    assertEquals(
        clv.conditionalValue(12, 0.01, 2, 30.43, 38.86, 22.35),
        copy.conditionalValue(12, 0.01, 2, 30.43, 38.86, 22.35));
    assertEquals(0.3, copy.margin());
    assertEquals(clv.spendModel().parameters(), copy.spendModel().parameters());
    assertArrayEquals(
        clv.purchaseModel().parameterValues(), copy.purchaseModel().parameterValues());
  }

  @Test
  void of_rejectsBadArgumentsWithExactMessages() {
    PoissonExponentialPurchases purchases = new PoissonExponentialPurchases(0.4, 0.05);
    assertRejects("purchases must not be null", () -> CustomerLifetimeValue.of(null, SPEND, 1));
    assertRejects("spend must not be null", () -> CustomerLifetimeValue.of(purchases, null, 1));
    assertRejects(
        "margin must be in [0, 1], was 1.5", () -> CustomerLifetimeValue.of(purchases, SPEND, 1.5));
    assertRejects(
        "margin must be in [0, 1], was NaN",
        () -> CustomerLifetimeValue.of(purchases, SPEND, Double.NaN));
    CustomerLifetimeValue clv = CustomerLifetimeValue.of(purchases, SPEND, 1);
    assertSame(purchases, clv.purchaseModel());
    assertSame(SPEND, clv.spendModel());
  }

  @Test
  void conditionalValue_rejectsBadInputWithExactMessages() {
    CustomerLifetimeValue clv =
        CustomerLifetimeValue.of(new PoissonExponentialPurchases(0.4, 0.05), SPEND, 1);
    assertRejects("periods must be >= 0, was -1", () -> clv.conditionalValue(-1, 0.01, 1, 2, 3, 4));
    assertRejects(
        "discountRate must be finite and > -1.0, was -1.0",
        () -> clv.conditionalValue(12, -1, 1, 2, 3, 4));
    assertRejects(
        "discountRate must be finite and > -1.0, was NaN",
        () -> clv.conditionalValue(12, Double.NaN, 1, 2, 3, 4));
    assertRejects(
        "recency = 40.0 must be <= age = 39.0", () -> clv.conditionalValue(12, 0.01, 1, 40, 39, 4));
    assertRejects(
        "frequency must be a whole number >= 0, was 1.5",
        () -> clv.conditionalValue(12, 0.01, 1.5, 2, 39, 4));
    assertRejects(
        "recency = 2.0 must be 0 when frequency = 0",
        () -> clv.conditionalValue(12, 0.01, 0, 2, 39, 4));
    assertRejects(
        "monetaryValue must be finite and >= 0, was -4.0",
        () -> clv.conditionalValue(12, 0.01, 1, 2, 39, -4));
    assertRejects("periods must be >= 0, was -2", () -> clv.expectedValue(-2, 0.01));
    CustomerLifetimeValue heavy =
        CustomerLifetimeValue.of(
            new PoissonExponentialPurchases(0.4, 0.05),
            GammaGammaModel.of(new GammaGammaParameters(2, 0.5, 10)),
            1);
    assertRejects(
        "frequency = 0.0 has no finite expected spend: it needs p * frequency + q > 1, with p ="
            + " 2.0 and q = 0.5",
        () -> heavy.expectedValue(12, 0.01));
  }

  @Test
  void conditionalValue_discountRateNearMinusOne_rejectedNamingRateAndHorizon() {
    // (1 - 0.999)^-120 = 1e360 is beyond the finite range: these calls returned Infinity.
    CustomerLifetimeValue clv =
        CustomerLifetimeValue.of(new PoissonExponentialPurchases(0.4, 0.05), SPEND, 1);
    String message =
        "discountRate = -0.999 over 120 periods gives a discount factor (1 + discountRate)^-120"
            + " beyond the finite range";
    assertRejects(message, () -> clv.conditionalValue(120, -0.999, 1, 2, 39, 4));
    assertRejects(message, () -> clv.expectedValue(120, -0.999));
    assertRejects(
        message,
        () ->
            clv.conditionalValue(
                120,
                -0.999,
                new double[] {1},
                new double[] {2},
                new double[] {39},
                new double[] {4}));
    assertRejects(
        message, () -> clv.purchaseModel().discountedExpectedPurchases(120, -0.999, 1, 2, 39));
    // The same rate over a short horizon stays finite and is accepted.
    assertTrue(Double.isFinite(clv.conditionalValue(12, -0.999, 1, 2, 39, 4)));
  }

  @Test
  void batch_rejectsBadRowsBeforeWritingAny() {
    CustomerLifetimeValue clv =
        CustomerLifetimeValue.of(new PoissonExponentialPurchases(0.4, 0.05), SPEND, 1);
    double[] f = {1, 2, 3};
    double[] r = {5, 6, 7};
    double[] a = {39, 39, 39};
    double[] m = {10, 20, 30};
    double[] out = {-1, -1, -1};
    a[2] = 6.5;
    assertRejects(
        "recency[2] = 7.0 must be <= age[2] = 6.5",
        () -> clv.conditionalValue(12, 0.01, f, r, a, m, out, 0, 3));
    a[2] = 39;
    m[1] = Double.NaN;
    assertRejects(
        "monetaryValue[1] must be finite and >= 0, was NaN",
        () -> clv.conditionalValue(12, 0.01, f, r, a, m, out, 0, 3));
    assertArrayEquals(new double[] {-1, -1, -1}, out);
    m[1] = 20;
    assertRejects(
        "age has length 2 but frequency has length 3",
        () -> clv.conditionalValue(12, 0.01, f, r, new double[2], m, out, 0, 3));
    assertRejects(
        "monetaryValue must not be null",
        () -> clv.conditionalValue(12, 0.01, f, r, a, null, out, 0, 3));
    assertRejects(
        "range [from, to) = [0, 3) must lie within [0, 2]",
        () -> clv.conditionalValue(12, 0.01, f, r, a, m, new double[2], 0, 3));
    assertRejects(
        "range [from, to) = [2, 1) must lie within [0, 3]",
        () -> clv.conditionalValue(12, 0.01, f, r, a, m, out, 2, 1));
    assertRejects(
        "discountRate must be finite and > -1.0, was -2.0",
        () -> clv.conditionalValue(12, -2, f, r, a, m, out, 0, 3));
    clv.conditionalValue(12, 0.01, f, r, a, m, out, 0, 3);
    assertTrue(out[0] > 0 && out[1] > 0 && out[2] > 0);
  }
}
