package org.clvkit.models.bayes;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Model;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.clvkit.models.io.SavedModel;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.junit.jupiter.api.Test;

/**
 * The Pareto/GGG fitter: reproducibility, executors, the draws kept, parameter recovery from the
 * simulator, model files, the marginal likelihood's Pareto/NBD limit, bad input.
 */
class ParetoGggFitterTest {
  /** BTYDplus's own recovery test's parameters (tests/testthat/test-pareto-ggg-mcmc.R). */
  static final ParetoGggParameters TRUE = new ParetoGggParameters(4.5, 1.5, 0.9, 5, 0.8, 12);

  private static final McmcSettings SHORT = new McmcSettings(2, 20, 40, 4, 11L);

  static ParetoGggSimulator.Customers simulated(int customers, long seed) {
    double[] ages = new double[customers];
    for (int i = 0; i < customers; i++) {
      ages[i] = 36 + 12 * (i % 6); // 36 to 96 weeks, as BTYDplus's test
    }
    return ParetoGggSimulator.of(TRUE, seed).simulate(ages, 36);
  }

  @Test
  void sample_isTheSameForTheSameSeedAndWithAnExecutor() {
    CustomerHistories data = simulated(150, 3L).histories();
    ParetoGggFitter fitter = ParetoGggFitter.create().withMcmc(SHORT.withChains(3));
    ParetoGggPosterior first = fitter.sample(data);
    ParetoGggPosterior again = fitter.sample(data);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    ParetoGggPosterior parallel;
    try {
      parallel = fitter.withExecutor(pool).sample(data);
    } finally {
      pool.shutdown();
    }
    for (ParetoGggPosterior other : List.of(again, parallel)) {
      for (String name : ParetoGggFitter.NAMES) {
        assertArrayEquals(first.populationDraws(name), other.populationDraws(name), name);
      }
      for (int i : new int[] {0, 17, 149}) {
        assertArrayEquals(first.kDraws(i), other.kDraws(i));
        assertArrayEquals(first.lambdaDraws(i), other.lambdaDraws(i));
        assertArrayEquals(first.muDraws(i), other.muDraws(i));
        assertArrayEquals(first.tauDraws(i), other.tauDraws(i));
      }
      assertEquals(first.population(), other.population());
    }
    ParetoGggPosterior otherSeed = fitter.withMcmc(SHORT.withChains(3).withSeed(12)).sample(data);
    assertFalse(
        java.util.Arrays.equals(first.populationDraws("t"), otherSeed.populationDraws("t")));
  }

