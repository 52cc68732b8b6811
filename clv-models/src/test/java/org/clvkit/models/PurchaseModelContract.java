package org.clvkit.models;

import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.Arrays;
import java.util.Locale;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties every {@link PurchaseModel} must have, written once and run for each model. The time
 * domain is written in by the two subclasses, {@link ContinuousPurchaseModelContract} and {@link
 * DiscretePurchaseModelContract}, which draw horizons and histories from their model's domain and
 * add the properties of that domain; a model's test extends one of them and provides models from
 * parameters, a fitter and a simulator.
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

  /**
   * A horizon of the model's domain near {@code 10^logT} (rounded up to a whole one if discrete).
   */
  protected abstract double horizon(double logT);

  /** A horizon of the model's domain near half of {@code t}. */
  protected abstract double half(double t);

  /** A random history of the model's domain with age up to about 60 periods. */
  protected abstract History randomHistory(java.util.SplittableRandom random);

  /** Histories over the robustness grid: frequency up to 10^4, age up to 10^4 periods. */
  protected abstract Gen<History> histories();

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
              double t = horizon(logT);
              double shorter = half(t);
              double a =
                  m.conditionalExpectedPurchases(shorter, h.frequency(), h.recency(), h.age());
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
              double t = horizon(logT);
              double shorter = half(t);
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
    qt(50)
        .forAll(parameters(), doubles().between(0, 2))
        .checkAssert(
            (p, logT) -> {
              PurchaseModel m = model(p);
              double t = horizon(logT);
              double sum = 0;
              for (int n = 0; n <= 300; n++) {
                double pn = m.probabilityOfPurchases(n, t);
                String context = Arrays.toString(p) + " n=" + n + " t=" + t;
                assertFinite("P(X(t)=n)", pn, context);
                assertTrue(pn >= 0 && pn <= 1 + 1e-12, () -> "P = " + pn + " for " + context);
                sum += pn;
              }
              // The mass beyond n = 300 is P(X(t) > 300) <= E[X(t)] / 301 (Markov's inequality):
              // a pmf of zeros, or one that loses mass, fails.
              double total = sum;
              double tail = m.expectedPurchases(t) / 301;
              assertTrue(
                  total <= 1 + 1e-9 && total >= 1 - tail - 1e-9,
                  () -> "sum " + total + ", allowed tail " + tail + " for " + Arrays.toString(p));
            });
  }

  /**
   * The parameter sets of {@link #probabilityOfPurchases_sumsToOneAndHasMeanExpectedPurchases}: the
   * typical parameters unless a model adds more.
   */
  protected double[][] distributionParameters() {
    return new double[][] {typicalParameters()};
  }

  /**
   * The tolerance of {@link #probabilityOfPurchases_sumsToOneAndHasMeanExpectedPurchases}: absolute
   * on Σ P(X(t) = n) and relative on Σ n P(X(t) = n) against E[X(t)]. The pmf and the expectation
   * come from different formulas, so this is the models' accuracy, not the truncation's: 1e-9
   * unless a model states another.
   */
  protected double distributionTolerance() {
    return 1e-9;
  }

  /** The largest count summed in the distribution check. */
  private static final int MAX_COUNT = 20_000;

  /**
   * P(X(t) = n) is a distribution whose mean is E[X(t)], at each of {@link
   * #distributionParameters()} and horizons from half a period to 52 periods. The pmf is summed
   * from n = 0 until, past the mode, n P(X(t) = n) falls below 1e-15 of the partial mean (at most
   * {@link #MAX_COUNT}). The stated tail: every outcome beyond the last counted N is at least N +
   * 1, so the mass left out is at most (E[X(t)] − Σ_{n &lt;= N} n P(X(t) = n)) / (N + 1); the sum
   * must lie in [1 − that tail − tol, 1 + tol] and the partial mean agree with E[X(t)] to tol
   * (relative, or 1e-12 absolute), tol = {@link #distributionTolerance()}. A pmf of zeros, one that
   * loses or gains mass, or whose mean is not the model's expectation fails.
   */
  @Test
  void probabilityOfPurchases_sumsToOneAndHasMeanExpectedPurchases() {
    double tol = distributionTolerance();
    for (double[] p : distributionParameters()) {
      PurchaseModel m = model(p);
      for (double logT : new double[] {-0.3, 0, 0.5, 1, Math.log10(39), Math.log10(52)}) {
        double t = horizon(logT);
        double sum = 0;
        double mean = 0;
        double previous = Double.POSITIVE_INFINITY;
        int n = 0;
        for (; n < MAX_COUNT; n++) {
          double pn = m.probabilityOfPurchases(n, t);
          sum += pn;
          mean += n * pn;
          if (n > 10 && pn <= previous && n * pn <= 1e-15 * mean) {
            break;
          }
          previous = pn;
        }
        String context = Arrays.toString(p) + " t=" + t + " N=" + n;
        double expected = m.expectedPurchases(t);
        double total = sum;
        double tail = Math.max(0, expected - mean) / (n + 1);
        assertTrue(
            total <= 1 + tol && total >= 1 - tail - tol,
            () -> "Σ P(X(t) = n) = " + total + ", allowed tail " + tail + " for " + context);
        Tolerance.relative(tol)
            .or(Tolerance.absolute(1e-12))
            .check("Σ n P(X(t) = n) for " + context, expected, mean);
      }
    }
  }

  @Test
  void batch_equalsPerCustomerBitForBit() {
    qt(50)
        .forAll(parameters())
        .checkAssert(
            p -> {
              PurchaseModel m = model(p);
              int n = 64;
              double[] f = new double[n];
              double[] r = new double[n];
              double[] a = new double[n];
              java.util.SplittableRandom random =
                  new java.util.SplittableRandom(Arrays.hashCode(p));
              for (int i = 0; i < n; i++) {
                History h = randomHistory(random);
                f[i] = h.frequency();
                r[i] = h.recency();
                a[i] = h.age();
              }
              double t = horizon(Math.log10(5.5));
              double[] alive = new double[n + 2];
              double[] expected = new double[n + 2];
              m.probabilityAlive(f, r, a, alive, 1, n);
              m.conditionalExpectedPurchases(t, f, r, a, expected, 1, n);
              assertEquals(0.0, alive[0]);
              assertEquals(0.0, alive[n]);
              for (int i = 1; i < n; i++) {
                Tolerance.ulps(0)
                    .check("P(alive) row " + i, m.probabilityAlive(f[i], r[i], a[i]), alive[i]);
                Tolerance.ulps(0)
                    .check(
                        "E[Y] row " + i,
                        m.conditionalExpectedPurchases(t, f[i], r[i], a[i]),
                        expected[i]);
              }
            });
  }

  @Test
  void fit_weightsEqualDuplicatedRows() {
    // Fitters fit on compressed patterns; the weighted likelihood they maximise must equal the sum
    // of
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
        .check(
            "log-likelihood", sum, fitted.fitReport().orElseThrow().diagnostics().logLikelihood());
    double[] fromRaw = fitted.parameterValues();
    double[] fromCompressed = fit(compressed).parameterValues();
    for (int i = 0; i < fromRaw.length; i++) {
      Tolerance.relative(1e-9).check("parameter " + i, fromRaw[i], fromCompressed[i]);
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
          () ->
              e.name() + " = " + e.value() + " vs true " + expected + "\n" + report.summaryTable());
    }
  }
}
