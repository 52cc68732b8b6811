package org.clvkit.testing;

import java.util.Locale;

/**
 * How close a computed value must be to a reference value. Tolerances compose: {@code
 * relative(1e-3).or(absolute(1e-9))} accepts a value that meets either.
 */
@FunctionalInterface
public interface Tolerance {

  /** Returns whether {@code actual} is close enough to {@code expected}. */
  boolean accepts(double expected, double actual);

  /** Describes the tolerance for failure messages. */
  default String describe() {
    return "custom tolerance";
  }

  /** |actual - expected| &lt;= bound. */
  static Tolerance absolute(double bound) {
    return named(
        (e, a) -> Math.abs(a - e) <= bound, String.format(Locale.ROOT, "absolute %s", bound));
  }

  /** |actual - expected| &lt;= bound * |expected|. */
  static Tolerance relative(double bound) {
    return named(
        (e, a) -> Math.abs(a - e) <= bound * Math.abs(e),
        String.format(Locale.ROOT, "relative %s", bound));
  }

  /** At most {@code n} units in the last place apart; {@code ulps(0)} demands bit equality. */
  static Tolerance ulps(long n) {
    return named(
        (e, a) -> {
          if (Double.doubleToLongBits(e) == Double.doubleToLongBits(a)) {
            return true;
          }
          if (Double.isNaN(e) || Double.isNaN(a) || Math.signum(e) != Math.signum(a)) {
            return false;
          }
          return Math.abs(Double.doubleToLongBits(e) - Double.doubleToLongBits(a)) <= n;
        },
        String.format(Locale.ROOT, "%d ulps", n));
  }

  /** Accepts what either tolerance accepts. */
  default Tolerance or(Tolerance other) {
    Tolerance self = this;
    return named(
        (e, a) -> self.accepts(e, a) || other.accepts(e, a),
        self.describe() + " or " + other.describe());
  }

  /** Gives a tolerance a description for failure messages. */
  static Tolerance named(Tolerance tolerance, String description) {
    return new Tolerance() {
      @Override
      public boolean accepts(double expected, double actual) {
        return tolerance.accepts(expected, actual);
      }

      @Override
      public String describe() {
        return description;
      }
    };
  }

  /** Fails with expected, actual, difference and tolerance when {@code actual} is not accepted. */
  default void check(String what, double expected, double actual) {
    if (Double.isNaN(actual) || !accepts(expected, actual)) {
      throw new AssertionError(
          String.format(
              Locale.ROOT,
              "%s: expected %s but was %s (difference %s, tolerance %s)",
              what,
              expected,
              actual,
              actual - expected,
              describe()));
    }
  }
}
