package org.clvkit.models.bayes;

import static org.clvkit.testing.Seeded.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.Arrays;
import org.clvkit.models.CustomerHistories;
import org.junit.jupiter.api.Test;

/**
 * New-customer predictions of the Pareto/GGG: the exact conditional expectation against the
 * Pareto/NBD's closed form at k = 1 and the Poisson process without drop-out; the population
 * average against purchases counted on customers from the seeded simulator; the posterior summary
 * over a fit's draws.
 */
class ParetoGggNewCustomersTest {
  private static final ParetoGggParameters BTYDPLUS_TEST =
      new ParetoGggParameters(4.5, 1.5, 0.9, 5, 0.8, 12);

  /** At k = 1 the purchases are Poisson(λ) until τ: E[X(t) | λ, μ] = λ/μ (1 − e^{−μt}). */
  @Test
  void conditional_isTheParetoNbdsAtKEqualOne() {
    qt().forAll(
            doubles().between(-3, 1).map(e -> Math.pow(10, e)),
            doubles().between(-3, 0).map(e -> Math.pow(10, e)),
            doubles().between(0.1, 100))
        .checkAssert(
            (lambda, mu, t) -> {
              double expected = lambda / mu * -Math.expm1(-mu * t);
              assertEquals(
                  expected,
                  ParetoGggNewCustomers.conditional(1, lambda, mu, t),
                  1e-10 * Math.max(1, expected),
                  "λ=" + lambda + " μ=" + mu + " t=" + t);
            });
  }

  /** Without drop-out and k = 1 the count is Poisson(λt); for any k it grows with the horizon. */
  @Test
  void conditional_isPoissonWithoutDropOutAndGrowsWithTheHorizon() {
    assertEquals(2.5, ParetoGggNewCustomers.conditional(1, 0.25, 0, 10), 1e-10);
    qt().forAll(
            doubles().between(-1, 1).map(e -> Math.pow(10, e)),
            doubles().between(-2, 0).map(e -> Math.pow(10, e)),
            doubles().between(1, 50))
        .checkAssert(
            (k, lambda, t) -> {
              double shorter = ParetoGggNewCustomers.conditional(k, lambda, 0.05, t);
              double longer = ParetoGggNewCustomers.conditional(k, lambda, 0.05, 1.5 * t);
              assertTrue(shorter >= 0 && longer >= shorter, k + " " + lambda + " " + t);
              // Without drop-out it is the renewal function of Gamma(k, kλ) gaps, at most λt + 1/k
              // (Lorden's bound t/m + E[X²]/m² on the renewals in [0, t], less the one at 0).
              assertTrue(
                  ParetoGggNewCustomers.conditional(k, lambda, 0, t) <= lambda * t + 1 / k + 1e-9,
                  "renewal bound");
            });
  }

  /**
   * E[X(t)] of a new customer at BTYDplus's test parameters against 200,000 simulated customers of
   * age t = 20 (the repeat purchases they make in (0, 20]): within 4 combined standard errors (the
   * simulation's and the model's own Monte Carlo, each below sd(X)/√200,000).
   */
  @Test
  void expectedPurchases_matchesTheSimulator() {
    int n = 200_000;
    double t = 20;
    double[] ages = new double[n];
    Arrays.fill(ages, t);
    CustomerHistories data =
        ParetoGggSimulator.of(BTYDPLUS_TEST, 11L).simulate(ages, 0).histories();
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += data.frequency(i);
    }
    mean /= n;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      ss += (data.frequency(i) - mean) * (data.frequency(i) - mean);
    }
    double se = Math.sqrt(ss / (n - 1) / n);
    double model = ParetoGggModel.of(BTYDPLUS_TEST).expectedPurchases(t, n, 5L);
    assertEquals(mean, model, 4 * Math.sqrt(2) * se, "simulated mean ± " + se);
    assertEquals(0.0, ParetoGggModel.of(BTYDPLUS_TEST).expectedPurchases(0), 0.0);
  }

  /**
   * The posterior summary of a new customer's E[X(t)] on a fit of 400 simulated customers: its 95 %
   * interval holds the value at the true parameters, its mean is near the model's at the posterior
   * means (within the interval), and it is the same for the same seed.
   */
  @Test
  void newCustomerPurchases_coversTheTruthAndIsReproducible() {
    int n = 400;
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = 20 + 32.0 * i / n;
    }
    CustomerHistories data =
        ParetoGggSimulator.of(BTYDPLUS_TEST, 21L).simulate(ages, 0).histories();
    ParetoGggPosterior posterior =
        ParetoGggFitter.create().withMcmc(new McmcSettings(2, 300, 600, 10, 3L)).sample(data);
    PosteriorSummary summary = posterior.newCustomerPurchases(30);
    double truth = ParetoGggModel.of(BTYDPLUS_TEST).expectedPurchases(30);
    assertTrue(
        summary.lower() <= truth && truth <= summary.upper(),
        "truth " + truth + " outside " + summary);
    double plugIn = posterior.model().expectedPurchases(30);
    assertTrue(summary.lower() <= plugIn && plugIn <= summary.upper(), plugIn + " " + summary);
    assertEquals(summary, posterior.newCustomerPurchases(30));
    assertEquals("E[X(t)]", summary.name());
  }
}
