package org.clvkit.models.paretonbd;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.Discount;
import org.clvkit.models.GradientChecks;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.CovariateSettings;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The Pareto/NBD with static covariates against an independent mpmath computation, the model
 * without covariates, and its own batch and gradient.
 */
class ParetoNbdCovariateModelTest {
  private static final ParetoNbdParameters BASE =
      new ParetoNbdParameters(0.5533, 10.5776, 0.6061, 11.665);
  private static final List<String> NAMES = List.of("female", "channel_web", "spend");

  /** The coefficients of src/test/python/paretonbd_covariates_reference.py. */
  static final ParetoNbdCovariateModel MODEL =
      ParetoNbdCovariateModel.of(
          BASE,
          List.of("female", "spend"),
          new double[] {0.3, -0.5},
          List.of("female", "channel_web"),
          new double[] {0.8, -0.4});

  /** A row in the model's covariate order (female, spend, channel_web) from the table's order. */
  private static double[] modelRow(ReferenceTable table, int i) {
    return new double[] {
      table.number(i, "female"), table.number(i, "spend"), table.number(i, "channel_web")
    };
  }

  @Test
  void perCustomer_matchesMpmathReference() {
    // Reference: src/test/python/paretonbd_covariates_reference.py (mpmath, 50 digits, numerical
    // integration); tolerances as stated in the table.
    ReferenceTable table = ReferenceTable.load("paretonbd_covariates.csv");
    Tolerance tight = Tolerance.relative(1e-12);
    Tolerance dert = Tolerance.relative(1e-10);
    assertEquals(List.of("female", "spend", "channel_web"), MODEL.covariateNames());
    for (int i = 0; i < table.size(); i++) {
      String name = table.text(i, "name");
      double x = table.number(i, "x");
      double tx = table.number(i, "t_x");
      double age = table.number(i, "T");
      double[] row = modelRow(table, i);
      ParetoNbdParameters p = MODEL.parametersFor(row);
      tight.check(name + " alpha_i", table.number(i, "alpha_i"), p.alpha());
      tight.check(name + " beta_i", table.number(i, "beta_i"), p.beta());
      tight.check(
          name + " logLikelihood",
          table.number(i, "logLikelihood"),
          MODEL.logLikelihood(x, tx, age, row));
      tight.check(
          name + " probabilityAlive",
          table.number(i, "probabilityAlive"),
          MODEL.probabilityAlive(x, tx, age, row));
      tight.check(
          name + " conditionalExpectedPurchases",
          table.number(i, "conditionalExpectedPurchases"),
          MODEL.conditionalExpectedPurchases(39.0, x, tx, age, row));
      dert.check(
          name + " dert",
          table.number(i, "dert"),
          MODEL.conditionalDiscountedResidualPurchases(
              Discount.continuous(0.15 / 52), x, tx, age, row));
    }
  }

  @Test
  void zeroCoefficients_equalModelWithoutCovariates() {
    ParetoNbdCovariateModel zero =
        ParetoNbdCovariateModel.of(
            BASE, List.of("a", "b"), new double[2], List.of("b", "c"), new double[2]);
    ParetoNbdModel plain = ParetoNbdModel.of(BASE);
    CustomerHistories data = Cdnow.histories();
    int n = data.size();
    CovariateMatrix z = randomCovariates(List.of("a", "b", "c"), n, 7);
    double[] f = data.frequencyColumn();
    double[] r = data.recencyColumn();
    double[] a = data.ageColumn();
    double[] alive = new double[n];
    double[] expected = new double[n];
    double[] dert = new double[n];
    zero.probabilityAlive(f, r, a, z, alive, 0, n);
    zero.conditionalExpectedPurchases(52, f, r, a, z, expected, 0, n);
    zero.conditionalDiscountedResidualPurchases(Discount.continuous(0.01), f, r, a, z, dert, 0, n);
    Tolerance tolerance = Tolerance.relative(1e-12);
    for (int i = 0; i < n; i++) {
      tolerance.check("alive " + i, plain.probabilityAlive(f[i], r[i], a[i]), alive[i]);
      tolerance.check(
          "expected " + i, plain.conditionalExpectedPurchases(52, f[i], r[i], a[i]), expected[i]);
      tolerance.check(
          "dert " + i,
          plain.conditionalDiscountedResidualPurchases(Discount.continuous(0.01), f[i], r[i], a[i]),
          dert[i]);
    }
    tolerance.check("logLikelihood", plain.logLikelihood(data), zero.logLikelihood(data, z));
    tolerance.check(
        "expectedPurchases",
        plain.expectedPurchases(20),
        zero.expectedPurchases(20, new double[] {1, 2, 3}));
  }