  @Test
  void sample_keepsTheDrawsTheSettingsAskFor() {
    CustomerHistories data = simulated(120, 4L).histories();
    ParetoGggPosterior posterior = ParetoGggFitter.create().withMcmc(SHORT).sample(data);
    assertEquals(120, posterior.size());
    assertEquals(2 * (40 / 4), posterior.draws());
    assertEquals(2 * 40, posterior.populationDraws("gamma").length);
    CustomerIntervals alive = posterior.probabilityAlive();
    CustomerIntervals k = posterior.regularity();
    CustomerIntervals expected = posterior.expectedPurchases(36);
    for (int i = 0; i < data.size(); i++) {
      double[] tau = posterior.tauDraws(i);
      boolean[] aliveDraws = posterior.aliveDraws(i);
      double[] ks = posterior.kDraws(i);
      for (int d = 0; d < posterior.draws(); d++) {
        assertEquals(tau[d] > data.age(i), aliveDraws[d]);
        assertTrue(tau[d] >= data.recency(i), "a customer dies after the last purchase");
        assertTrue(ks[d] >= 1e-3 && ks[d] <= 1e3);
        assertTrue(posterior.lambdaDraws(i)[d] > 0 && posterior.muDraws(i)[d] > 0);
      }
      assertTrue(0 <= alive.lower(i) && alive.lower(i) <= alive.mean(i));
      assertTrue(alive.mean(i) <= alive.upper(i) && alive.upper(i) <= 1);
      assertTrue(k.lower(i) <= k.mean(i) && k.mean(i) <= k.upper(i));
      assertTrue(0 <= expected.lower(i) && expected.lower(i) <= expected.upper(i));
      double[] predictive = posterior.predictivePurchases(36, i, 9L);
      for (double v : predictive) {
        assertTrue(v >= 0 && v == Math.rint(v));
      }
    }
    double[] total = posterior.predictiveTotalPurchases(36, 9L);
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      sum += posterior.predictivePurchases(36, i, 9L)[3];
    }
    assertEquals(sum, total[3]);
    assertRejects(
        "name must be one of t, gamma, r, alpha, s, beta, was k",
        () -> posterior.populationDraws("k"));
    assertRejects("customer must be in [0, 119], was 120", () -> posterior.kDraws(120));
    assertRejects("t must be finite and >= 0, was -1.0", () -> posterior.expectedPurchases(-1));
  }

  /**
   * Posterior 95 % intervals cover the simulator's parameters, and the customers' posterior
   * P(alive) and expected holdout purchases add up to the simulated truth. Short chains (the
   * default test time); {@code -Dclvkit.pggg.long=true} runs 4,000 customers, 4 × 1,000.
   */
  @Test
  void sample_recoversTheSimulatorsParameters() {
    boolean full = Boolean.getBoolean("clvkit.pggg.long");
    ParetoGggSimulator.Customers sim = simulated(full ? 4000 : 500, 20_261_206L);
    CustomerHistories data = sim.histories();
    McmcSettings settings =
        full ? new McmcSettings(4, 500, 1000, 50, 5L) : new McmcSettings(2, 100, 200, 20, 5L);
    ParetoGggPosterior posterior = ParetoGggFitter.create().withMcmc(settings).sample(data);
    double[] truth = TRUE.toArray();
    List<PosteriorSummary> summaries = posterior.population();
    for (int j = 0; j < 6; j++) {
      PosteriorSummary s = summaries.get(j);
      assertTrue(s.lower() <= truth[j] && truth[j] <= s.upper(), s + " should cover " + truth[j]);
    }
    double[] tau = sim.tau();
    double[] holdout = sim.holdoutPurchases();
    CustomerIntervals alive = posterior.probabilityAlive();
    CustomerIntervals expected = posterior.expectedPurchases(36);
    double aliveTrue = 0;
    double aliveEstimate = 0;
    double holdoutTrue = 0;
    double holdoutEstimate = 0;
    for (int i = 0; i < data.size(); i++) {
      aliveTrue += tau[i] > data.age(i) ? 1 : 0;
      aliveEstimate += alive.mean(i);
      holdoutTrue += holdout[i];
      holdoutEstimate += expected.mean(i);
    }
    assertEquals(aliveTrue, aliveEstimate, 0.15 * aliveTrue);
    assertEquals(holdoutTrue, holdoutEstimate, 0.15 * holdoutTrue);
  }

  /**
   * All six hyperparameters converge (split R-hat below 1.05): t and γ too, which drift along their
   * ridge without the sampler's ridge move. 200 simulated customers, 4 chains × 1,000 kept after
   * 300 of burn-in; {@code -Dclvkit.pggg.long=true} runs 2,000 customers, 4 × 1,000 after 500.
   */
  @Test
  void sample_convergesForAllSixHyperparameters() {
    boolean full = Boolean.getBoolean("clvkit.pggg.long");
    CustomerHistories data = simulated(full ? 2000 : 200, 20_261_207L).histories();
    McmcSettings settings =
        full ? new McmcSettings(4, 500, 1000, 50, 9L) : new McmcSettings(4, 300, 1000, 100, 9L);
    ParetoGggModel model = ParetoGggFitter.create().withMcmc(settings).fit(data);
    for (PosteriorSummary s : model.posterior()) {
      assertTrue(s.rhat() < ParetoGggFitter.RHAT_LIMIT, s.toString());
    }
  }

  @Test
  void fit_summarisesThePosteriorAsAModelThatSavesAndLoads() {
    CustomerHistories data = simulated(100, 6L).histories();
    ParetoGggModel model = ParetoGggFitter.create().withMcmc(SHORT).fit(data);
    FitReport report = model.fitReport().orElseThrow();
    assertEquals("Pareto/GGG", report.model());
    assertEquals(6, report.estimates().size());
    List<PosteriorSummary> posterior = model.posterior();
    for (int j = 0; j < 6; j++) {
      assertEquals(posterior.get(j).mean(), model.parameterValues()[j]);
      assertEquals(posterior.get(j).standardDeviation(), report.estimates().get(j).standardError());
    }
    assertEquals(2, model.chains());
    assertEquals(20, model.burnin());
    assertEquals(40, model.iterations());
    assertEquals(model.logLikelihood(data), report.diagnostics().logLikelihood());

    String text = ModelFiles.toText(model, Provenance.now("week"));
    assertTrue(text.contains("model.type = Pareto/GGG"), text);
    assertTrue(text.contains("model.posterior.rhat.gamma = "), text);
    SavedModel<Model> loaded = ModelFiles.fromText(text, Model.class);
    ParetoGggModel back = ParetoGggModel.TYPE.cast(loaded.model());
    assertArrayEquals(model.parameterValues(), back.parameterValues());
    assertEquals(model.posterior(), back.posterior());
    assertEquals(report, back.fitReport().orElseThrow());
  }

  /**
   * With k concentrated at 1 (t = γ = 10^4: mean 1, sd 0.01) the Pareto/GGG is the Pareto/NBD: the
   * marginal likelihood by quadrature tends to the Pareto/NBD's closed form.
   */
  @Test
  void logLikelihood_tendsToTheParetoNbdsAsKConcentratesAtOne() {
    CustomerHistories data = simulated(60, 8L).histories();
    ParetoGggParameters ggg = new ParetoGggParameters(1e4, 1e4, 0.9, 5, 0.8, 12);
    ParetoNbdModel pnbd = ParetoNbdModel.of(new ParetoNbdParameters(0.9, 5, 0.8, 12));
    for (int i = 0; i < data.size(); i++) {
      double expected = pnbd.logLikelihood(data.frequency(i), data.recency(i), data.age(i));
      double actual =
          ParetoGggLikelihood.customer(
              ggg, data.frequency(i), data.recency(i), data.age(i), data.litt(i));
      assertEquals(expected, actual, 2e-3 * (1 + data.frequency(i)), "customer " + i);
    }
    assertEquals(
        ParetoGggModel.of(ggg).logLikelihood(data),
        ParetoGggFitter.create().logLikelihood(data).value(ggg.toArray()));
  }

  @Test
  void registry_knowsTheModelByIdAndName() {
    assertSame(ParetoGggModel.TYPE, ModelTypes.get("pggg"));
    assertSame(ParetoGggModel.TYPE, ModelTypes.get("Pareto/GGG"));
    ParetoGggModel known = ParetoGggModel.TYPE.model(4.5, 1.5, 0.9, 5, 0.8, 12);
    assertTrue(known.posterior().isEmpty());
    assertEquals(0, known.chains());
    String text = ModelFiles.toText(known, Provenance.now("week"));
    assertEquals(
        known.parameters(),
        ParetoGggModel.TYPE.cast(ModelFiles.fromText(text, Model.class).model()).parameters());
    assertEquals(
        9L, ParetoGggFitter.create().withSettings(FitSettings.DEFAULT.withSeed(9)).mcmc().seed());
  }

  @Test
  void sample_rejectsCompressedHistoriesAndMissingLitt() {
    CustomerHistories compressed =
        CustomerHistories.of(
            new double[] {0, 1}, new double[] {0, 3}, new double[] {5, 5}, new double[] {2, 1});
    assertRejects(
        "weight[0] = 2.0 must be 1: the Pareto/GGG fit keeps one latent state per"
            + " customer; pass histories that are not compressed",
        () -> ParetoGggFitter.create().withMcmc(SHORT).sample(compressed));
    CustomerHistories noLitt =
        CustomerHistories.of(new double[] {0, 1}, new double[] {0, 3}, new double[] {5, 5});
    assertRejects(
        "litt is required (attach it with withLitt, or summarise with same-day merging)",
        () -> ParetoGggFitter.create().withMcmc(SHORT).sample(noLitt));
    assertRejects(
        "litt is required (attach it with withLitt, or summarise with same-day merging)",
        () -> ParetoGggModel.of(TRUE).logLikelihood(noLitt));
  }
}
