package org.clvkit.models;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.clvkit.core.Checks;
import org.clvkit.models.covariates.CovariateSettings;

/**
 * What clvkit knows about one kind of model without an instance: its short id (for command lines
 * and configuration, {@code "bgnbd"}), its display name (in reports and model files, {@code
 * "BG/NBD"}), its parameter names, a default {@link Fitter}, and how to build a model from
 * parameter values. Each model class holds its type as a constant ({@code BgNbdModel.TYPE}); {@link
 * ModelTypes} lists them. Immutable and thread-safe.
 *
 * <p>Ids, names and parameter names are part of the model-file format and never change within a
 * format version.
 *
 * <p><b>Covariate types</b> ({@link #ofCovariates}: {@code pnbd-covariates}, {@code
 * bgnbd-covariates}, {@code sbg-covariates}, {@code pnbd-time-varying}; {@link
 * ModelTypes#covariateVariant(String)} finds them from their model without covariates) describe
 * models whose parameter list depends on the covariates chosen: the type knows the base parameters
 * ({@link #parameterNames()}) and the two processes the coefficients act on ({@link
 * #covariateProcesses()}); a model's own {@link Model#parameterNames()} adds one coefficient per
 * covariate and process ({@code purchase.gender=m}, {@code dropout.age}), resolved from the data by
 * the fitter ({@link #fitter(CovariateSettings)}) or read from a model file ({@link #restore(List,
 * double[], FitReport, double[])}).
 *
 * @param <M> the model class
 */
public final class ModelType<M extends Model> {

  /**
   * Builds a model from its parameters, its fit report (null for known parameters) and its extra
   * numbers ({@link #extraNames()}).
   *
   * @param <M> the model class
   */
  @FunctionalInterface
  public interface Factory<M> {
    /**
     * The model.
     *
     * @param parameters values in the order of the parameter names
     * @param report the fit report, or null for a model from known parameters
     * @param extras values in the order of the extra names
     * @throws org.clvkit.core.ClvArgumentException when the values are invalid
     */
    M create(double[] parameters, FitReport report, double[] extras);
  }

  /**
   * Builds a covariate model from its whole parameter list (base parameters, then coefficients
   * named {@code process.covariate}) and its fit report.
   *
   * @param <M> the model class
   */
  @FunctionalInterface
  public interface CovariateFactory<M> {
    /**
     * The model.
     *
     * @param parameterNames the model's parameter names, as {@link Model#parameterNames()}
     * @param parameters one value per name
     * @param report the fit report, or null for a model from known parameters
     * @throws org.clvkit.core.ClvArgumentException when a name or value is invalid
     */
    M create(List<String> parameterNames, double[] parameters, FitReport report);
  }

  /** How a type's fitter estimates the parameters. */
  public enum Estimation {
    /**
     * Maximum likelihood: point estimates with standard errors from the information matrix; the
     * log-likelihood at the estimates is the maximum, so AIC and BIC compare such fits.
     */
    MAXIMUM_LIKELIHOOD,
    /**
     * Markov chain Monte Carlo: the parameters are posterior means, their uncertainty posterior
     * standard deviations; the log-likelihood at the means is not a maximum, so information
     * criteria do not rank such a fit against maximum-likelihood ones.
     */
    MCMC
  }

  private final String id;
  private final String name;
  private final Class<M> modelClass;
  private final List<String> parameterNames;
  private final List<String> extraNames;
  private final Function<M, double[]> extras;
  private final Factory<M> factory;
  private final Supplier<? extends Fitter<M>> fitter;
  private final Estimation estimation;
  private final List<String> covariateProcesses;
  private final CovariateFactory<M> covariateFactory;
  private final Function<CovariateSettings, ? extends Fitter<M>> covariateFitter;

  private ModelType(
      String id,
      String name,
      Class<M> modelClass,
      List<String> parameterNames,
      List<String> extraNames,
      Function<M, double[]> extras,
      Factory<M> factory,
      Supplier<? extends Fitter<M>> fitter,
      Estimation estimation,
      List<String> covariateProcesses,
      CovariateFactory<M> covariateFactory,
      Function<CovariateSettings, ? extends Fitter<M>> covariateFitter) {
    this.id = id;
    this.name = name;
    this.modelClass = modelClass;
    this.parameterNames = parameterNames;
    this.extraNames = extraNames;
    this.extras = extras;
    this.factory = factory;
    this.fitter = fitter;
    this.estimation = estimation;
    this.covariateProcesses = covariateProcesses;
    this.covariateFactory = covariateFactory;
    this.covariateFitter = covariateFitter;
  }

