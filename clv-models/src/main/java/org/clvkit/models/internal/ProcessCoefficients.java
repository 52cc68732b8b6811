package org.clvkit.models.internal;

import java.util.ArrayList;
import java.util.List;
import org.clvkit.core.Checks;
import org.clvkit.models.covariates.CovariateSettings;

/**
 * The coefficients of a two-process covariate model (Pareto/NBD and BG/NBD: {@code purchase} and
 * {@code dropout}; sBG: {@code alpha} and {@code beta}), validated once: each process's covariate
 * names and coefficients (as many, finite), the model's parameter names ({@link
 * CovariateParameters#names}), the layout over the union of the covariates (first process's order,
 * then the second's new names) and the coefficient vector in the layout's order, as the kernels
 * take it. The four covariate models build one in their constructor. Immutable; the arrays it
 * returns are its own and must not be modified.
 */
public final class ProcessCoefficients {
  private final List<String> firstCovariates;
  private final double[] firstCoefficients;
  private final List<String> secondCovariates;
  private final double[] secondCoefficients;
  private final List<String> parameterNames;
  private final CovariateLayout layout;
  private final double[] coefficients;

  private ProcessCoefficients(
      List<String> firstCovariates,
      double[] firstCoefficients,
      List<String> secondCovariates,
      double[] secondCoefficients,
      List<String> parameterNames,
      CovariateLayout layout,
      double[] coefficients) {
    this.firstCovariates = firstCovariates;
    this.firstCoefficients = firstCoefficients;
    this.secondCovariates = secondCovariates;
    this.secondCoefficients = secondCoefficients;
    this.parameterNames = parameterNames;
    this.layout = layout;
    this.coefficients = coefficients;
  }

  /**
   * Validates and copies the coefficients of both processes.
   *
   * @param base the model's base parameter names
   * @param first the first process's name ({@code purchase}, {@code alpha}); the arguments are
   *     named {@code firstCovariates}, {@code firstCoefficients} in messages
   * @param firstCovariates the first process's covariate names
   * @param firstCoefficients one finite coefficient per name
   * @param second the second process's name ({@code dropout}, {@code beta})
   * @param secondCovariates the second process's covariate names
   * @param secondCoefficients one finite coefficient per name
   * @throws org.clvkit.core.ClvArgumentException on a null, a length mismatch or a non-finite
   *     coefficient, naming the argument
   */
  public static ProcessCoefficients of(
      List<String> base,
      String first,
      List<String> firstCovariates,
      double[] firstCoefficients,
      String second,
      List<String> secondCovariates,
      double[] secondCoefficients) {
    List<String> firstNames = List.copyOf(Checks.notNull(first + "Covariates", firstCovariates));
    List<String> secondNames = List.copyOf(Checks.notNull(second + "Covariates", secondCovariates));
    Checks.notNull(first + "Coefficients", firstCoefficients);
    Checks.notNull(second + "Coefficients", secondCoefficients);
    Checks.sameLength(
        first + "Coefficients", firstCoefficients.length, first + "Covariates", firstNames.size());
    Checks.sameLength(
        second + "Coefficients",
        secondCoefficients.length,
        second + "Covariates",
        secondNames.size());
    Checks.finite(first + "Coefficients", firstCoefficients);
    Checks.finite(second + "Coefficients", secondCoefficients);
    List<String> all = new ArrayList<>(firstNames);
    for (String name : secondNames) {
      if (!all.contains(name)) {
        all.add(name);
      }
    }
    CovariateLayout layout =
        CovariateLayout.resolve(
            all, new CovariateSettings(firstNames, secondNames, List.of(), 0, 0), first, second);
    double[] coefficients = new double[layout.coefficients()];
    System.arraycopy(firstCoefficients, 0, coefficients, 0, firstCoefficients.length);
    System.arraycopy(
        secondCoefficients, 0, coefficients, firstCoefficients.length, secondCoefficients.length);
    return new ProcessCoefficients(
        firstNames,
        firstCoefficients.clone(),
        secondNames,
        secondCoefficients.clone(),
        CovariateParameters.names(base, first, firstNames, second, secondNames),
        layout,
        coefficients);
  }

  /** The first process's covariates. */
  public List<String> firstCovariates() {
    return firstCovariates;
  }

  /** The first process's coefficients (not copied). */
  public double[] firstCoefficients() {
    return firstCoefficients;
  }

  /** The second process's covariates. */
  public List<String> secondCovariates() {
    return secondCovariates;
  }

  /** The second process's coefficients (not copied). */
  public double[] secondCoefficients() {
    return secondCoefficients;
  }

  /** The model's parameter names: the base, then {@code first.X}, then {@code second.X}. */
  public List<String> parameterNames() {
    return parameterNames;
  }

  /** The layout over the union of both processes' covariates. */
  public CovariateLayout layout() {
    return layout;
  }

  /** The coefficients in the layout's order (not copied). */
  public double[] coefficients() {
    return coefficients;
  }
}
