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
import org.clvkit.models.paretonbd.ParetoNbdSimulator;
import org.junit.jupiter.api.Test;

/** The Pareto/NBD (HB) fitter: reproducibility, executors, recovery, model files, bad input. */
class ParetoNbdHbFitterTest {
  /** BTYDplus's own recovery test's parameters (tests/testthat/test-pareto-nbd-mcmc.R). */
  private static final ParetoNbdParameters TRUE = new ParetoNbdParameters(0.9, 5, 0.8, 12);

  private static CustomerHistories simulated(int customers, long seed) {
    double[] ages = new double[customers];
    for (int i = 0; i < customers; i++) {
      ages[i] = 36 + 12 * (i % 6); // 36 to 96 weeks, as BTYDplus's test
    }
    return ParetoNbdSimulator.of(TRUE, seed).histories(ages);
  }

  private static final McmcSettings SHORT = new McmcSettings(2, 50, 100, 5, 11L);

  @Test
  void sample_isTheSameForTheSameSeedAndWithAnExecutor() throws Exception {
    CustomerHistories data = simulated(300, 3L);
    ParetoNbdHbFitter fitter = ParetoNbdHbFitter.create().withMcmc(SHORT.withChains(3));
    ParetoNbdHbPosterior first = fitter.sample(data);
    ParetoNbdHbPosterior again = fitter.sample(data);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    ParetoNbdHbPosterior parallel;
    try {
      parallel = fitter.withExecutor(pool).sample(data);
    } finally {
      pool.shutdown();
    }
    for (ParetoNbdHbPosterior other : List.of(again, parallel)) {
      for (String name : List.of("r", "alpha", "s", "beta")) {
        assertArrayEquals(first.populationDraws(name), other.populationDraws(name), name);
      }
      for (int i : new int[] {0, 17, 299}) {
        assertArrayEquals(first.lambdaDraws(i), other.lambdaDraws(i));
        assertArrayEquals(first.muDraws(i), other.muDraws(i));
        assertArrayEquals(first.tauDraws(i), other.tauDraws(i));
      }
      assertEquals(first.population(), other.population());
    }
    ParetoNbdHbPosterior otherSeed = fitter.withMcmc(SHORT.withChains(3).withSeed(12)).sample(data);
    assertFalse(
        java.util.Arrays.equals(first.populationDraws("r"), otherSeed.populationDraws("r")));
  }

  @Test
  void sample_keepsTheDrawsTheSettingsAskFor() {
    CustomerHistories data = simulated(200, 4L);
    ParetoNbdHbPosterior posterior = ParetoNbdHbFitter.create().withMcmc(SHORT).sample(data);
    assertEquals(200, posterior.size());
    assertEquals(2 * (100 / 5), posterior.draws());
    assertEquals(2 * 100, posterior.populationDraws("beta").length);
    for (int i = 0; i < data.size(); i++) {
      double[] tau = posterior.tauDraws(i);
      boolean[] alive = posterior.aliveDraws(i);
      double[] lambda = posterior.lambdaDraws(i);
      double[] mu = posterior.muDraws(i);
      for (int d = 0; d < posterior.draws(); d++) {
        assertEquals(tau[d] > data.age(i), alive[d]);
        assertTrue(tau[d] >= data.recency(i), "a customer dies after the last purchase");
        assertTrue(lambda[d] > 0 && mu[d] > 0);
      }
    }
    assertRejects(
        "name must be one of r, alpha, s, beta, was k", () -> posterior.populationDraws("k"));
    assertRejects("customer must be in [0, 199], was 200", () -> posterior.lambdaDraws(200));
    assertRejects("t must be finite and >= 0, was -1.0", () -> posterior.expectedPurchases(-1));
  }

  @Test
  void sample_recoversTheSimulatorsParameters() {
    CustomerHistories data = simulated(4000, 20_261_206L);
    ParetoNbdHbPosterior posterior =
        ParetoNbdHbFitter.create().withMcmc(new McmcSettings(2, 200, 600, 50, 5L)).sample(data);
    double[] truth = TRUE.toArray();
    List<PosteriorSummary> summaries = posterior.population();
    for (int k = 0; k < 4; k++) {
      PosteriorSummary s = summaries.get(k);
      assertTrue(s.lower() <= truth[k] && truth[k] <= s.upper(), s + " should cover " + truth[k]);
      assertEquals(truth[k], s.mean(), 3 * s.standardDeviation(), s.name());
    }
  }

