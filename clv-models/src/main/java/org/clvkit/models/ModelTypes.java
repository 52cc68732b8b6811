package org.clvkit.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.bayes.ParetoNbdHbModel;
import org.clvkit.models.bdw.BdwModel;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.covariates.CovariateModel;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.ggomnbd.GgompertzNbdModel;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.nbd.NbdModel;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.sbg.SbgModel;

/**
 * The registry of clvkit's model types, by id ({@code bgnbd}, {@code mbgnbd}, {@code pnbd}, {@code
 * bgbb}, {@code sbg}, {@code gg}, ...) and by display name. Command lines, engine jobs and {@link
 * org.clvkit.models.io.ModelFiles} choose models here instead of switching over names: a new model
 * joins by declaring its {@code TYPE} constant and adding it to {@link #all()}'s list, and every
 * program that lists, fits, saves or loads models knows it.
 *
 * <p><b>Covariate variants.</b> {@link #all()} lists the models fitted from customer histories
 * alone, the ones a program can offer for any summary (the command line's {@code -m}, the report's
 * comparison, the engines' model choice). Their covariate variants ({@link #covariateTypes()}:
 * Pareto/NBD, BG/NBD and sBG with static covariates, Pareto/NBD with time-varying covariates) are
 * model types of their own, with their own ids ({@code pnbd-covariates}, ...), display names and
 * model-file type, reached from the base model's id: {@link #covariateVariant(String)} and {@link
 * #timeVaryingVariant(String)}. A caller holding {@code -m pnbd} and a covariate file asks for
 * {@code covariateVariant("pnbd")} and fits with {@link ModelType#fitter(
 * org.clvkit.models.covariates.CovariateSettings)}; no switch over model names. They are kept out
 * of {@link #all()} because their fit needs data that the other models do not take (a covariate row
 * per customer) and their parameter list is resolved from those data, so a listing of "every model
 * for these histories" must not offer them.
 */
public final class ModelTypes {
  private static final List<ModelType<?>> ALL =
      List.of(
          BgNbdModel.TYPE,
          MbgNbdModel.TYPE,
          ParetoNbdModel.TYPE,
          BgBbModel.TYPE,
          SbgModel.TYPE,
          GammaGammaModel.TYPE,
          NbdModel.TYPE,
          GgompertzNbdModel.TYPE,
          BdwModel.TYPE,
          org.clvkit.models.cnbd.MbgCnbdModel.TYPE,
          org.clvkit.models.cnbd.BgCnbdModel.TYPE,
          ParetoNbdHbModel.TYPE,
          org.clvkit.models.bayes.ParetoGggModel.TYPE);

  private static final List<ModelType<?>> COVARIATE =
      List.of(
          org.clvkit.models.paretonbd.ParetoNbdCovariateModel.TYPE,
          org.clvkit.models.bgnbd.BgNbdCovariateModel.TYPE,
          org.clvkit.models.sbg.SbgCovariateModel.TYPE,
          org.clvkit.models.paretonbd.ParetoNbdTimeVaryingModel.TYPE);

  /** Base type id to its static covariate variant. */
  private static final Map<String, ModelType<? extends CovariateModel>> STATIC_VARIANTS =
      Map.of(
          ParetoNbdModel.TYPE.id(), org.clvkit.models.paretonbd.ParetoNbdCovariateModel.TYPE,
          BgNbdModel.TYPE.id(), org.clvkit.models.bgnbd.BgNbdCovariateModel.TYPE,
          SbgModel.TYPE.id(), org.clvkit.models.sbg.SbgCovariateModel.TYPE);

  /** Base type id to its time-varying covariate variant. */
  private static final Map<String, ModelType<? extends CovariateModel>> TIME_VARYING_VARIANTS =
      Map.of(ParetoNbdModel.TYPE.id(), org.clvkit.models.paretonbd.ParetoNbdTimeVaryingModel.TYPE);

  private ModelTypes() {}

  /**
   * The covariate model types, in a fixed order: {@code pnbd-covariates}, {@code bgnbd-covariates},
   * {@code sbg-covariates}, {@code pnbd-time-varying} (see the class comment).
   */
  public static List<ModelType<?>> covariateTypes() {
    return COVARIATE;
  }

