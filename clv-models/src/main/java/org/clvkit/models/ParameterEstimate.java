package org.clvkit.models;

import org.clvkit.core.Checks;

/**
 * A fitted parameter with its standard error and 95 % confidence interval.
 *
 * <p>Models are fitted over log-parameters, so the standard error comes from the observed
 * information in log-space by the delta method ({@code standardError = value · se(log value)}) and
 * the interval is {@code exp(log value ± 1.959964 · se(log value))}, which stays positive as the
 * parameters must.
 *
 * @param name the parameter's name in the literature ({@code r}, {@code alpha}, ...)
 * @param value the maximum-likelihood estimate, finite and &gt; 0
 * @param standardError the delta-method standard error, finite and &gt;= 0
 * @param lower the lower end of the 95 % interval, &gt;= 0 (it may underflow to 0 when the standard
 *     error of the log is very large, as with a handful of customers)
 * @param upper the upper end of the 95 % interval
 */
public record ParameterEstimate(
    String name, double value, double standardError, double lower, double upper)
    implements java.io.Serializable {

  /** The standard normal quantile for a two-sided 95 % interval. */
  public static final double Z_95 = 1.959963984540054;

  /** Validates finiteness and ordering {@code lower <= value <= upper}. */
  public ParameterEstimate {
    Checks.notNull("name", name);
    Checks.positive(name, value);
    Checks.nonNegative(name + " standardError", standardError);
    Checks.nonNegative(name + " lower", lower);
    Checks.positive(name + " upper", upper);
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
}