  /**
   * A model type that keeps nothing but its parameters and fit report.
   *
   * @param id short lower-case id: letters and digits, e.g. {@code "bgnbd"}
   * @param name display name, e.g. {@code "BG/NBD"}
   * @param modelClass the model class
   * @param parameterNames parameter names in the literature's order
   * @param factory builds a model from parameters and report
   * @param fitter makes a fitter with the default settings
   */
  public static <M extends Model> ModelType<M> of(
      String id,
      String name,
      Class<M> modelClass,
      List<String> parameterNames,
      Factory<M> factory,
      Supplier<? extends Fitter<M>> fitter) {
    List<String> names = checkDescription(id, name, modelClass, parameterNames);
    Checks.notNull("factory", factory);
    Checks.notNull("fitter", fitter);
    return new ModelType<>(
        id,
        name,
        modelClass,
        names,
        List.of(),
        m -> new double[0],
        factory,
        fitter,
        Estimation.MAXIMUM_LIKELIHOOD,
        List.of(),
        null,
        null);
  }

  /**
   * A covariate model type (see the class comment): its parameters are {@code parameterNames}
   * followed by coefficients named {@code first.X} and {@code second.X}, as many as the covariates
   * chosen.
   *
   * @param id short lower-case id, e.g. {@code "pnbd-covariates"}
   * @param name display name, e.g. {@code "Pareto/NBD with static covariates"}
   * @param modelClass the model class
   * @param parameterNames the base parameter names in the literature's order
   * @param first the name of the first process the covariates act on ({@code purchase}, the sBG's
   *     {@code alpha})
   * @param second the name of the second ({@code dropout}, the sBG's {@code beta})
   * @param factory builds a model from its whole parameter list and report
   * @param fitter makes a fitter with {@link FitSettings#DEFAULT} and the given covariate settings
   */
  public static <M extends Model> ModelType<M> ofCovariates(
      String id,
      String name,
      Class<M> modelClass,
      List<String> parameterNames,
      String first,
      String second,
      CovariateFactory<M> factory,
      Function<CovariateSettings, ? extends Fitter<M>> fitter) {
    List<String> names = checkDescription(id, name, modelClass, parameterNames);
    Checks.notEmptyText("first", first);
    Checks.notEmptyText("second", second);
    Checks.notNull("factory", factory);
    Checks.notNull("fitter", fitter);
    Factory<M> positional =
        (parameters, report, extras) -> {
          throw Checks.fail(
              "a %s model needs its parameter names (%s, then %s.<covariate> and"
                  + " %s.<covariate>): use model(names, values)",
              name, names, first, second);
        };
    return new ModelType<>(
        id,
        name,
        modelClass,
        names,
        List.of(),
        m -> new double[0],
        positional,
        () -> fitter.apply(CovariateSettings.DEFAULT),
        Estimation.MAXIMUM_LIKELIHOOD,
        List.of(first, second),
        factory,
        fitter);
  }

  private static List<String> checkDescription(
      String id, String name, Class<?> modelClass, List<String> parameterNames) {
    Checks.notEmptyText("id", id);
    if (!id.matches("[a-z][a-z0-9-]*")) {
      throw Checks.fail("id must be lower-case letters, digits and '-', was %s", id);
    }
    Checks.notEmptyText("name", name);
    Checks.notNull("modelClass", modelClass);
    List<String> names = List.copyOf(Checks.notNull("parameterNames", parameterNames));
    if (names.isEmpty()) {
      throw Checks.fail("parameterNames must not be empty");
    }
    return names;
  }

  /**
   * This type with numbers a model keeps besides its parameters and report (saved in model files),
   * e.g. the Gamma-Gamma's count of customers left out of its fit.
   *
   * @param names the names of the numbers
   * @param values the numbers of a model, in the order of {@code names}
   */
  public ModelType<M> withExtras(List<String> names, Function<M, double[]> values) {
    return new ModelType<>(
        id,
        name,
        modelClass,
        parameterNames,
        List.copyOf(Checks.notNull("names", names)),
        Checks.notNull("values", values),
        factory,
        fitter,
        estimation,
        covariateProcesses,
        covariateFactory,
        covariateFitter);
  }

  /**
   * This type with another way of estimating (types are {@link Estimation#MAXIMUM_LIKELIHOOD}
   * unless they say otherwise).
   *
   * @param value how the type's fitter estimates
   */
  public ModelType<M> withEstimation(Estimation value) {
    return new ModelType<>(
        id,
        name,
        modelClass,
        parameterNames,
        extraNames,
        extras,
        factory,
        fitter,
        Checks.notNull("estimation", value),
        covariateProcesses,
        covariateFactory,
        covariateFitter);
  }

  /** How this type's fitter estimates the parameters. */
  public Estimation estimation() {
    return estimation;
  }

  /** The short id, e.g. {@code "bgnbd"}. */
  public String id() {
    return id;
  }

  /** The display name, e.g. {@code "BG/NBD"}. */
  public String name() {
    return name;
  }

  /** The model class. */
  public Class<M> modelClass() {
    return modelClass;
  }

  /**
   * The parameter names in the literature's order. For a covariate type, the base parameters only:
   * each model adds its coefficients ({@link Model#parameterNames()}).
   */
  public List<String> parameterNames() {
    return parameterNames;
  }

