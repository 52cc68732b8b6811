package org.clvkit.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.clvkit.models.bayes.ParetoGggParameters;
import org.clvkit.models.bayes.ParetoGggSimulator;
import org.junit.jupiter.api.Test;

/**
 * The Pareto/GGG kernel's exact pieces: P(alive | k, λ, μ) against the Pareto/NBD's at k = 1 and
 * against quadrature of its definition (BTYDplus's {@code pggg_palive} integrates numerically), and
 * the samplers of the dead customer's drop-out time and of the left-truncated gamma against the
 * means of their densities by quadrature.
 */
class ParetoGggGibbsTest {

  @Test
  void probabilityAlive_isTheParetoNbdsAtKEqualOne() {
    double[][] cases = {{0.3, 0.05, 10}, {2, 0.01, 30}, {0.01, 0.2, 5}, {1, 1, 0.5}, {0.5, 0.1, 0}};
    for (double[] c : cases) {
      assertEquals(
          ParetoNbdGibbs.probabilityAlive(c[0], c[1], c[2]),
          ParetoGggGibbs.probabilityAlive(1, c[0], c[1], c[2]),
          1e-12 * ParetoNbdGibbs.probabilityAlive(c[0], c[1], c[2]),
          java.util.Arrays.toString(c));
    }
  }

  /** BTYDplus's own check (src/slice-sampling.cpp): x = 1, t_x = 45, T = 52, k = 3, ... */
  @Test
  void probabilityAlive_equalsQuadratureOfItsDefinition() {
    double[][] cases = {
      {3, 0.0001, 0.1, 45, 52},
      {3, 0.5, 0.05, 10, 30},
      {0.4, 0.2, 0.02, 3, 40},
      {8, 0.1, 0.01, 20, 39}
    };
    for (double[] c : cases) {
      double k = c[0];
      double lambda = c[1];
      double mu = c[2];
      double tx = c[3];
      double age = c[4];
      double kl = k * lambda;
      GaussKronrod.Function f = y -> Math.exp(ParetoGggGibbs.logQ(k, kl * (y - tx)) - mu * y);
      double alive = f.value(age);
      double dead = mu * GaussKronrod.integrate(f, tx, age, 1e-12, 0);
      assertEquals(
          alive / (alive + dead),
          ParetoGggGibbs.probabilityAlive(k, lambda, mu, age - tx),
          1e-9,
          java.util.Arrays.toString(c));
    }
  }