  @Test
  void fitObjective_atZeroCoefficientsEqualsModelWithoutCovariates() {
    CustomerHistories data = Cdnow.histories();
    CovariateMatrix z = randomCovariates(List.of("a", "b"), data.size(), 11);
    CovariateLayout layout = CovariateLayout.resolve(z.names(), CovariateSettings.DEFAULT);
    ParetoNbdCovariateLikelihood likelihood =
        new ParetoNbdCovariateLikelihood(data, z.values(), 2, null);
    ParetoNbdCovariateFitter.Objective objective =
        new ParetoNbdCovariateFitter.Objective(likelihood, layout, 1.0, false);
    double[] theta = new double[4 + layout.coefficients()];
    theta[0] = Math.log(BASE.r());
    theta[1] = Math.log(BASE.alpha());
    theta[2] = Math.log(BASE.s());
    theta[3] = Math.log(BASE.beta());
    Tolerance.relative(1e-12)
        .check(
            "logLikelihood",
            ParetoNbdModel.of(BASE).logLikelihood(data),
            objective.value(theta, null));
  }

  @Test
  void fitObjective_equalsSumOfPerCustomerLogLikelihoods() {
    // Continuous covariates (every customer its own group: the pattern-by-pattern path) and a
    // binary one (few groups: the shared-term path) give the model's per-customer sum.
    CustomerHistories data = Cdnow.histories();
    for (boolean continuous : new boolean[] {true, false}) {
      CovariateMatrix z =
          continuous
              ? randomCovariates(List.of("a", "b"), data.size(), 3)
              : binaryCovariates(List.of("a", "b"), data.size(), 3);
      CovariateLayout layout =
          CovariateLayout.resolve(
              z.names(), CovariateSettings.DEFAULT.withConstrained(List.of("b")));
      ParetoNbdCovariateLikelihood likelihood =
          new ParetoNbdCovariateLikelihood(data, z.values(), 2, null);
      ParetoNbdCovariateFitter.Objective objective =
          new ParetoNbdCovariateFitter.Objective(likelihood, layout, 1.0, false);
      double[] theta = {
        Math.log(0.5), Math.log(9.0), Math.log(0.7), Math.log(13.0), 0.4, -0.3, 0.25
      };
      ParetoNbdCovariateModel model =
          ParetoNbdCovariateModel.of(
              new ParetoNbdParameters(0.5, 9.0, 0.7, 13.0),
              List.of("a", "b"),
              new double[] {0.4, 0.25},
              List.of("a", "b"),
              new double[] {-0.3, 0.25});
      Tolerance.relative(1e-11)
          .check(
              "logLikelihood continuous=" + continuous,
              model.logLikelihood(data, z),
              objective.value(theta, null));
    }
  }

  @Test
  void fitObjective_gradientMatchesCentralDifferences() {
    CustomerHistories data = Cdnow.histories();
    for (boolean continuous : new boolean[] {true, false}) {
      CovariateMatrix z =
          continuous
              ? randomCovariates(List.of("a", "b", "c"), data.size(), 5)
              : binaryCovariates(List.of("a", "b", "c"), data.size(), 5);
      CovariateLayout layout =
          CovariateLayout.resolve(
              z.names(),
              new CovariateSettings(
                  List.of("a", "b"), List.of("b", "c"), List.of("b"), 0.01, 0.02));
      ParetoNbdCovariateLikelihood likelihood =
          new ParetoNbdCovariateLikelihood(data, z.values(), 3, null);
      ParetoNbdCovariateFitter.Objective objective =
          new ParetoNbdCovariateFitter.Objective(likelihood, layout, 3.886, true);
      double[] theta = {Math.log(0.5), Math.log(3.0), Math.log(0.7), Math.log(2.5), 0.3, -0.2, 0.1};
      GradientChecks.matchesCentralDifferences(
          "gradient continuous=" + continuous + " ",
          objective::value,
          theta,
          1e-5,
          Tolerance.relative(1e-6).or(Tolerance.absolute(1e-4)));
    }
  }

