package org.clvkit.models.covariates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.bgnbd.BgNbdCovariateModel;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.clvkit.models.paretonbd.ParetoNbdCovariateFitter;
import org.clvkit.models.paretonbd.ParetoNbdCovariateModel;
import org.clvkit.models.paretonbd.ParetoNbdCovariateSimulator;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.models.paretonbd.ParetoNbdTimeVaryingModel;
import org.clvkit.models.sbg.SbgCovariateModel;
import org.clvkit.models.sbg.SbgModel;
import org.clvkit.models.sbg.SbgParameters;
import org.junit.jupiter.api.Test;

/**
 * The covariate models through the shared types: {@link Model} (names, values, shared fit report,
 * log-likelihood of histories that carry covariates), {@link Fitter} from the registry's covariate
 * variants, and {@link ModelFiles}' one save/load path.
 */
class CovariateSharedTypesTest {
  private static final List<String> NAMES = List.of("gender=m", "age");

  /** 3,000 customers simulated from a Pareto/NBD with covariates (seeded), covariates attached. */
  private static CustomerHistories simulated() {
    ParetoNbdCovariateModel truth =
        ParetoNbdCovariateModel.of(
            new ParetoNbdParameters(0.55, 10.6, 0.6, 11.7),
            NAMES,
            new double[] {0.4, 0.2},
            NAMES,
            new double[] {-0.3, 0.2});
    int n = 3000;
    Random random = new Random(7);
    double[] z = new double[2 * n];
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      z[2 * i] = random.nextInt(2);
      z[2 * i + 1] = random.nextGaussian();
      ages[i] = 20 + random.nextInt(20);
    }
    CovariateMatrix matrix = CovariateMatrix.of(NAMES, z);
    return ParetoNbdCovariateSimulator.of(truth, 11).histories(matrix, ages).withCovariates(matrix);
  }

  @Test
  void registry_covariateVariantsAreTypesOfTheirOwnOutsideAll() {
    assertSame(ParetoNbdCovariateModel.TYPE, ModelTypes.covariateVariant("pnbd"));
    assertSame(ParetoNbdCovariateModel.TYPE, ModelTypes.covariateVariant("Pareto/NBD"));
    assertSame(BgNbdCovariateModel.TYPE, ModelTypes.covariateVariant("bgnbd"));
    assertSame(SbgCovariateModel.TYPE, ModelTypes.covariateVariant("sbg"));
    assertSame(SbgCovariateModel.TYPE, ModelTypes.covariateVariant("sbg-covariates"));
    assertSame(ParetoNbdTimeVaryingModel.TYPE, ModelTypes.timeVaryingVariant("pnbd"));
    assertEquals(
        "pnbd-covariates, bgnbd-covariates, sbg-covariates, pnbd-time-varying",
        ModelTypes.ids(ModelTypes.covariateTypes()));
    for (ModelType<?> type : ModelTypes.covariateTypes()) {
      assertFalse(ModelTypes.all().contains(type), type.id());
      assertEquals(2, type.covariateProcesses().size(), type.id());
      assertTrue(CovariateModel.class.isAssignableFrom(type.modelClass()), type.id());
    }
    for (ModelType<?> type : ModelTypes.all()) {
      assertTrue(type.covariateProcesses().isEmpty(), type.id());
    }
    assertEquals(List.of("alpha", "beta"), SbgCovariateModel.TYPE.covariateProcesses());
    assertEquals(
        "model with static covariates must be one of bgnbd, pnbd, sbg, was gg",
        assertThrows(ClvArgumentException.class, () -> ModelTypes.covariateVariant("gg"))
            .getMessage());
    assertEquals(
        "model with time-varying covariates must be one of pnbd, was bgnbd",
        assertThrows(ClvArgumentException.class, () -> ModelTypes.timeVaryingVariant("bgnbd"))
            .getMessage());
    assertEquals(
        "model pnbd (Pareto/NBD) takes no covariates; the covariate models are pnbd-covariates,"
            + " bgnbd-covariates, sbg-covariates, pnbd-time-varying",
        assertThrows(
                ClvArgumentException.class,
                () -> ParetoNbdModel.TYPE.fitter(CovariateSettings.DEFAULT))
            .getMessage());
  }

  @Test
  void fit_throughTheRegistryEqualsTheFitterAndIsAModel() {
    CustomerHistories data = simulated();
    CovariateSettings settings = CovariateSettings.DEFAULT.withConstrained(List.of("age"));
    Fitter<? extends CovariateModel> fitter =
        ModelTypes.covariateVariant("pnbd").fitter(settings).withSettings(FitSettings.DEFAULT);
    assertSame(ParetoNbdCovariateModel.TYPE, fitter.type());
    Model model = fitter.fit(data);
    ParetoNbdCovariateModel direct =
        ParetoNbdCovariateFitter.create().withConstrained(List.of("age")).fit(data);
    assertArrayEquals(direct.parameterValues(), model.parameterValues(), 0.0);
    assertEquals(
        List.of(
            "r",
            "alpha0",
            "s",
            "beta0",
            "purchase.gender=m",
            "purchase.age",
            "dropout.gender=m",
            "dropout.age"),
        model.parameterNames());
    ParetoNbdCovariateModel m = ParetoNbdCovariateModel.TYPE.cast(model);
    double[] values = m.parameterValues();
    assertArrayEquals(m.parameters().toArray(), java.util.Arrays.copyOf(values, 4), 0.0);
    assertArrayEquals(m.purchaseCoefficients(), java.util.Arrays.copyOfRange(values, 4, 6), 0.0);
    assertArrayEquals(m.dropoutCoefficients(), java.util.Arrays.copyOfRange(values, 6, 8), 0.0);

    // The shared report: one estimate per parameter, in order; the constrained coefficient under
    // both names with the coefficient table's figures.
    FitReport shared = model.fitReport().orElseThrow();
    CovariateFitReport own = m.covariateFitReport().orElseThrow();
    List<String> estimateNames = new ArrayList<>();
    for (ParameterEstimate e : shared.estimates()) {
      estimateNames.add(e.name());
    }
    assertEquals(model.parameterNames(), estimateNames);
    for (int i = 0; i < values.length; i++) {
      assertEquals(values[i], shared.estimates().get(i).value(), 1e-12 * Math.abs(values[i]));
    }
    CoefficientEstimate age = own.coefficient("constrained.age");
    assertEquals(age.standardError(), shared.estimates().get(5).standardError(), 0.0);
    assertEquals(age.standardError(), shared.estimates().get(7).standardError(), 0.0);
    assertTrue(shared.estimates().get(6).value() < 0, shared.summaryTable());
    assertEquals(own.diagnostics(), shared.diagnostics());
    assertEquals(own.logLikelihood(), shared.diagnostics().logLikelihood(), 0.0);
    assertEquals(own.customers(), shared.customers(), 0.0);
    assertTrue(own.likelihoodRatioTest().isPresent());

    // logLikelihood(CustomerHistories) reads the covariates the histories carry.
    double ll = model.logLikelihood(data);
    assertEquals(own.logLikelihood(), ll, 1e-9 * Math.abs(ll));
    assertEquals(m.logLikelihood(data, data.covariates().orElseThrow()), ll, 0.0);

    // The fitter's log-likelihood over the free coefficients gives the same value.
    LogLikelihood function = fitter.logLikelihood(data);
    assertEquals(
        List.of(
            "r",
            "alpha0",
            "s",
            "beta0",
            "purchase.gender=m",
            "dropout.gender=m",
            "constrained.age"),
        function.parameterNames());
    double value =
        function.value(values[0], values[1], values[2], values[3], values[4], values[6], values[5]);
    assertEquals(ll, value, 1e-9 * Math.abs(ll));
  }

  @Test
  void logLikelihood_withoutCovariatesNamesWhatIsMissing() {
    CustomerHistories plain =
        CustomerHistories.of(new double[] {1, 0}, new double[] {3, 0}, new double[] {10, 8});
    ParetoNbdCovariateModel pnbd =
        ParetoNbdCovariateModel.of(
            new ParetoNbdParameters(0.5, 10, 0.6, 12),
            List.of("age"),
            new double[] {0.1},
            List.of(),
            new double[0]);
    assertEquals(
        "data must carry the covariates [age] of the Pareto/NBD with static covariates model"
            + " (CustomerHistories.withCovariates), had none",
        assertThrows(ClvArgumentException.class, () -> pnbd.logLikelihood(plain)).getMessage());
    CustomerHistories other =
        plain.withCovariates(CovariateMatrix.of(List.of("region"), new double[] {1, 0}));
    assertEquals(
        "covariate age is not among the columns [region]",
        assertThrows(ClvArgumentException.class, () -> pnbd.logLikelihood(other)).getMessage());
    assertThrows(
        ClvArgumentException.class,
        () ->
            ParetoNbdCovariateFitter.create()
                .logLikelihood(plain)
                .value(0.5, 10, 0.6, 12, 0.1, 0.1));
  }

  @Test
  void logLikelihood_atZeroCoefficientsIsTheModelWithoutCovariates() {
    CustomerHistories data = simulated();
    CustomerHistories plain =
        CustomerHistories.of(
            data.frequencyColumn(), data.recencyColumn(), data.ageColumn(), data.weightColumn());
    double pnbd =
        ParetoNbdModel.of(new ParetoNbdParameters(0.55, 10.6, 0.6, 11.7)).logLikelihood(plain);
    ParetoNbdCovariateModel zero =
        ParetoNbdCovariateModel.TYPE.model(
            List.of("r", "alpha0", "s", "beta0", "purchase.age", "dropout.gender=m"),
            0.55,
            10.6,
            0.6,
            11.7,
            0.0,
            0.0);
    assertEquals(pnbd, zero.logLikelihood(data), 1e-12 * Math.abs(pnbd));
    ParetoNbdTimeVaryingModel tv =
        ParetoNbdTimeVaryingModel.TYPE.model(
            List.of("r", "alpha0", "s", "beta0", "purchase.age"), 0.55, 10.6, 0.6, 11.7, 0.0);
    assertEquals(pnbd, tv.logLikelihood(data), 1e-9 * Math.abs(pnbd));
    double bg = BgNbdModel.of(new BgNbdParameters(0.24, 4.4, 0.79, 2.4)).logLikelihood(plain);
    BgNbdCovariateModel bgZero =
        BgNbdCovariateModel.TYPE.model(
            List.of("r", "alpha0", "a0", "b0", "dropout.age"), 0.24, 4.4, 0.79, 2.4, 0.0);
    assertEquals(bg, bgZero.logLikelihood(data), 1e-12 * Math.abs(bg));
  }

  @Test
  void sbgLogLikelihood_isTheSumOfEachCustomersSbg() {
    // Contract histories: x renewals out of n opportunities (recency = frequency).
    double[] x = {0, 1, 3, 5, 5, 2, 0, 4};
    double[] n = {5, 5, 5, 5, 7, 2, 1, 6};
    double[] plan = {0, 1, 1, 0, 1, 0, 1, 1};
    CustomerHistories data =
        CustomerHistories.of(x, x, n).withCovariates(CovariateMatrix.of(List.of("plan"), plan));
    SbgCovariateModel model =
        SbgCovariateModel.of(
            new SbgParameters(0.7, 3.2),
            List.of("plan"),
            new double[] {0.3},
            List.of("plan"),
            new double[] {-0.4});
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      SbgModel one = model.modelFor(new double[] {plan[i]});
      sum +=
          one.logLikelihood(
              CustomerHistories.of(new double[] {x[i]}, new double[] {x[i]}, new double[] {n[i]}));
    }
    assertEquals(sum, model.logLikelihood(data), 1e-12 * Math.abs(sum));
    assertEquals(List.of("alpha0", "beta0", "alpha.plan", "beta.plan"), model.parameterNames());
    assertArrayEquals(new double[] {0.7, 3.2, 0.3, -0.4}, model.parameterValues(), 0.0);
  }

  @Test
  void modelFiles_roundTripAFittedCovariateModelWithItsSharedReport() throws Exception {
    CustomerHistories data = simulated();
    ParetoNbdCovariateModel fitted =
        ParetoNbdCovariateFitter.create().withConstrained(List.of("age")).fit(data);
    String text = ModelFiles.toText(fitted, Provenance.now("week"));
    assertTrue(text.contains("model.type = Pareto/NBD with static covariates\n"), text);
    assertTrue(text.contains("model.covariates.dropout = gender%3Dm,age\n"), text);
    assertTrue(text.contains("fit.estimate.dropout.gender%3Dm.standardError = "), text);
    Model back = ModelFiles.fromText(text, Model.class).model();
    assertEquals(ParetoNbdCovariateModel.class, back.getClass());
    assertArrayEquals(fitted.parameterValues(), back.parameterValues(), 0.0);
    assertEquals(fitted.parameterNames(), back.parameterNames());
    assertEquals(fitted.fitReport(), back.fitReport());
    assertTrue(((CovariateModel) back).covariateFitReport().isEmpty());
    assertEquals(fitted.logLikelihood(data), back.logLikelihood(data), 0.0);
    assertEquals(
        text.replaceAll("provenance.*\n", ""),
        ModelFiles.toText(back, Provenance.now("week")).replaceAll("provenance.*\n", ""));
  }

  @Test
  void serialization_keepsBothReports() throws Exception {
    CustomerHistories data = simulated();
    Model fitted = ModelTypes.covariateVariant("pnbd").fitter().fit(data);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(fitted);
    }
    Model back;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = (Model) in.readObject();
    }
    assertEquals(fitted.parameterNames(), back.parameterNames());
    assertArrayEquals(fitted.parameterValues(), back.parameterValues(), 0.0);
    assertEquals(fitted.fitReport(), back.fitReport());
    assertEquals(
        ((CovariateModel) fitted).covariateFitReport(),
        ((CovariateModel) back).covariateFitReport());
    assertEquals(fitted.logLikelihood(data), back.logLikelihood(data), 0.0);
  }

  @Test
  void modelFiles_rejectAnUnknownCovariateList() {
    SbgCovariateModel sbg =
        SbgCovariateModel.of(
            new SbgParameters(0.7, 3.2),
            List.of("plan"),
            new double[] {0.3},
            List.of(),
            new double[0]);
    String text = ModelFiles.toText(sbg, Provenance.now("year"));
    assertTrue(text.contains("model.covariates.beta = \n"), text);
    String bad =
        text.replace("model.covariates.alpha = plan", "model.covariates.alpha = plan,tier");
    assertEquals(
        "model file lacks the key model.parameter.alpha.tier",
        assertThrows(Exception.class, () -> ModelFiles.fromText(bad, Model.class)).getMessage());
  }
}