  @Test
  void deadGap_hasTheMeanOfItsDensity() {
    // (k, λ, μ, gap): rejection accepts often in the first two, seldom (inversion) in the last two.
    double[][] cases = {
      {1.5, 0.1, 0.05, 10}, {0.5, 0.05, 0.2, 20}, {3, 2, 0.01, 40}, {1, 5, 0.1, 30}
    };
    SplittableRandom random = new SplittableRandom(5);
    for (double[] c : cases) {
      double k = c[0];
      double cc = k * c[1];
      double mu = c[2];
      double gap = c[3];
      GaussKronrod.Function density = u -> Math.exp(ParetoGggGibbs.logQ(k, cc * u) - mu * u);
      double mass = GaussKronrod.integrate(density, 0, gap, 1e-12, 0);
      double mean = GaussKronrod.integrate(u -> u * density.value(u), 0, gap, 1e-12, 0) / mass;
      double second =
          GaussKronrod.integrate(u -> u * u * density.value(u), 0, gap, 1e-12, 0) / mass;
      int n = 20_000;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double u = ParetoGggGibbs.deadGap(random, k, cc, mu, gap);
        assertTrue(u >= 0 && u <= gap);
        sum += u;
      }
      double se = Math.sqrt((second - mean * mean) / n);
      assertEquals(mean, sum / n, 4 * se, java.util.Arrays.toString(c));
    }
  }

  @Test
  void leftTruncatedGamma_hasTheMeanOfTheTruncatedDensity() {
    // (k, rate, lower) covering k < 1 with c·lower below and above 1, and k >= 1 below and above k.
    double[][] cases = {
      {0.5, 1, 0.3}, {0.5, 1, 3}, {0.05, 2, 0.1}, {3, 1, 1}, {3, 1, 10}, {1, 4, 2}
    };
    SplittableRandom random = new SplittableRandom(6);
    for (double[] c : cases) {
      double k = c[0];
      double rate = c[1];
      double lower = c[2];
      double upper = lower + 60 / rate;
      GaussKronrod.Function density = w -> Math.exp((k - 1) * Math.log(w) - rate * w);
      double mass = GaussKronrod.integrate(density, lower, upper, 1e-12, 0);
      double mean =
          GaussKronrod.integrate(w -> w * density.value(w), lower, upper, 1e-12, 0) / mass;
      double second =
          GaussKronrod.integrate(w -> w * w * density.value(w), lower, upper, 1e-12, 0) / mass;
      int n = 20_000;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double w = ParetoGggGibbs.leftTruncatedGamma(random, k, rate, lower);
        assertTrue(w > lower);
        sum += w;
      }
      double se = Math.sqrt((second - mean * mean) / n);
      assertEquals(mean, sum / n, 4 * se, java.util.Arrays.toString(c));
    }
  }

  @Test
  void simulatePurchases_isPoissonAtKEqualOne() {
    // k = 1: memoryless, so purchases in (0, min(τ, t)] are Poisson(λ min(τ, t)) whatever the gap.
    SplittableRandom random = new SplittableRandom(7);
    double lambda = 0.8;
    int n = 20_000;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += ParetoGggGibbs.simulatePurchases(random, 10, 1, lambda, 6, 25);
    }
    double mean = lambda * 6;
    assertEquals(mean, sum / n, 4 * Math.sqrt(mean / n));
  }

  /**
   * The ridge move of (t, γ) with the k's leaves the regularity block's target invariant: on 80
   * simulated customers with λ and τ held at their true values, the k-and-(t, γ) Gibbs sweep with
   * the ridge move and the plain sweep without it (an independent computation of the same
   * posterior, correct but slow along the ridge) give the same posterior means of ln t and ln(t/γ)
   * within 4.5 combined batch-means standard errors, and the ridge move mixes ln t faster.
   */
  @Test
  void ridgeRegularity_leavesTheRegularityPosteriorInvariant() {
    int n = 80;
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = 36 + 12 * (i % 6);
    }
    ParetoGggSimulator.Customers sim =
        ParetoGggSimulator.of(new ParetoGggParameters(4.5, 1.5, 0.9, 5, 0.8, 12), 31L)
            .simulate(ages, 36);
    var data = sim.histories();
    ParetoGggGibbs sampler =
        new ParetoGggGibbs(
            data.frequencyColumn(), data.recencyColumn(), data.ageColumn(), data.littColumn());
    int iterations = 8_000;
    double[][] plain = regularityChain(sampler, sim, false, iterations, 41L);
    double[][] ridge = regularityChain(sampler, sim, true, iterations, 43L);
    for (int j = 0; j < 2; j++) {
      double[] a = batchMeans(plain[j]);
      double[] b = batchMeans(ridge[j]);
      double se = Math.hypot(a[1], b[1]);
      assertEquals(a[0], b[0], 4.5 * se, (j == 0 ? "ln t" : "ln(t/γ)") + " ± " + se);
    }
    assertTrue(
        batchMeans(ridge[0])[1] < batchMeans(plain[0])[1],
        "the ridge move should lower the standard error of ln t");
  }

  /** ln t and ln(t/γ) of each iteration after 500 of burn-in. */
  private static double[][] regularityChain(
      ParetoGggGibbs sampler,
      ParetoGggSimulator.Customers sim,
      boolean ridge,
      int iterations,
      long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] k = sim.k().clone();
    for (int i = 0; i < k.length; i++) {
      k[i] = Math.min(Math.max(k[i], ParetoGggGibbs.K_MIN), ParetoGggGibbs.K_MAX);
    }
    double[] lambda = sim.lambda().clone();
    double[] tau = sim.tau().clone();
    double[] theta = {4.5, 1.5, 0.9, 5, 0.8, 12};
    double[] value = new double[1];
    int burnin = 500;
    double[][] out = new double[2][iterations];
    for (int step = 0; step < burnin + iterations; step++) {
      sampler.regularitySweep(random, k, lambda, tau, theta, ridge, value);
      if (step >= burnin) {
        out[0][step - burnin] = Math.log(theta[0]);
        out[1][step - burnin] = Math.log(theta[0] / theta[1]);
      }
    }
    return out;
  }

  /** The mean and its standard error from 30 batch means. */
  private static double[] batchMeans(double[] values) {
    int batches = 30;
    int size = values.length / batches;
    double mean = 0;
    double[] means = new double[batches];
    for (int b = 0; b < batches; b++) {
      for (int i = b * size; i < (b + 1) * size; i++) {
        means[b] += values[i];
      }
      means[b] /= size;
      mean += means[b];
    }
    mean /= batches;
    double ss = 0;
    for (double m : means) {
      ss += (m - mean) * (m - mean);
    }
    return new double[] {mean, Math.sqrt(ss / (batches - 1) / batches)};
  }
}
