package org.clvkit.models.covariates;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * A fitted covariate coefficient with its standard error and Wald 95 % interval {@code value ±
 * 1.959964 · standardError} (coefficients are unbounded, so the interval is symmetric).
 *
 * @param name {@code purchase.X}, {@code dropout.X} or, for a coefficient shared by both processes,
 *     {@code constrained.X}
 * @param value the estimate, finite
 * @param standardError from the inverse observed information (of the penalised objective when a
 *     penalty is used), finite and &gt;= 0
 * @param lower lower end of the 95 % interval
 * @param upper upper end of the 95 % interval
 */
public record CoefficientEstimate(
    String name, double value, double standardError, double lower, double upper)
    implements Serializable {

  /** The standard normal quantile for a two-sided 95 % interval. */
  public static final double Z_95 = 1.959963984540054;

  /** Validates finiteness and {@code lower <= value <= upper}. */
  public CoefficientEstimate {
    Checks.notBlank("name", name);
    Checks.finite(name, value);
    Checks.nonNegative(name + " standardError", standardError);
    Checks.finite(name + " lower", lower);
    Checks.finite(name + " upper", upper);
    Checks.atMost(name + " lower", lower, name, value);
    Checks.atMost(name, value, name + " upper", upper);
  }

  /** The estimate with its Wald interval. */
  public static CoefficientEstimate wald(String name, double value, double standardError) {
    double half = Z_95 * standardError;
    return new CoefficientEstimate(name, value, standardError, value - half, value + half);
  }

  /** Whether the 95 % interval holds {@code truth}. */
  public boolean covers(double truth) {
    return lower <= truth && truth <= upper;
  }
}
