package org.clvkit.core;

import java.util.Locale;

/**
 * Argument checks with one wording per rule, shared by every clvkit module and offered to programs
 * built on clvkit (engines' jobs, command-line tools), so that their errors read like the
 * library's: each failed check throws a {@link ClvArgumentException}.
 *
 * <p>Messages name the field (with its index for columns: {@code recency[17]}), the rule and the
 * value, formatted with {@link Locale#ROOT}, for example {@code alpha must be finite and > 0, was
 * -1.0}. Each check returns its argument so that it can be used inline in constructors.
 */
public final class Checks {
  private Checks() {}

  /** Returns {@code field[index]}, the name of one element of a column. */
  public static String indexed(String field, int index) {
    return field + "[" + index + "]";
  }

  /** Builds an exception from a {@link Locale#ROOT}-formatted message. */
  public static ClvArgumentException fail(String format, Object... args) {
    return new ClvArgumentException(String.format(Locale.ROOT, format, args));
  }

  /** Rule: not null. Message: {@code name must not be null}. */
  public static <T> T notNull(String name, T value) {
    if (value == null) {
      throw fail("%s must not be null", name);
    }
    return value;
  }

  /** Rule: finite (not NaN, not infinite). Message: {@code name must be finite, was NaN}. */
  public static double finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw fail("%s must be finite, was %s", name, value);
    }
    return value;
  }

  /** Rule: finite and strictly positive. Message: {@code name must be finite and > 0, was -1.0}. */
  public static double positive(String name, double value) {
    if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
      throw fail("%s must be finite and > 0, was %s", name, value);
    }
    return value;
  }

  /** Rule: finite and non-negative. Message: {@code name must be finite and >= 0, was -1.0}. */
  public static double nonNegative(String name, double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw fail("%s must be finite and >= 0, was %s", name, value);
    }
    return value;
  }

  /** Rule: a probability. Message: {@code name must be in [0, 1], was 1.2}. */
  public static double probability(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw fail("%s must be in [0, 1], was %s", name, value);
    }
    return value;
  }

  /**
   * Rule: within a closed interval. Message: {@code name must be in [lower, upper], was value}, the
   * bounds printed as given ({@code 0.0}, {@code 1.0}).
   */
  public static double inRange(String name, double value, double lower, double upper) {
    if (!(value >= lower && value <= upper)) {
      throw fail("%s must be in [%s, %s], was %s", name, lower, upper, value);
    }
    return value;
  }

  /**
   * Rule: finite and strictly below a bound. Message: {@code name must be finite and < bound, was
   * value}.
   */
  public static double lessThan(String name, double value, double bound) {
    if (!(value < bound) || value == Double.NEGATIVE_INFINITY) {
      throw fail("%s must be finite and < %s, was %s", name, bound, value);
    }
    return value;
  }

  /**
   * Rule: finite and strictly above a bound. Message: {@code name must be finite and > bound, was
   * value}.
   */
  public static double greaterThan(String name, double value, double bound) {
    if (!(value > bound) || value == Double.POSITIVE_INFINITY) {
      throw fail("%s must be finite and > %s, was %s", name, bound, value);
    }
    return value;
  }

  /**
   * Rule: one quantity may not exceed another. Message: {@code recency[17] = 40.0 must be <=
   * age[17] = 39.0}.
   */
  public static void atMost(String name, double value, String otherName, double other) {
    if (!(value <= other)) {
      throw fail("%s = %s must be <= %s = %s", name, value, otherName, other);
    }
  }

  /**
   * Rule: a count, that is a finite whole number &gt;= 0. Message: {@code frequency[2] must be a
   * whole number >= 0, was 1.5}.
   */
  public static double count(String name, double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY || value != Math.rint(value)) {
      throw fail("%s must be a whole number >= 0, was %s", name, value);
    }
    return value;
  }

  /** Rule: an integer &gt; 0. Message: {@code periods must be > 0, was 0}. */
  public static int positive(String name, int value) {
    if (value <= 0) {
      throw fail("%s must be > 0, was %d", name, value);
    }
    return value;
  }

  /** Rule: an integer &gt;= 0. Message: {@code generations must be >= 0, was -1}. */
  public static int nonNegative(String name, int value) {
    if (value < 0) {
      throw fail("%s must be >= 0, was %d", name, value);
    }
    return value;
  }

  /**
   * Rule: a non-null, non-empty array. Messages: {@code name must not be null}, {@code name must
   * not be empty}.
   */
  public static double[] notEmpty(String name, double[] values) {
    notNull(name, values);
    if (values.length == 0) {
      throw fail("%s must not be empty", name);
    }
    return values;
  }

  /**
   * Rule: two columns have the same length. Message: {@code age has length 3 but frequency has
   * length 4}.
   */
  public static void sameLength(
      String name, int length, String referenceName, int referenceLength) {
    if (length != referenceLength) {
      throw fail(
          "%s has length %d but %s has length %d", name, length, referenceName, referenceLength);
    }
  }

  /**
   * Rule: a half-open range {@code [from, to)} lies within an array of the given length. Message:
   * {@code range [from, to) = [2, 9) must lie within [0, 5]}.
   */
  public static void range(int from, int to, int length) {
    if (from < 0 || to < from || to > length) {
      throw fail("range [from, to) = [%d, %d) must lie within [0, %d]", from, to, length);
    }
  }

  /** Column form of {@link #finite(String, double)}; the message names the index. */
  public static double[] finite(String name, double[] values) {
    notNull(name, values);
    for (int i = 0; i < values.length; i++) {
      finite(indexed(name, i), values[i]);
    }
    return values;
  }

  /** Column form of {@link #nonNegative(String, double)}; the message names the index. */
  public static double[] nonNegative(String name, double[] values) {
    notNull(name, values);
    for (int i = 0; i < values.length; i++) {
      nonNegative(indexed(name, i), values[i]);
    }
    return values;
  }

  /** Column form of {@link #probability(String, double)}; the message names the index. */
  public static double[] probability(String name, double[] values) {
    notNull(name, values);
    for (int i = 0; i < values.length; i++) {
      probability(indexed(name, i), values[i]);
    }
    return values;
  }

  /**
   * Rule: an index into something of {@code size} elements, {@code 0 <= value < size}. Message:
   * {@code sequence[3] must be in [0, 4], was 7} (the closed range of valid indices).
   */
  public static int index(String name, int value, int size) {
    if (value < 0 || value >= size) {
      throw fail("%s must be in [0, %d], was %d", name, size - 1, value);
    }
    return value;
  }

  /**
   * Rule: a sum of probabilities equals 1 within a tolerance. Message: {@code transitionMatrix[2]
   * must sum to 1 within 1.0E-9, was 0.875}.
   */
  public static double sumsToOne(String name, double sum, double tolerance) {
    if (!(Math.abs(sum - 1.0) <= tolerance)) {
      throw fail("%s must sum to 1 within %s, was %s", name, tolerance, sum);
    }
    return sum;
  }

  /**
   * Rule: a non-null text with at least one non-whitespace character. Messages: {@code names[2]
   * must not be null}, {@code names[2] must not be blank, was " "}.
   */
  public static String notBlank(String name, String value) {
    notNull(name, value);
    if (value.isBlank()) {
      throw fail("%s must not be blank, was \"%s\"", name, value);
    }
    return value;
  }

  /**
   * Rule: an integer may not exceed a limit (sizes of generated arrays). Message: {@code
   * generations * referralSchedule length must be <= 1000000, was 2000000}.
   */
  public static long atMost(String name, long value, long limit) {
    if (value > limit) {
      throw fail("%s must be <= %d, was %d", name, limit, value);
    }
    return value;
  }

  /**
   * Rule: an infinite series converges only while a quantity stays below a bound that is itself a
   * quantity. Message: {@code infinite horizon diverges: retention * (1 + growth) = 1.05 must be <
   * 1 + discount = 1.04}.
   */
  public static void converges(
      String series, String name, double value, String boundName, double bound) {
    if (!(value < bound)) {
      throw fail("%s diverges: %s = %s must be < %s = %s", series, name, value, boundName, bound);
    }
  }

  /**
   * Rule: an infinite series converges only while a quantity stays below a constant. Message:
   * {@code infinite referral chain diverges: expected referrals per customer = 1.2 must be < 1.0}.
   */
  public static void converges(String series, String name, double value, double bound) {
    if (!(value < bound)) {
      throw fail("%s diverges: %s = %s must be < %s", series, name, value, bound);
    }
  }

  /**
   * Rule: a non-null, non-empty text. Messages: {@code name must not be null}, {@code name must not
   * be empty}.
   */
  public static String notEmptyText(String name, String value) {
    notNull(name, value);
    if (value.isEmpty()) {
      throw fail("%s must not be empty", name);
    }
    return value;
  }

  /**
   * Rule: an integer (int or long) within a closed interval. Message: {@code levels must be in [2,
   * 9], was 12}. Named apart from {@link #inRange(String, double, double, double)} so that integer
   * arguments meant for that rule keep its wording.
   */
  public static long integerInRange(String name, long value, long lower, long upper) {
    if (value < lower || value > upper) {
      throw fail("%s must be in [%d, %d], was %d", name, lower, upper, value);
    }
    return value;
  }

  /**
   * Rule: a time (or other ordered value) not after a bound. Message: {@code time[4] =
   * 1998-07-01T00:00 must not be after observationEnd = 1998-06-30T00:00}.
   */
  public static <T extends Comparable<? super T>> T notAfter(
      String name, T value, String boundName, T bound) {
    if (value.compareTo(bound) > 0) {
      throw fail("%s = %s must not be after %s = %s", name, value, boundName, bound);
    }
    return value;
  }

  /**
   * Rule: a time (or other ordered value) not before a bound. Message: {@code time[5] =
   * 1997-01-01T00:00 must not be before last purchase of customer "7" = 1997-02-01T00:00}.
   */
  public static <T extends Comparable<? super T>> T notBefore(
      String name, T value, String boundName, T bound) {
    if (value.compareTo(bound) < 0) {
      throw fail("%s = %s must not be before %s = %s", name, value, boundName, bound);
    }
    return value;
  }

  /**
   * Rule: a value within a half-open interval. Message: {@code time[3] = 1996-12-31T00:00 must be
   * in [1997-01-01T00:00, 1998-07-01T00:00)}.
   */
  public static <T extends Comparable<? super T>> T within(
      String name, T value, T lower, T upperExclusive) {
    if (value.compareTo(lower) < 0 || value.compareTo(upperExclusive) >= 0) {
      throw fail("%s = %s must be in [%s, %s)", name, value, lower, upperExclusive);
    }
    return value;
  }

  /**
   * Rule: two settings that must agree are equal. Message: {@code other.options = X must equal
   * options = Y}.
   */
  public static void same(String name, Object value, String otherName, Object other) {
    if (!value.equals(other)) {
      throw fail("%s = %s must equal %s = %s", name, value, otherName, other);
    }
  }

  /**
   * Rule: text that must parse as something. Returns (does not throw) the exception, for the parser
   * to throw with its cause. Message: {@code date (line 12, column 3) must be a date of pattern
   * yyyyMMdd, was "1997x"}.
   */
  public static ClvArgumentException malformed(String name, String text, String expected) {
    return fail("%s must be %s, was \"%s\"", name, expected, text);
  }
}
