package org.clvkit.models;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.clvkit.core.Checks;

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

  private ModelType(
      String id,
      String name,
      Class<M> modelClass,
      List<String> parameterNames,
      List<String> extraNames,
      Function<M, double[]> extras,
      Factory<M> factory,
      Supplier<? extends Fitter<M>> fitter,
      Estimation estimation) {
    this.id = id;
    this.name = name;
    this.modelClass = modelClass;
    this.parameterNames = parameterNames;
    this.extraNames = extraNames;
    this.extras = extras;
    this.factory = factory;
    this.fitter = fitter;
    this.estimation = estimation;
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
    Checks.notEmptyText("id", id);
    if (!id.matches("[a-z][a-z0-9-]*")) {
      throw Checks.fail("id must be lower-case letters, digits and '-', was %s", id);
    }
    Checks.notEmptyText("name", name);
    Checks.notNull("modelClass", modelClass);
    Checks.notNull("factory", factory);
    Checks.notNull("fitter", fitter);
    List<String> names = List.copyOf(Checks.notNull("parameterNames", parameterNames));
    if (names.isEmpty()) {
      throw Checks.fail("parameterNames must not be empty");
    }
    return new ModelType<>(
        id,
        name,
        modelClass,
        names,
        List.of(),
        m -> new double[0],
        factory,
        fitter,
        Estimation.MAXIMUM_LIKELIHOOD);
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
        estimation);
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
        Checks.notNull("estimation", value));
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

  /** The parameter names in the literature's order. */
  public List<String> parameterNames() {
    return parameterNames;
  }

  /** Names of the numbers a model keeps besides parameters and report; usually empty. */
  public List<String> extraNames() {
    return extraNames;
  }

  /** The extra numbers of a model of this type, in the order of {@link #extraNames()}. */
  public double[] extras(Model model) {
    return extras.apply(cast(model));
  }

  /** A fitter for this type with {@link FitSettings#DEFAULT} and no executor. */
  public Fitter<M> fitter() {
    return fitter.get();
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
