package org.clvkit.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.DiscretePurchaseModel;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitStatus;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.diagnostics.ModelComparison;
import org.clvkit.models.diagnostics.RepeatPurchaseTracking;

/**
 * The report's purchase model: every applicable model of the library's registry fitted ({@link
 * #candidates}: the continuous-time maximum-likelihood models, and the discrete-time ones such as
 * BG/BB when the histories are discrete: whole-number frequency, recency and age), compared by the
 * library's {@link ModelComparison} (holdout MAE when there is a holdout, BIC otherwise), and the
 * best used unless {@code -m} names one. A model that cannot be fitted on the data is listed with
 * the reason, not dropped.
 *
 * @param kinds the models fitted, in comparison order
 * @param models the fitted models, same order
 * @param comparison the comparison of all of them
 * @param chosen the index of the model the report uses
 * @param override whether {@code -m} chose it (then the rule's choice may differ)
 * @param skipped models that could not be fitted, with the reason, for the page
 */
record ReportModels(
    List<ModelType<? extends PurchaseModel>> kinds,
    List<PurchaseModel> models,
    ModelComparison comparison,
    int chosen,
    boolean override,
    List<ReportModels.Skipped> skipped) {

  /**
   * A model that could not be fitted on the data.
   *
   * @param kind its type
   * @param message the library's message (English)
   * @param status how the fit ended, or null when the data are outside the model's domain (the
   *     library rejected them before fitting)
   * @param parameter the parameter that ran off for {@link FitStatus#NO_INTERIOR_MAXIMUM}, else
   *     empty
   */
  record Skipped(
      ModelType<? extends PurchaseModel> kind,
      String message,
      FitStatus status,
      String parameter) {}

  /** The model the report uses. */
  PurchaseModel model() {
    return models.get(chosen);
  }

  ModelType<? extends PurchaseModel> kind() {
    return kinds.get(chosen);
  }

  /** Whether every history is discrete (whole numbers), as BG/BB needs. */
  static boolean isDiscrete(SummaryTable table) {
    for (int i = 0; i < table.size(); i++) {
      if (table.recency[i] != Math.rint(table.recency[i])
          || table.age[i] != Math.rint(table.age[i])
          || table.frequency[i] > table.age[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The models the report fits, from the library's registry ({@link ModelTypes}) in its order:
   * every {@link ContinuousPurchaseModel} (any history), and every {@link DiscretePurchaseModel}
   * when the histories are discrete. A model the library registers later joins the comparison with
   * no change here.
   *
   * @param discrete whether the histories are discrete ({@link #isDiscrete})
   */
  static List<ModelType<? extends PurchaseModel>> candidates(boolean discrete) {
    List<ModelType<? extends PurchaseModel>> out = new ArrayList<>();
    for (ModelType<? extends PurchaseModel> type : ModelTypes.all(PurchaseModel.class)) {
      Class<?> c = type.modelClass();
      if (type.estimation() != ModelType.Estimation.MAXIMUM_LIKELIHOOD) {
        continue; // information criteria rank maximum-likelihood fits only
      }
      if (ContinuousPurchaseModel.class.isAssignableFrom(c)
          || (discrete && DiscretePurchaseModel.class.isAssignableFrom(c))) {
        out.add(type);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Fits and compares.
   *
   * @param table the calibration histories
   * @param summaries the summaries (for the holdout)
   * @param requested the model {@code -m} named, or null for the rule's choice
   * @param only the models {@code --compare} names (the requested one is always fitted), or null
   *     for every applicable one
   * @param fit the fit settings of each model (maximum likelihood and MCMC)
   * @param tracking makes the tracking curve of a model (for the tracking error), or null
   * @param calibrationEnd the calibration end on the tracking curves' axis
   */
  static ReportModels fit(
      SummaryTable table,
      CustomerSummaries summaries,
      ModelType<? extends PurchaseModel> requested,
      List<ModelType<? extends PurchaseModel>> only,
      FitOptions fit,
      java.util.function.Function<PurchaseModel, RepeatPurchaseTracking> tracking,
      double calibrationEnd) {
    CustomerHistories histories = table.histories();
    boolean discrete = isDiscrete(table);
    if (requested != null
        && DiscretePurchaseModel.class.isAssignableFrom(requested.modelClass())
        && !discrete) {
      throw CliException.usage(
          "--model "
              + requested.id()
              + " needs discrete histories (whole-number recency and age, frequency <= age:"
              + " one purchase opportunity per period), and these are not: choose "
              + ModelTypes.ids(ModelTypes.all(ContinuousPurchaseModel.class))
              + " or auto");
    }
    List<ModelType<? extends PurchaseModel>> candidates = new ArrayList<>();
    for (ModelType<? extends PurchaseModel> k : candidates(discrete)) {
      if (only == null || only.contains(k) || k == requested) {
        candidates.add(k);
      }
    }
    if (requested != null && !candidates.contains(requested)) {
      candidates.add(requested); // e.g. a Bayesian fit, which the rule leaves out
    }
    List<ModelType<? extends PurchaseModel>> kinds = new ArrayList<>();
    List<PurchaseModel> models = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    ExecutorService pool = Workers.fits(); // the same fits, bit for bit, on more cores
    try {
      for (ModelType<? extends PurchaseModel> k : candidates) {
        try {
          models.add(fit.fitter(k).withExecutor(pool).fit(histories));
          kinds.add(k);
        } catch (FitFailedException e) {
          if (k == requested) {
            throw e;
          }
          FitDiagnostics d = e.diagnostics();
          skipped.add(new Skipped(k, e.getMessage(), d.status(), d.parameter()));
        } catch (ClvArgumentException e) {
          if (k == requested) {
            throw e;
          }
          skipped.add(new Skipped(k, e.getMessage(), null, ""));
        }
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    if (models.isEmpty()) {
      List<String> reasons = new ArrayList<>();
      for (Skipped k : skipped) {
        reasons.add(k.kind().name() + ": " + k.message());
      }
      throw CliException.data("no purchase model could be fitted: " + String.join("; ", reasons));
    }
    ModelComparison comparison;
    if (summaries.hasHoldout()) {
      List<RepeatPurchaseTracking> curves = new ArrayList<>();
      if (tracking != null) {
        for (PurchaseModel m : models) {
          curves.add(tracking.apply(m));
        }
      }
      comparison =
          ModelComparison.withHoldout(
              models,
              table.frequency,
              table.recency,
              table.age,
              summaries.holdoutPurchases(),
              summaries.holdoutLength(),
              curves,
              calibrationEnd);
    } else {
      comparison = ModelComparison.of(models, histories);
    }
    int chosen = comparison.chosen();
    boolean override = requested != null;
    if (override) {
      chosen = kinds.indexOf(requested);
    }
    return new ReportModels(
        List.copyOf(kinds),
        List.copyOf(models),
        comparison,
        chosen,
        override,
        List.copyOf(skipped));
  }
}
