package org.clvkit.models;

import org.clvkit.core.Checks;

/**
 * A fitted parameter with its standard error and 95 % confidence interval.
 *
 * <p>Models are fitted over log-parameters, so the standard error of a positive parameter comes
 * from the observed information in log-space by the delta method ({@code standardError = value ·
 * se(log value)}) and the interval is {@code exp(log value ± 1.959964 · se(log value))}, which
 * stays positive as the parameters must ({@link #fromLogScale}). A covariate coefficient is
 * unbounded: its estimate may be negative and its interval is the symmetric Wald interval ({@link
 * #wald}).
 *
 * @param name the parameter's name in the literature ({@code r}, {@code alpha}, ...)
 * @param value the maximum-likelihood estimate, finite (&gt; 0 for the models' own parameters; a
 *     covariate coefficient may have any sign)
 * @param standardError the standard error, finite and &gt;= 0
 * @param lower the lower end of the 95 % interval, finite (for a positive parameter &gt;= 0; it may
 *     underflow to 0 when the standard error of the log is very large, as with a handful of
 *     customers)
 * @param upper the upper end of the 95 % interval, finite
 */
public record ParameterEstimate(
    String name, double value, double standardError, double lower, double upper)
    implements java.io.Serializable {

  /** The standard normal quantile for a two-sided 95 % interval. */
  public static final double Z_95 = 1.959963984540054;

  /** Validates finiteness and ordering {@code lower <= value <= upper}. */
  public ParameterEstimate {
    Checks.notNull("name", name);
    Checks.finite(name, value);
    Checks.nonNegative(name + " standardError", standardError);
    Checks.finite(name + " lower", lower);
    Checks.finite(name + " upper", upper);
    Checks.atMost(name + " lower", lower, name, value);
    Checks.atMost(name, value, name + " upper", upper);
  }

  /**
   * An estimate from a value and the standard error of its logarithm.
   *
   * @param name parameter name
   * @param value estimate, &gt; 0
   * @param logStandardError standard error of {@code log(value)}, &gt;= 0
   */
  public static ParameterEstimate fromLogScale(String name, double value, double logStandardError) {
    Checks.nonNegative(name + " logStandardError", logStandardError);
    double half = Z_95 * logStandardError;
    return new ParameterEstimate(
        name,
        value,
        value * logStandardError,
        Math.min(value, value * Math.exp(-half)),
        Math.max(value, value * Math.exp(half)));
  }

  /**
   * An unbounded parameter's estimate (a covariate coefficient) with its Wald interval {@code value
   * ± 1.959964 · standardError}.
   *
   * @param name parameter name
   * @param value estimate, finite
   * @param standardError its standard error, finite and &gt;= 0
   */
  public static ParameterEstimate wald(String name, double value, double standardError) {
    Checks.nonNegative(name + " standardError", standardError);
    double half = Z_95 * standardError;
    return new ParameterEstimate(name, value, standardError, value - half, value + half);
  }
}