  @Test
  void likelihood_withExecutorIsBitIdentical() {
    // 20,000 customers with a continuous covariate: more than one chunk of small groups.
    int n = 20_000;
    CovariateMatrix z = randomCovariates(List.of("a"), n, 13);
    CustomerHistories data =
        ParetoNbdCovariateSimulator.of(
                ParetoNbdCovariateModel.of(
                    BASE, List.of("a"), new double[] {0.5}, List.of("a"), new double[] {-0.5}),
                99)
            .histories(z, constant(n, 39.0));
    CovariateLayout layout = CovariateLayout.resolve(z.names(), CovariateSettings.DEFAULT);
    double[] theta = {Math.log(0.5), Math.log(3.0), Math.log(0.7), Math.log(2.5), 0.3, -0.2};
    double[] g1 = new double[6];
    double[] g2 = new double[6];
    double v1 =
        new ParetoNbdCovariateFitter.Objective(
                new ParetoNbdCovariateLikelihood(data, z.values(), 1, null), layout, 3.9, false)
            .value(theta, g1);
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      double v2 =
          new ParetoNbdCovariateFitter.Objective(
                  new ParetoNbdCovariateLikelihood(data, z.values(), 1, pool), layout, 3.9, false)
              .value(theta, g2);
      assertEquals(v1, v2, 0.0);
      for (int i = 0; i < 6; i++) {
        assertEquals(g1[i], g2[i], 0.0, "gradient " + i);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void batch_equalsPerCustomerBitForBit() {
    CustomerHistories data = Cdnow.histories();
    int n = data.size();
    // Columns in another order than the model's: found by name.
    CovariateMatrix z = randomCovariates(List.of("spend", "channel_web", "female"), n, 17);
    double[] f = data.frequencyColumn();
    double[] r = data.recencyColumn();
    double[] a = data.ageColumn();
    double[] alive = new double[n];
    double[] dert = new double[n];
    MODEL.probabilityAlive(f, r, a, z, alive, 0, n);
    MODEL.conditionalDiscountedResidualPurchases(Discount.continuous(0.01), f, r, a, z, dert, 0, n);
    for (int i = 0; i < n; i++) {
      double[] row = {z.value(i, 2), z.value(i, 0), z.value(i, 1)};
      assertEquals(MODEL.probabilityAlive(f[i], r[i], a[i], row), alive[i], 0.0);
      assertEquals(
          MODEL.conditionalDiscountedResidualPurchases(
              Discount.continuous(0.01), f[i], r[i], a[i], row),
          dert[i],
          0.0);
    }
  }

  @Test
  void serialization_roundTripKeepsPredictions() throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(MODEL);
    }
    ParetoNbdCovariateModel back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ParetoNbdCovariateModel) in.readObject();
    }
    double[] row = {1, 0.5, 1};
    assertEquals(
        MODEL.probabilityAlive(2, 30, 38, row), back.probabilityAlive(2, 30, 38, row), 0.0);
    assertEquals(MODEL.toString(), back.toString());
  }

  @Test
  void rows_rejectWrongLengthAndMissingCovariate() {
    assertRejects(
        "covariates has length 2 but covariateNames has length 3",
        () -> MODEL.probabilityAlive(1, 1, 2, new double[] {1, 2}));
    assertRejects(
        "covariates[1] must be finite, was NaN",
        () -> MODEL.probabilityAlive(1, 1, 2, new double[] {1, Double.NaN, 0}));
    CovariateMatrix z = CovariateMatrix.of(List.of("female", "spend"), new double[] {1, 2});
    assertRejects(
        "covariate channel_web is not among the columns [female, spend]",
        () ->
            MODEL.probabilityAlive(
                new double[] {1}, new double[] {1}, new double[] {2}, z, new double[1], 0, 1));
  }

  @Test
  void layout_rejectsUnknownAndUnconstrainableCovariates() {
    assertRejects(
        "purchase covariate x is not among the covariates [a, b]",
        () ->
            CovariateLayout.resolve(
                List.of("a", "b"), CovariateSettings.DEFAULT.withPurchase(List.of("x"))));
    assertRejects(
        "constrained covariate a must be both a purchase and a dropout covariate",
        () ->
            CovariateLayout.resolve(
                List.of("a", "b"),
                new CovariateSettings(List.of("a"), List.of("b"), List.of("a"), 0, 0)));
  }

  static CovariateMatrix randomCovariates(List<String> names, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[rows * names.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian();
    }
    return CovariateMatrix.of(names, values);
  }

  static CovariateMatrix binaryCovariates(List<String> names, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[rows * names.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextBoolean() ? 1 : 0;
    }
    return CovariateMatrix.of(names, values);
  }

  static double[] constant(int n, double value) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, value);
    return out;
  }
}