  /**
   * The names of the two processes a covariate type's coefficients act on ({@code [purchase,
   * dropout]}, the sBG's {@code [alpha, beta]}); empty for a type without covariates.
   */
  public List<String> covariateProcesses() {
    return covariateProcesses;
  }

  /** Names of the numbers a model keeps besides parameters and report; usually empty. */
  public List<String> extraNames() {
    return extraNames;
  }

  /** The extra numbers of a model of this type, in the order of {@link #extraNames()}. */
  public double[] extras(Model model) {
    return extras.apply(cast(model));
  }

  /**
   * A fitter for this type with {@link FitSettings#DEFAULT} and no executor (for a covariate type,
   * with {@link CovariateSettings#DEFAULT}: every covariate the data carry on both processes).
   */
  public Fitter<M> fitter() {
    return fitter.get();
  }

  /**
   * A fitter for this covariate type with {@link FitSettings#DEFAULT}, no executor and these
   * covariate settings; it fits histories that carry their covariates ({@link
   * CustomerHistories#withCovariates}).
   *
   * @param covariates which covariates act on which process, constraints and penalties
   * @throws org.clvkit.core.ClvArgumentException when this type takes no covariates, naming the
   *     covariate types
   */
  public Fitter<M> fitter(CovariateSettings covariates) {
    Checks.notNull("covariates", covariates);
    if (covariateFitter == null) {
      throw Checks.fail(
          "model %s (%s) takes no covariates; the covariate models are %s",
          id, name, ModelTypes.ids(ModelTypes.covariateTypes()));
    }
    return covariateFitter.apply(covariates);
  }

  /**
   * A model from known parameters (no fit report).
   *
   * @param parameters values in the order of {@link #parameterNames()}
   * @throws org.clvkit.core.ClvArgumentException when a value is invalid
   */
  public M model(double... parameters) {
    return restore(parameters, null, new double[extraNames.size()]);
  }

  /**
   * A model from saved parts, as {@link org.clvkit.models.io.ModelFiles} reads them.
   *
   * @param parameters values in the order of {@link #parameterNames()}
   * @param report the fit report, or null for known parameters
   * @param extras values in the order of {@link #extraNames()}
   * @throws org.clvkit.core.ClvArgumentException when a value is invalid
   */
  public M restore(double[] parameters, FitReport report, double[] extras) {
    Checks.notNull("parameters", parameters);
    Checks.sameLength("parameters", parameters.length, "parameterNames", parameterNames.size());
    Checks.notNull("extras", extras);
    Checks.sameLength("extras", extras.length, "extraNames", extraNames.size());
    return factory.create(parameters.clone(), report, extras.clone());
  }

  /**
   * A model from its whole parameter list, as {@link Model#parameterNames()} and {@link
   * Model#parameterValues()} give it: for a type without covariates the names must be {@link
   * #parameterNames()}; a covariate type reads its coefficients from them.
   *
   * @param names the parameter names
   * @param parameters one value per name
   * @param report the fit report, or null for known parameters
   * @param extras values in the order of {@link #extraNames()}
   * @throws org.clvkit.core.ClvArgumentException when a name or value is invalid
   */
  public M restore(List<String> names, double[] parameters, FitReport report, double[] extras) {
    Checks.notNull("names", names);
    Checks.notNull("parameters", parameters);
    Checks.sameLength("parameters", parameters.length, "names", names.size());
    if (covariateFactory == null) {
      if (!names.equals(parameterNames)) {
        throw Checks.fail("names must be %s for a %s model, was %s", parameterNames, name, names);
      }
      return restore(parameters, report, extras);
    }
    Checks.notNull("extras", extras);
    Checks.sameLength("extras", extras.length, "extraNames", extraNames.size());
    return covariateFactory.create(List.copyOf(names), parameters.clone(), report);
  }

  /**
   * A model from known parameters given with their names (no fit report), e.g. {@code
   * ParetoNbdCovariateModel.TYPE.model(List.of("r", "alpha0", "s", "beta0", "purchase.age"), 0.55,
   * 10.6, 0.61, 11.7, 0.2)}.
   *
   * @param names the parameter names, as {@link Model#parameterNames()}
   * @param parameters one value per name
   * @throws org.clvkit.core.ClvArgumentException when a name or value is invalid
   */
  public M model(List<String> names, double... parameters) {
    return restore(names, parameters, null, new double[extraNames.size()]);
  }

  /**
   * {@code model} as this type's class.
   *
   * @throws org.clvkit.core.ClvArgumentException when it is of another type
   */
  public M cast(Model model) {
    Checks.notNull("model", model);
    if (!modelClass.isInstance(model)) {
      throw Checks.fail("model must be a %s model, was %s", name, model.name());
    }
    return modelClass.cast(model);
  }

  @Override
  public String toString() {
    return id + " (" + name + ")";
  }
}
