package org.clvkit.models.paretonbd;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.Discount;
import org.clvkit.models.GradientChecks;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.CovariateSettings;
import org.clvkit.models.covariates.TimeVaryingCovariates;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The Pareto/NBD with time-varying covariates against an independent mpmath computation, the static
 * covariate model (covariates constant over time), the Pareto/NBD (coefficients 0) and its own
 * gradient.
 */
class ParetoNbdTimeVaryingModelTest {
  private static final List<String> NAMES = List.of("promo", "season");

  private static double[] numbers(String cell) {
    return Arrays.stream(cell.split(";")).mapToDouble(Double::parseDouble).toArray();
  }

  @Test
  void perCustomer_matchesMpmathReference() {
    // Reference: src/test/resources/reference/paretonbd_time_varying.py (mpmath, 40 digits,
    // numerical integration per period, no hypergeometric function); tolerance in the table. ll
    // is the likelihood of the purchase times (with the repeat purchases per period), ll_summary
    // that of the summary (without them).
    ReferenceTable table = ReferenceTable.load("paretonbd_time_varying.csv");
    Tolerance tolerance = table.tolerance();
    for (int i = 0; i < table.size(); i++) {
      String name = table.text(i, "case");
      ParetoNbdTimeVaryingModel model =
          ParetoNbdTimeVaryingModel.of(
              new ParetoNbdParameters(
                  table.number(i, "r"),
                  table.number(i, "alpha0"),
                  table.number(i, "s"),
                  table.number(i, "beta0")),
              NAMES,
              new double[] {table.number(i, "gp_promo"), table.number(i, "gp_season")},
              NAMES,
              new double[] {table.number(i, "gd_promo"), table.number(i, "gd_season")});
      double[] starts = numbers(table.text(i, "starts"));
      double[] promo = numbers(table.text(i, "promo"));
      double[] season = numbers(table.text(i, "season"));
      double[] rows = new double[2 * starts.length];
      for (int k = 0; k < starts.length; k++) {
        rows[2 * k] = promo[k];
        rows[2 * k + 1] = season[k];
      }
      TimeVaryingCovariates tv =
          TimeVaryingCovariates.of(NAMES, new int[] {0, starts.length}, starts, rows);
      CustomerHistories one =
          CustomerHistories.of(
              new double[] {table.number(i, "x")},
              new double[] {table.number(i, "tx")},
              new double[] {table.number(i, "T")});
      double[] out = new double[1];
      model.logLikelihood(one, tv, out);
      tolerance.check(name + " ll_summary", table.number(i, "ll_summary"), out[0]);
      String purchases = table.text(i, "purchases");
      double[] times = purchases.equals("none") ? new double[0] : numbers(purchases);
      TimeVaryingCovariates exact = tv.withRepeatPurchases(new int[] {0, times.length}, times);
      model.logLikelihood(one, exact, out);
      tolerance.check(name + " ll", table.number(i, "ll"), out[0]);
      model.probabilityAlive(one, exact, out);
      tolerance.check(name + " palive with purchases", table.number(i, "palive"), out[0]);
      model.probabilityAlive(one, tv, out);
      tolerance.check(name + " palive", table.number(i, "palive"), out[0]);
      model.conditionalExpectedPurchases(table.number(i, "t"), one, tv, out);
      tolerance.check(name + " cet", table.number(i, "cet"), out[0]);
      model.conditionalDiscountedResidualPurchases(
          Discount.continuous(table.number(i, "delta")), one, tv, out);
      tolerance.check(name + " dert", table.number(i, "dert"), out[0]);
    }
  }

  /** Random customers with valid (x, t_x, T). */
  private static CustomerHistories customers(SplittableRandom random, int n) {
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    for (int i = 0; i < n; i++) {
      age[i] = 1 + 77 * random.nextDouble();
      x[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 30);
      tx[i] = x[i] == 0 ? 0 : random.nextInt(5) == 0 ? age[i] : age[i] * random.nextDouble();
    }
    return CustomerHistories.of(x, tx, age);
  }

