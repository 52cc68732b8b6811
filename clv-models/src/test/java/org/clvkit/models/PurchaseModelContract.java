package org.clvkit.models;

import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.Locale;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties every {@link PurchaseModel} must have, written once and run for each model by a subclass.
 * Subclasses provide models from parameters, a fitter and a simulator.
 */
public abstract class PurchaseModelContract {

  /** One customer's history. */
  public record History(double frequency, double recency, double age) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "(x=%s, t_x=%s, T=%s)", frequency, recency, age);
    }
  }

  /** A model with the given parameters in the model's order. */
  protected abstract PurchaseModel model(double[] parameters);

  /** Number of parameters. */
  protected abstract int parameterCount();

  /** Parameters like those fitted on real data (CDNOW), used for recovery from simulated data. */
  protected abstract double[] typicalParameters();

  /** Fits a model. */
  protected abstract PurchaseModel fit(CustomerHistories data);

  /** Simulates {@code customers} histories from the model with the given parameters. */
  protected abstract CustomerHistories simulate(double[] parameters, int customers, long seed);

  /** Whether times are whole periods (BG/BB); continuous by default. */
  protected boolean discreteTime() {
    return false;
  }

  /** Parameter vectors over the robustness grid: each parameter log-uniform in [1e-3, 1e3]. */
  protected Gen<double[]> parameters() {
    Gen<Double> logUniform = doubles().between(-3, 3).map(e -> Math.pow(10, e));
    int k = parameterCount();
    return in -> {
      double[] p = new double[k];
      for (int i = 0; i < k; i++) {
        p[i] = logUniform.generate(in);
      }
      return p;
    };
  }

  /** Histories over the robustness grid: frequency up to 10^4, age up to 10^4 periods. */
  protected Gen<History> histories() {
    Gen<Double> age = doubles().between(-1, 4).map(e -> Math.pow(10, e));
    Gen<Integer> frequency =
        integers().between(0, 4).zip(doubles().between(0, 1), (d, u) -> d == 0 ? 0
            : (int) Math.round(Math.pow(10, (d - 1 + u))));
    Gen<Double> share = doubles().between(0, 1);
    if (discreteTime()) {
      Gen<Integer> opportunities = integers().between(1, 10_000);
      return opportunities.zip(share, share, (n, u, v) -> {
        int recency = (int) Math.floor(u * (n + 1));
        recency = Math.min(recency, n);
        int x = (int) Math.floor(v * (recency + 1));
        x = Math.min(x, recency);
        return new History(x, x == 0 ? 0 : recency, n);
      });
    }
    return frequency.zip(age, share, (x, t, u) -> new History(x, x == 0 ? 0 : u * t, t));
  }

  private static void assertFinite(String what, double v, Object context) {
    assertTrue(Double.isFinite(v), () -> what + " = " + v + " for " + context);
  }

  @Test
  void probabilityAlive_isAProbabilityOverTheGrid() {
    qt().forAll(parameters(), histories())
        .checkAssert(
            (p, h) -> {
              double alive = model(p).probabilityAlive(h.frequency(), h.recency(), h.age());
              String context = Arrays.toString(p) + " " + h;
              assertFinite("P(alive)", alive, context);
              assertTrue(alive >= 0 && alive <= 1, () -> "P(alive) = " + alive + " for " + context);
            });
  }

  @Test
  void conditionalExpectedPurchases_isFiniteAndNonDecreasingInTheHorizon() {
    qt().forAll(parameters(), histories(), doubles().between(0, 3))
        .checkAssert(
            (p, h, logT) -> {
              PurchaseModel m = model(p);
              double t = discreteTime() ? Math.ceil(Math.pow(10, logT)) : Math.pow(10, logT);
              double shorter = discreteTime() ? Math.floor(t / 2) : t / 2;
              double a = m.conditionalExpectedPurchases(shorter, h.frequency(), h.recency(), h.age());
              double b = m.conditionalExpectedPurchases(t, h.frequency(), h.recency(), h.age());
              String context = Arrays.toString(p) + " " + h + " t=" + t;
              assertFinite("E[Y(t/2)]", a, context);
              assertFinite("E[Y(t)]", b, context);
              assertTrue(a >= 0, () -> "E[Y(t/2)] = " + a + " for " + context);
              assertTrue(b >= a * (1 - 1e-12), () -> a + " > " + b + " for " + context);
            });
  }

  @Test
  void expectedPurchases_isZeroAtZeroAndNonDecreasing() {
    qt().forAll(parameters(), doubles().between(0, 3))
        .checkAssert(
            (p, logT) -> {
              PurchaseModel m = model(p);
              double t = discreteTime() ? Math.ceil(Math.pow(10, logT)) : Math.pow(10, logT);
              double shorter = discreteTime() ? Math.floor(t / 2) : t / 2;
              assertEquals(0.0, m.expectedPurchases(0), 1e-300);
              double a = m.expectedPurchases(shorter);
              double b = m.expectedPurchases(t);
              String context = Arrays.toString(p) + " t=" + t;
              assertFinite("E[X(t)]", b, context);
              assertTrue(b >= a * (1 - 1e-12), () -> a + " > " + b + " for " + context);
            });
  }

  @Test
  void probabilityOfPurchases_isADistribution() {
    qt(50).forAll(parameters(), doubles().between(0, 2))
        .checkAssert(
            (p, logT) -> {
              PurchaseModel m = model(p);
              double t = discreteTime() ? Math.ceil(Math.pow(10, logT)) : Math.pow(10, logT);
              double sum = 0;
              for (int n = 0; n <= 300; n++) {
                double pn = m.probabilityOfPurchases(n, t);
                String context = Arrays.toString(p) + " n=" + n + " t=" + t;
                assertFinite("P(X(t)=n)", pn, context);
                assertTrue(pn >= 0 && pn <= 1 + 1e-12, () -> "P = " + pn + " for " + context);
                sum += pn;
              }
              double total = sum;
              assertTrue(total <= 1 + 1e-9, () -> "sum " + total + " for " + Arrays.toString(p));
            });
  }

  @Test
  void batch_equalsPerCustomerBitForBit() {
    qt(50).forAll(parameters())
        .checkAssert(
            p -> {
              PurchaseModel m = model(p);
              int n = 64;
              double[] f = new double[n];
              double[] r = new double[n];
              double[] a = new double[n];
              java.util.SplittableRandom random = new java.util.SplittableRandom(Arrays.hashCode(p));
              for (int i = 0; i < n; i++) {
                double age = discreteTime() ? 1 + random.nextInt(50) : 0.5 + random.nextDouble() * 60;
                double x = random.nextInt(4) == 0 ? 0 : random.nextInt(30);
                double rec = x == 0 ? 0 : (discreteTime() ? Math.max(x, random.nextInt((int) age + 1))
                    : random.nextDouble() * age);
                if (discreteTime()) {
                  x = Math.min(x, age);
                  rec = x == 0 ? 0 : Math.min(Math.max(rec, x), age);
                }
                f[i] = x;
                r[i] = rec;
                a[i] = age;
              }
              double[] alive = new double[n + 2];
              double[] expected = new double[n + 2];
              m.probabilityAlive(f, r, a, alive, 1, n);
              m.conditionalExpectedPurchases(discreteTime() ? 5 : 5.5, f, r, a, expected, 1, n);
              assertEquals(0.0, alive[0]);
              assertEquals(0.0, alive[n]);
              for (int i = 1; i < n; i++) {
                Tolerance.ulps(0).check("P(alive) row " + i, m.probabilityAlive(f[i], r[i], a[i]), alive[i]);
                Tolerance.ulps(0).check("E[Y] row " + i,
                    m.conditionalExpectedPurchases(discreteTime() ? 5 : 5.5, f[i], r[i], a[i]),
                    expected[i]);
              }
            });
  }

  @Test
  void fit_weightsEqualDuplicatedRows() {
    // Fitters fit on compressed patterns; the weighted likelihood they maximise must equal the sum of
    // the per-customer log-likelihoods over the raw, duplicated rows.
    CustomerHistories simulated = simulate(typicalParameters(), 2_000, 17);
    int n = simulated.size();
    int extra = 500;
    double[] f = new double[n + extra];
    double[] r = new double[n + extra];
    double[] a = new double[n + extra];
    for (int i = 0; i < n + extra; i++) {
      int j = i < n ? i : i - n; // the first 500 customers appear twice
      f[i] = simulated.frequency(j);
      r[i] = simulated.recency(j);
      a[i] = simulated.age(j);
    }
    CustomerHistories raw = CustomerHistories.of(f, r, a);
    CustomerHistories compressed = raw.compressed();
    assertTrue(compressed.size() < raw.size(), "duplicated rows must compress");
    PurchaseModel fitted = fit(raw);
    double sum = 0;
    for (int i = 0; i < raw.size(); i++) {
      sum += raw.weight(i) * fitted.logLikelihood(raw.frequency(i), raw.recency(i), raw.age(i));
    }
    Tolerance.relative(1e-9)
        .check("log-likelihood", sum, fitted.fitReport().orElseThrow().diagnostics().logLikelihood());
    double[] fromRaw = fitted.parameterValues();
    double[] fromCompressed = fit(compressed).parameterValues();
    for (int i = 0; i < fromRaw.length; i++) {
      Tolerance.relative(1e-9).check("parameter " + i, fromRaw[i], fromCompressed[i]);
    }
  }

  @Test
  void fit_rescalingTimeChangesNothing() {
    if (discreteTime()) {
      return;
    }
    CustomerHistories weeks = simulate(typicalParameters(), 2_000, 19);
    CustomerHistories days = weeks.rescaled(1.0 / 7);
    PurchaseModel inWeeks = fit(weeks);
    PurchaseModel inDays = fit(days);
    Tolerance close = Tolerance.relative(1e-6);
    for (int i = 0; i < 10; i++) {
      double f = weeks.frequency(i);
      double r = weeks.recency(i);
      double a = weeks.age(i);
      close.check("P(alive) " + i, inWeeks.probabilityAlive(f, r, a),
          inDays.probabilityAlive(f, 7 * r, 7 * a));
      close.check("E[Y(10 weeks)] " + i, inWeeks.conditionalExpectedPurchases(10, f, r, a),
          inDays.conditionalExpectedPurchases(70, f, 7 * r, 7 * a));
    }
  }

  @Test
  void fit_recoversSimulatedParametersWithinThreeStandardErrors() {
    double[] truth = typicalParameters();
    PurchaseModel fitted = fit(simulate(truth, 20_000, 23));
    FitReport report = fitted.fitReport().orElseThrow();
    assertTrue(report.converged(), report.summaryTable());
    for (int i = 0; i < truth.length; i++) {
      ParameterEstimate e = report.estimates().get(i);
      double expected = truth[i];
      assertTrue(
          Math.abs(e.value() - expected) <= 3 * e.standardError(),
          () -> e.name() + " = " + e.value() + " vs true " + expected + "\n" + report.summaryTable());
    }
  }
}
