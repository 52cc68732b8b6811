package org.clvkit.models.uncertainty;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * A point estimate with a two-sided interval.
 *
 * @param estimate the point estimate (from the fitted model), finite
 * @param lower the lower end, finite and &lt;= upper
 * @param upper the upper end, finite
 * @param level the nominal coverage, in (0, 1), e.g. 0.9
 */
public record Interval(double estimate, double lower, double upper, double level)
    implements Serializable {

  /** Validates finiteness, {@code lower <= upper} and the level. */
  public Interval {
    Checks.finite("estimate", estimate);
    Checks.finite("lower", lower);
    Checks.finite("upper", upper);
    Checks.atMost("lower", lower, "upper", upper);
    Checks.inRange("level", level, Math.ulp(0.0), 1 - Math.ulp(1.0));
  }

  /** Whether {@code lower <= value <= upper}. */
  public boolean contains(double value) {
    return lower <= value && value <= upper;
  }

  /** {@code upper - lower}. */
  public double width() {
    return upper - lower;
  }

  /** This interval with every value multiplied by {@code factor} &gt;= 0 (a change of unit). */
  public Interval scaled(double factor) {
    Checks.nonNegative("factor", factor);
    return new Interval(estimate * factor, lower * factor, upper * factor, level);
  }
}