  @Test
  void fit_summarisesThePosteriorAsAModelThatSavesAndLoads() {
    CustomerHistories data = simulated(300, 6L);
    ParetoNbdHbModel model = ParetoNbdHbFitter.create().withMcmc(SHORT).fit(data);
    FitReport report = model.fitReport().orElseThrow();
    assertEquals("Pareto/NBD (HB)", report.model());
    assertEquals(4, report.estimates().size());
    List<PosteriorSummary> posterior = model.posterior();
    for (int k = 0; k < 4; k++) {
      assertEquals(posterior.get(k).mean(), model.parameterValues()[k]);
      assertEquals(posterior.get(k).standardDeviation(), report.estimates().get(k).standardError());
    }
    assertEquals(2, model.chains());
    assertEquals(50, model.burnin());
    assertEquals(100, model.iterations());
    assertEquals(
        ParetoNbdModel.of(model.parameters()).logLikelihood(data),
        report.diagnostics().logLikelihood());
    // Predictions are the Pareto/NBD's at the posterior means.
    ParetoNbdModel plugIn = ParetoNbdModel.of(model.parameters());
    assertEquals(plugIn.probabilityAlive(2, 20, 40), model.probabilityAlive(2, 20, 40));
    assertEquals(
        plugIn.conditionalExpectedPurchases(10, 2, 20, 40),
        model.conditionalExpectedPurchases(10, 2, 20, 40));

    String text = ModelFiles.toText(model, Provenance.now("week"));
    assertTrue(text.contains("model.type = Pareto/NBD (HB)"), text);
    assertTrue(text.contains("model.posterior.rhat.s = "), text);
    SavedModel<Model> loaded = ModelFiles.fromText(text, Model.class);
    ParetoNbdHbModel back = ParetoNbdHbModel.TYPE.cast(loaded.model());
    assertArrayEquals(model.parameterValues(), back.parameterValues());
    assertEquals(model.posterior(), back.posterior());
    assertEquals(report, back.fitReport().orElseThrow());
    assertEquals(model.probabilityAlive(3, 30, 40), back.probabilityAlive(3, 30, 40));
  }

  @Test
  void sample_onFewCustomersStaysWhereTheLikelihoodIsComputable() {
    // 120 customers leave s and beta a long ridge towards extreme values, where the likelihood's
    // hypergeometric argument rounds to 1: the hyperpriors are truncated to |ln theta| <= 15.
    double[] ages = new double[120];
    java.util.Arrays.fill(ages, 39.0);
    CustomerHistories data =
        ParetoNbdSimulator.of(new ParetoNbdParameters(0.55, 10.5, 0.6, 11.7), 5L).histories(ages);
    ParetoNbdHbPosterior posterior =
        ParetoNbdHbFitter.create().withMcmc(new McmcSettings(2, 100, 400, 20, 3L)).sample(data);
    for (String name : List.of("r", "alpha", "s", "beta")) {
      for (double v : posterior.populationDraws(name)) {
        assertTrue(Math.abs(Math.log(v)) <= 15, name + " = " + v);
      }
    }
  }

  @Test
  void posterior_isSerializableWithItsDraws() throws Exception {
    CustomerHistories data = simulated(100, 7L);
    ParetoNbdHbPosterior posterior = ParetoNbdHbFitter.create().withMcmc(SHORT).sample(data);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(posterior);
    }
    ParetoNbdHbPosterior back;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ParetoNbdHbPosterior) in.readObject();
    }
    assertArrayEquals(posterior.tauDraws(42), back.tauDraws(42));
    assertArrayEquals(
        posterior.probabilityAlive().meanColumn(), back.probabilityAlive().meanColumn());
    assertEquals(posterior.model().posterior(), back.model().posterior());
    assertEquals(
        posterior.model().probabilityAlive(1, 10, 40), back.model().probabilityAlive(1, 10, 40));
  }

  @Test
  void registry_knowsTheModelByIdAndName() {
    assertSame(ParetoNbdHbModel.TYPE, ModelTypes.get("pnbd-hb"));
    assertSame(ParetoNbdHbModel.TYPE, ModelTypes.get("Pareto/NBD (HB)"));
    ParetoNbdHbModel known = ParetoNbdHbModel.TYPE.model(0.5, 10, 0.6, 12);
    assertTrue(known.posterior().isEmpty());
    assertEquals(0, known.chains());
    String text = ModelFiles.toText(known, Provenance.now("week"));
    assertEquals(
        known.parameters(),
        ParetoNbdHbModel.TYPE.cast(ModelFiles.fromText(text, Model.class).model()).parameters());
  }

  @Test
  void settings_seedComesFromFitSettings() {
    ParetoNbdHbFitter fitter =
        ParetoNbdHbFitter.create().withSettings(FitSettings.DEFAULT.withSeed(9));
    assertEquals(9L, fitter.mcmc().seed());
    assertEquals(McmcSettings.DEFAULT.chains(), fitter.mcmc().chains());
  }

  @Test
  void sample_rejectsCompressedHistoriesAndBadSettings() {
    CustomerHistories compressed =
        CustomerHistories.of(
            new double[] {0, 1}, new double[] {0, 3}, new double[] {5, 5}, new double[] {2, 1});
    assertRejects(
        "weight[0] = 2.0 must be 1: the hierarchical Bayes fit keeps one latent state per"
            + " customer; pass histories that are not compressed",
        () -> ParetoNbdHbFitter.create().withMcmc(SHORT).sample(compressed));
    assertRejects("chains must be > 0, was 0", () -> SHORT.withChains(0));
    assertRejects("iterations must be >= 4, was 3", () -> new McmcSettings(1, 0, 3, 1, 1L));
    assertRejects("thin must be in [1, iterations = 100], was 101", () -> SHORT.withThin(101));
    assertRejects("burnin must be >= 0, was -1", () -> SHORT.withBurnin(-1));
  }
}