  @Test
  void constantCovariates_equalStaticCovariateModel() {
    // Covariates constant over time but split into several periods with the same row: the
    // time-varying model is the static one (alpha_i = alpha0 exp(-gp'z), beta_i likewise).
    SplittableRandom random = new SplittableRandom(16);
    int n = 300;
    CustomerHistories data = customers(random, n);
    ParetoNbdParameters p = new ParetoNbdParameters(0.55, 10.5, 0.61, 11.7);
    double[] gp = {0.4, -0.3};
    double[] gd = {-0.2, 0.5};
    ParetoNbdTimeVaryingModel tvModel = ParetoNbdTimeVaryingModel.of(p, NAMES, gp, NAMES, gd);
    ParetoNbdCovariateModel staticModel = ParetoNbdCovariateModel.of(p, NAMES, gp, NAMES, gd);
    double[] z = new double[2 * n];
    int[] offsets = new int[n + 1];
    double[] starts = new double[4 * n];
    double[] rows = new double[8 * n];
    for (int i = 0; i < n; i++) {
      z[2 * i] = random.nextInt(2);
      z[2 * i + 1] = random.nextDouble() * 2 - 1;
      offsets[i + 1] = 4 * (i + 1);
      double first = -random.nextDouble() * 5;
      for (int k = 0; k < 4; k++) {
        starts[4 * i + k] = k == 0 ? first : k * 19.5 + random.nextDouble();
        rows[8 * i + 2 * k] = z[2 * i];
        rows[8 * i + 2 * k + 1] = z[2 * i + 1];
      }
    }
    TimeVaryingCovariates tv = TimeVaryingCovariates.of(NAMES, offsets, starts, rows);
    CovariateMatrix matrix = CovariateMatrix.of(NAMES, z);
    Tolerance tolerance = Tolerance.relative(1e-12);
    double[] expected = new double[n];
    double[] actual = new double[n];
    double[] x = data.frequencyColumn();
    double[] tx = data.recencyColumn();
    double[] age = data.ageColumn();
    tvModel.logLikelihood(data, tv, actual);
    for (int i = 0; i < n; i++) {
      double[] row = {z[2 * i], z[2 * i + 1]};
      tolerance.check("ll " + i, staticModel.logLikelihood(x[i], tx[i], age[i], row), actual[i]);
    }
    staticModel.probabilityAlive(x, tx, age, matrix, expected, 0, n);
    tvModel.probabilityAlive(data, tv, actual);
    check(tolerance, "palive", expected, actual);
    staticModel.conditionalExpectedPurchases(52, x, tx, age, matrix, expected, 0, n);
    tvModel.conditionalExpectedPurchases(52, data, tv, actual);
    check(tolerance, "cet", expected, actual);
    Discount discount = Discount.continuous(0.01);
    staticModel.conditionalDiscountedResidualPurchases(
        discount, x, tx, age, matrix, expected, 0, n);
    tvModel.conditionalDiscountedResidualPurchases(discount, data, tv, actual);
    check(tolerance, "dert", expected, actual);
  }

  private static void check(Tolerance tolerance, String what, double[] expected, double[] actual) {
    for (int i = 0; i < expected.length; i++) {
      tolerance.check(what + " " + i, expected[i], actual[i]);
    }
  }

  /** Time-varying covariates: 1 to 12 periods per customer, random rows. */
  private static TimeVaryingCovariates varying(SplittableRandom random, int n) {
    int[] offsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offsets[i + 1] = offsets[i] + random.nextInt(1, 13);
    }
    double[] starts = new double[offsets[n]];
    double[] rows = new double[2 * offsets[n]];
    for (int i = 0; i < n; i++) {
      double t = -random.nextDouble() * 3;
      for (int k = offsets[i]; k < offsets[i + 1]; k++) {
        starts[k] = t;
        t += 0.5 + random.nextDouble() * 12;
        rows[2 * k] = random.nextInt(2);
        rows[2 * k + 1] = random.nextDouble() * 2 - 1;
      }
    }
    return TimeVaryingCovariates.of(NAMES, offsets, starts, rows);
  }

  @Test
  void zeroCoefficients_equalParetoNbd() {
    SplittableRandom random = new SplittableRandom(1613);
    int n = 300;
    CustomerHistories data = customers(random, n);
    TimeVaryingCovariates tv = varying(random, n);
    ParetoNbdParameters p = new ParetoNbdParameters(0.9, 6.0, 1.4, 25.0);
    ParetoNbdTimeVaryingModel tvModel =
        ParetoNbdTimeVaryingModel.of(p, NAMES, new double[2], NAMES, new double[2]);
    ParetoNbdModel plain = ParetoNbdModel.of(p);
    Tolerance tolerance = Tolerance.relative(1e-12);
    double[] actual = new double[n];
    double[] alive = new double[n];
    double[] cet = new double[n];
    double[] dert = new double[n];
    tvModel.logLikelihood(data, tv, actual);
    tvModel.probabilityAlive(data, tv, alive);
    tvModel.conditionalExpectedPurchases(30, data, tv, cet);
    tvModel.conditionalDiscountedResidualPurchases(Discount.continuous(0.02), data, tv, dert);
    for (int i = 0; i < n; i++) {
      double x = data.frequency(i);
      double tx = data.recency(i);
      double age = data.age(i);
      tolerance.check("ll " + i, plain.logLikelihood(x, tx, age), actual[i]);
      tolerance.check("palive " + i, plain.probabilityAlive(x, tx, age), alive[i]);
      tolerance.check("cet " + i, plain.conditionalExpectedPurchases(30, x, tx, age), cet[i]);
      tolerance.check(
          "dert " + i,
          plain.conditionalDiscountedResidualPurchases(Discount.continuous(0.02), x, tx, age),
          dert[i]);
    }
  }

  @Test
  void gradient_matchesCentralDifferences() {
    SplittableRandom random = new SplittableRandom(77);
    int n = 60;
    CustomerHistories data = customers(random, n);
    TimeVaryingCovariates tv = varying(random, n);
    CovariateLayout layout =
        CovariateLayout.resolve(NAMES, CovariateSettings.DEFAULT.withConstrained(List.of()));
    ParetoNbdTimeVaryingFitter.Likelihood likelihood =
        new ParetoNbdTimeVaryingFitter.Likelihood(data, tv, layout, 7.8, null);
    double[] theta = {
      Math.log(0.7), Math.log(1.2), Math.log(0.9), Math.log(2.5), 0.3, -0.4, 0.2, 0.5
    };
    GradientChecks.matchesCentralDifferences(
        "d LL / d theta_",
        likelihood::value,
        theta,
        1e-5,
        Tolerance.relative(1e-6).or(Tolerance.absolute(1e-6)));
  }
}
