package org.clvkit.models;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executor;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.sbg.SbgModel;
import org.junit.jupiter.api.Test;

/**
 * The registry and the shared shapes: every registered type builds models that report it as their
 * type, and its fitter is configured through {@link FitSettings} and an executor alone.
 */
class ModelTypesTest {

  @Test
  void all_listsTheModelsByIdAndName() {
    List<String> ids = ModelTypes.all().stream().map(ModelType::id).toList();
    assertEquals(
        List.of(
            "bgnbd", "mbgnbd", "pnbd", "bgbb", "sbg", "gg", "nbd", "ggomnbd", "bdw", "mbgcnbd",
            "bgcnbd", "pnbd-hb", "pggg"),
        ids);
    assertEquals(
        "bgnbd, mbgnbd, pnbd, bgbb, sbg, gg, nbd, ggomnbd, bdw, mbgcnbd, bgcnbd, pnbd-hb, pggg",
        ModelTypes.ids(ModelTypes.all()));
    assertSame(BgNbdModel.TYPE, ModelTypes.get("bgnbd"));
    assertSame(ParetoNbdModel.TYPE, ModelTypes.get("Pareto/NBD"));
    assertSame(GammaGammaModel.TYPE, ModelTypes.get("gg"));
    assertEquals(
        List.of(
            BgNbdModel.TYPE,
            MbgNbdModel.TYPE,
            ParetoNbdModel.TYPE,
            org.clvkit.models.nbd.NbdModel.TYPE,
            org.clvkit.models.ggomnbd.GgompertzNbdModel.TYPE,
            org.clvkit.models.cnbd.MbgCnbdModel.TYPE,
            org.clvkit.models.cnbd.BgCnbdModel.TYPE,
            org.clvkit.models.bayes.ParetoNbdHbModel.TYPE),
        ModelTypes.all(ContinuousPurchaseModel.class));
    assertEquals(List.of(BgBbModel.TYPE), ModelTypes.all(DiscretePurchaseModel.class));
    assertEquals(
        List.of(ParetoNbdModel.TYPE, BgBbModel.TYPE, org.clvkit.models.bayes.ParetoNbdHbModel.TYPE),
        ModelTypes.all(ResidualValueModel.class));
    assertEquals(List.of(SbgModel.TYPE), ModelTypes.all(SbgModel.class));
  }

  @Test
  void estimation_isMcmcForTheBayesianFitOnlyAndCarriedThroughWithers() {
    List<String> mcmc =
        ModelTypes.all().stream()
            .filter(t -> t.estimation() == ModelType.Estimation.MCMC)
            .map(ModelType::id)
            .toList();
    assertEquals(List.of("pnbd-hb", "pggg"), mcmc);
    ModelType<BgNbdModel> bayesian = BgNbdModel.TYPE.withEstimation(ModelType.Estimation.MCMC);
    assertEquals(ModelType.Estimation.MAXIMUM_LIKELIHOOD, BgNbdModel.TYPE.estimation());
    assertEquals(
        ModelType.Estimation.MCMC,
        bayesian.withExtras(List.of("n"), m -> new double[] {1}).estimation());
    assertEquals(
        List.of("n"), bayesian.withExtras(List.of("n"), m -> new double[] {1}).extraNames());
    assertRejects("estimation must not be null", () -> BgNbdModel.TYPE.withEstimation(null));
  }

  @Test
  void get_rejectsUnknownIdsNamingTheKnownOnes() {
    assertRejects(
        "model must be one of bgnbd, mbgnbd, pnbd, bgbb, sbg, gg, nbd, ggomnbd, bdw, mbgcnbd,"
            + " bgcnbd, pnbd-hb, pggg, was arima",
        () -> ModelTypes.get("arima"));
    assertRejects(
        "model must be one of bgnbd, mbgnbd, pnbd, nbd, ggomnbd, mbgcnbd, bgcnbd, pnbd-hb, was bgbb",
        () -> ModelTypes.get("bgbb", ContinuousPurchaseModel.class));
    assertTrue(ModelTypes.find("arima").isEmpty());
  }

  @Test
  void everyType_buildsModelsOfItselfFromParameterValues() {
    for (ModelType<?> type : ModelTypes.all()) {
      double[] values = new double[type.parameterNames().size()];
      Arrays.fill(values, 2.0);
      Model model = type.model(values);
      assertSame(type, model.type(), type.id());
      assertEquals(type.name(), model.name());
      assertEquals(type.parameterNames(), model.parameterNames());
      assertArrayEquals(values, model.parameterValues(), type.id());
      assertTrue(model.fitReport().isEmpty());
      assertTrue(type.modelClass().isInstance(model));
      assertEquals(type.extraNames().size(), type.extras(model).length);
      assertSame(model, type.cast(model));
    }
    assertEquals(List.of("customersLeftOut"), GammaGammaModel.TYPE.extraNames());
    assertRejects(
        "model must be a BG/NBD model, was sBG",
        () -> BgNbdModel.TYPE.cast(SbgModel.TYPE.model(1, 1)));
    assertRejects(
        "parameters has length 3 but parameterNames has length 4",
        () -> BgNbdModel.TYPE.model(1, 2, 3));
    assertEquals(
        new HashSet<>(ModelTypes.all()).size(),
        ModelTypes.all().stream().map(ModelType::id).distinct().count());
  }

  @Test
  void everyFitter_isConfiguredBySettingsAndExecutorOnly() {
    Executor direct = Runnable::run;
    FitSettings custom = FitSettings.DEFAULT.withStarts(7).withSeed(9).withPenalty(0.5);
    for (ModelType<?> type : ModelTypes.all()) {
      Fitter<?> fitter = type.fitter();
      assertSame(type, fitter.type(), type.id());
      assertEquals(FitSettings.DEFAULT, fitter.settings());
      assertNull(fitter.executor());
      Fitter<?> changed = fitter.withSettings(custom).withExecutor(direct);
      assertNotSame(fitter, changed);
      assertEquals(custom, changed.settings(), type.id());
      assertSame(direct, changed.executor());
      assertEquals(FitSettings.DEFAULT, fitter.settings(), "the original is unchanged");
      assertNull(fitter.executor());
    }
  }
}
