package org.clvkit.examples.cli;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The text of the summaries' numbers and times, exactly as {@link Double#toString(double)}, {@link
 * Long#toString(long)} and {@link SummaryCsv#time(LocalDateTime)} write them, without their cost
 * for the values a summary repeats: recency and age take a few hundred values (days over 7), counts
 * and dates a few hundred more, and most spends are whole cents.
 *
 * <p>Recent values are kept in small direct-mapped caches. A double not in the cache that is the
 * double nearest to a whole number of cents below 100,000.00 is written from its cents: {@code
 * Double.toString} writes those values exactly so (checked for every one of the 10^7 values by
 * {@code NumberTextTest}). Not thread-safe: one per writer.
 */
final class NumberText {
  private static final int DOUBLE_SLOTS = 1 << 12;
  private static final int TIME_SLOTS = 1 << 11;
  private static final int SMALL_LONGS = 1 << 10;

  /** Cents written from their digits: below 10^7 (see the class comment). */
  static final long MAX_CENTS = 10_000_000L;

  private final long[] doubleKeys = new long[DOUBLE_SLOTS];
  private final String[] doubleTexts = new String[DOUBLE_SLOTS];
  private final long[] timeKeys = new long[TIME_SLOTS];
  private final String[] timeTexts = new String[TIME_SLOTS];
  private final String[] longs = new String[SMALL_LONGS];
  private final long[] secondKeys = new long[TIME_SLOTS];
  private final String[] secondTexts = new String[TIME_SLOTS];

  /** {@code Double.toString(v)}. */
  String of(double v) {
    long bits = Double.doubleToRawLongBits(v);
    int slot = slot(bits, DOUBLE_SLOTS);
    String text = doubleTexts[slot];
    if (text != null && doubleKeys[slot] == bits) {
      return text;
    }
    text = cents(v);
    if (text == null) {
      text = Double.toString(v);
    }
    doubleKeys[slot] = bits;
    doubleTexts[slot] = text;
    return text;
  }

  /** {@code Long.toString(v)}. */
  String of(long v) {
    if (v >= 0 && v < SMALL_LONGS) {
      String text = longs[(int) v];
      if (text == null) {
        text = Long.toString(v);
        longs[(int) v] = text;
      }
      return text;
    }
    return Long.toString(v);
  }

  /**
   * {@link SummaryCsv#time(LocalDateTime)} of the time {@code epochSecond} seconds after
   * 1970-01-01T00:00 (whole seconds); the time is made only when not cached.
   */
  String time(long epochSecond) {
    int slot = slot(epochSecond, TIME_SLOTS);
    String text = secondTexts[slot];
    if (text != null && secondKeys[slot] == epochSecond) {
      return text;
    }
    text = SummaryCsv.time(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC));
    secondKeys[slot] = epochSecond;
    secondTexts[slot] = text;
    return text;
  }

  /** {@link SummaryCsv#time(LocalDateTime)}. */
  String time(LocalDateTime t) {
    long key =
        ((t.getYear() * 16L + t.getMonthValue()) * 32 + t.getDayOfMonth()) * 86_400_000_000_000L
            + t.toLocalTime().toNanoOfDay();
    int slot = slot(key, TIME_SLOTS);
    String text = timeTexts[slot];
    if (text != null && timeKeys[slot] == key) {
      return text;
    }
    text = SummaryCsv.time(t);
    timeKeys[slot] = key;
    timeTexts[slot] = text;
    return text;
  }

  /**
   * The text of {@code v} when it is the double nearest to a whole number of cents n, 0 <= n <
   * {@link #MAX_CENTS} (n / 100.0 is that double: the division rounds correctly), else null (for
   * -0.0 too).
   */
  static String cents(double v) {
    if (!(v >= 0 && v < MAX_CENTS / 100.0) || Double.doubleToRawLongBits(v) < 0) { // not -0.0
      return null;
    }
    long n = Math.round(v * 100);
    if (n >= MAX_CENTS || n / 100.0 != v) {
      return null;
    }
    long whole = n / 100;
    int frac = (int) (n % 100);
    if (frac == 0) {
      return whole + ".0";
    }
    if (frac % 10 == 0) {
      return whole + "." + (char) ('0' + frac / 10);
    }
    return whole + "." + (char) ('0' + frac / 10) + (char) ('0' + frac % 10);
  }

  private static int slot(long key, int slots) {
    long x = key * 0x9E3779B97F4A7C15L;
    return (int) (x >>> 32) & (slots - 1);
  }
}