  /**
   * The static-covariate variant of a model: {@code pnbd} → {@code pnbd-covariates}, {@code bgnbd}
   * → {@code bgnbd-covariates}, {@code sbg} → {@code sbg-covariates}; a covariate type's id or name
   * gives the type itself.
   *
   * @param idOrName a base type's (or a covariate type's) id or display name
   * @throws org.clvkit.core.ClvArgumentException naming the models that have one when there is none
   */
  public static ModelType<? extends CovariateModel> covariateVariant(String idOrName) {
    return variant(idOrName, STATIC_VARIANTS, "static covariates");
  }

  /**
   * The time-varying-covariate variant of a model: {@code pnbd} → {@code pnbd-time-varying}.
   *
   * @param idOrName a base type's (or the time-varying type's) id or display name
   * @throws org.clvkit.core.ClvArgumentException naming the models that have one when there is none
   */
  public static ModelType<? extends CovariateModel> timeVaryingVariant(String idOrName) {
    return variant(idOrName, TIME_VARYING_VARIANTS, "time-varying covariates");
  }

  private static ModelType<? extends CovariateModel> variant(
      String idOrName, Map<String, ModelType<? extends CovariateModel>> variants, String what) {
    Checks.notNull("model", idOrName);
    for (ModelType<? extends CovariateModel> type : variants.values()) {
      if (type.id().equals(idOrName) || type.name().equals(idOrName)) {
        return type;
      }
    }
    List<ModelType<?>> bases = new ArrayList<>();
    for (ModelType<?> type : ALL) {
      if (variants.containsKey(type.id())) {
        bases.add(type);
        if (type.id().equals(idOrName) || type.name().equals(idOrName)) {
          return variants.get(type.id());
        }
      }
    }
    throw Checks.fail("model with %s must be one of %s, was %s", what, ids(bases), idOrName);
  }

  /** Every model type, in a fixed order (the order of messages and listings). */
  public static List<ModelType<?>> all() {
    return ALL;
  }

  /**
   * The types whose models are {@code kind}s, e.g. {@code PurchaseModel.class} for the purchase
   * models.
   *
   * @param kind a model interface or class
   */
  @SuppressWarnings("unchecked")
  public static <T extends Model> List<ModelType<? extends T>> all(Class<T> kind) {
    Checks.notNull("kind", kind);
    List<ModelType<? extends T>> out = new ArrayList<>();
    for (ModelType<?> type : ALL) {
      if (kind.isAssignableFrom(type.modelClass())) {
        out.add((ModelType<? extends T>) type);
      }
    }
    return List.copyOf(out);
  }

  /** The type with this id or display name, if there is one. */
  public static Optional<ModelType<?>> find(String idOrName) {
    Checks.notNull("model", idOrName);
    for (ModelType<?> type : ALL) {
      if (type.id().equals(idOrName) || type.name().equals(idOrName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * The type with this id or display name.
   *
   * @throws org.clvkit.core.ClvArgumentException naming the known ids when there is none
   */
  public static ModelType<?> get(String idOrName) {
    return find(idOrName)
        .orElseThrow(() -> Checks.fail("model must be one of %s, was %s", ids(ALL), idOrName));
  }

  /**
   * The type with this id or display name whose models are {@code kind}s.
   *
   * @throws org.clvkit.core.ClvArgumentException naming the ids of that kind when there is none
   */
  @SuppressWarnings("unchecked")
  public static <T extends Model> ModelType<? extends T> get(String idOrName, Class<T> kind) {
    List<ModelType<? extends T>> candidates = all(kind);
    for (ModelType<? extends T> type : candidates) {
      if (type.id().equals(idOrName) || type.name().equals(idOrName)) {
        return type;
      }
    }
    throw Checks.fail("model must be one of %s, was %s", ids(candidates), idOrName);
  }

  /** The ids of the types, comma-separated, for messages and help texts. */
  public static String ids(List<? extends ModelType<?>> types) {
    StringBuilder out = new StringBuilder();
    for (ModelType<?> type : types) {
      out.append(out.length() == 0 ? "" : ", ").append(type.id());
    }
    return out.toString();
  }
}
