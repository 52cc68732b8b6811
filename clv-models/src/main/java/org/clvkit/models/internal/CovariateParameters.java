package org.clvkit.models.internal;

import java.util.ArrayList;
import java.util.List;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.covariates.CovariateMatrix;

/**
 * The parameter list of a covariate model as {@link org.clvkit.models.Model} gives it: the base
 * parameters, then {@code first.X} for each covariate X of the first process, then {@code second.X}
 * for each of the second (a coefficient shared by both processes under both names). Shared by the
 * four covariate models so that their names, their values and the model file agree.
 */
public final class CovariateParameters {
  private final double[] base;
  private final List<String> first;
  private final double[] firstValues;
  private final List<String> second;
  private final double[] secondValues;

  private CovariateParameters(
      double[] base,
      List<String> first,
      double[] firstValues,
      List<String> second,
      double[] secondValues) {
    this.base = base;
    this.first = first;
    this.firstValues = firstValues;
    this.second = second;
    this.secondValues = secondValues;
  }

  /**
   * The names: {@code base}, then {@code first.X} per first covariate, {@code second.X} per second.
   */
  public static List<String> names(
      List<String> base,
      String first,
      List<String> firstCovariates,
      String second,
      List<String> secondCovariates) {
    List<String> out = new ArrayList<>(base);
    for (String name : firstCovariates) {
      out.add(first + "." + name);
    }
    for (String name : secondCovariates) {
      out.add(second + "." + name);
    }
    return List.copyOf(out);
  }

  /** The values in the order of {@link #names}. */
  public static double[] values(double[] base, double[] first, double[] second) {
    double[] out = new double[base.length + first.length + second.length];
    System.arraycopy(base, 0, out, 0, base.length);
    System.arraycopy(first, 0, out, base.length, first.length);
    System.arraycopy(second, 0, out, base.length + first.length, second.length);
    return out;
  }

  /**
   * Reads a parameter list back.
   *
   * @param names the base names, then coefficients named {@code first.X} or {@code second.X}
   * @param values one value per name
   * @param base the model's base parameter names, in order
   * @param first the first process's name ({@code purchase}, {@code alpha})
   * @param second the second process's name ({@code dropout}, {@code beta})
   * @throws org.clvkit.core.ClvArgumentException naming the first name out of place
   */
  public static CovariateParameters split(
      List<String> names, double[] values, List<String> base, String first, String second) {
    Checks.notNull("parameterNames", names);
    Checks.notNull("parameters", values);
    Checks.sameLength("parameters", values.length, "parameterNames", names.size());
    if (names.size() < base.size()) {
      throw Checks.fail("parameterNames must start with the parameters %s, was %s", base, names);
    }
    for (int i = 0; i < base.size(); i++) {
      if (!base.get(i).equals(names.get(i))) {
        throw Checks.fail(
            "parameterNames[%d] must be %s (the parameters are %s first), was %s",
            i, base.get(i), base, names.get(i));
      }
    }
    List<String> firstNames = new ArrayList<>();
    List<String> secondNames = new ArrayList<>();
    double[] firstValues = new double[names.size()];
    double[] secondValues = new double[names.size()];
    for (int i = base.size(); i < names.size(); i++) {
      String name = Checks.notNull(Checks.indexed("parameterNames", i), names.get(i));
      if (name.startsWith(first + ".") && name.length() > first.length() + 1) {
        firstValues[firstNames.size()] = values[i];
        firstNames.add(name.substring(first.length() + 1));
      } else if (name.startsWith(second + ".") && name.length() > second.length() + 1) {
        secondValues[secondNames.size()] = values[i];
        secondNames.add(name.substring(second.length() + 1));
      } else {
        throw Checks.fail(
            "parameterNames[%d] = %s must name a coefficient %s.<covariate> or %s.<covariate>",
            i, name, first, second);
      }
    }
    return new CovariateParameters(
        java.util.Arrays.copyOf(values, base.size()),
        List.copyOf(firstNames),
        java.util.Arrays.copyOf(firstValues, firstNames.size()),
        List.copyOf(secondNames),
        java.util.Arrays.copyOf(secondValues, secondNames.size()));
  }

  /** The base parameters' values. */
  public double[] base() {
    return base.clone();
  }

  /** The first process's covariates. */
  public List<String> first() {
    return first;
  }

  /** The first process's coefficients. */
  public double[] firstValues() {
    return firstValues.clone();
  }

  /** The second process's covariates. */
  public List<String> second() {
    return second;
  }

  /** The second process's coefficients. */
  public double[] secondValues() {
    return secondValues.clone();
  }

  /**
   * The covariate matrix the histories carry, for a covariate model's {@code
   * logLikelihood(CustomerHistories)}.
   *
   * @param data the histories
   * @param model the model's name, for the message
   * @param needed the covariates the model needs, for the message
   * @throws org.clvkit.core.ClvArgumentException naming the model and the covariates it needs when
   *     the histories carry none
   */
  public static CovariateMatrix covariatesOf(
      CustomerHistories data, String model, List<String> needed) {
    Checks.notNull("data", data);
    return data.covariates()
        .orElseThrow(
            () ->
                Checks.fail(
                    "data must carry the covariates %s of the %s model"
                        + " (CustomerHistories.withCovariates), had none",
                    needed, model));
  }
}
