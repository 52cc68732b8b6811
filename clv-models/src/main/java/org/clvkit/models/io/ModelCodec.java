package org.clvkit.models.io;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.clvkit.models.FitReport;

/**
 * How one model type is taken apart into numbers and put together again: its name in files, its
 * class, its parameter names, any further numbers it keeps besides parameters and report, and a
 * factory. Immutable.
 *
 * @param <M> the model class
 */
final class ModelCodec<M> {

  /** Builds a model from its parameters, its report (null when not fitted) and its extras. */
  interface Factory<M> {
    M build(double[] parameters, FitReport report, double[] extras);
  }

  final String type;
  final Class<M> modelClass;
  final List<String> parameterNames;
  final List<String> extraNames;
  private final Function<M, double[]> parameters;
  private final Function<M, Optional<FitReport>> report;
  private final Function<M, double[]> extras;
  private final Factory<M> factory;

  ModelCodec(
      String type,
      Class<M> modelClass,
      List<String> parameterNames,
      Function<M, double[]> parameters,
      Function<M, Optional<FitReport>> report,
      List<String> extraNames,
      Function<M, double[]> extras,
      Factory<M> factory) {
    this.type = type;
    this.modelClass = modelClass;
    this.parameterNames = List.copyOf(parameterNames);
    this.parameters = parameters;
    this.report = report;
    this.extraNames = List.copyOf(extraNames);
    this.extras = extras;
    this.factory = factory;
  }

  /** A codec for a model that keeps nothing but its parameters and report. */
  ModelCodec(
      String type,
      Class<M> modelClass,
      List<String> parameterNames,
      Function<M, double[]> parameters,
      Function<M, Optional<FitReport>> report,
      Factory<M> factory) {
    this(
        type,
        modelClass,
        parameterNames,
        parameters,
        report,
        List.of(),
        m -> new double[0],
        factory);
  }

  double[] parameters(Object model) {
    return parameters.apply(modelClass.cast(model));
  }

  Optional<FitReport> report(Object model) {
    return report.apply(modelClass.cast(model));
  }

  double[] extras(Object model) {
    return extras.apply(modelClass.cast(model));
  }

  M build(double[] parameterValues, FitReport fitReport, double[] extraValues) {
    return factory.build(parameterValues, fitReport, extraValues);
  }
}
