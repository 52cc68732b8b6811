package org.clvkit.examples.cli;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The bytes (ASCII) of the summaries' numbers and times, exactly as {@link
 * Double#toString(double)}, {@link Long#toString(long)} and {@link SummaryCsv#time(LocalDateTime)}
 * write them, without their cost for the values a summary repeats: recency and age take a few
 * hundred values (days over 7), counts and dates a few hundred more, and most spends are whole
 * cents.
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
  private final byte[][] doubleBytes = new byte[DOUBLE_SLOTS][];
  private final byte[][] longBytes = new byte[SMALL_LONGS][];
  private final long[] secondKeys = new long[TIME_SLOTS];
  private final byte[][] secondBytes = new byte[TIME_SLOTS][];

  /** Appends the ASCII bytes of {@code Double.toString(v)} to {@code out}. */
  void append(Bytes out, double v) {
    long bits = Double.doubleToRawLongBits(v);
    int slot = slot(bits, DOUBLE_SLOTS);
    byte[] text = doubleBytes[slot];
    if (text == null || doubleKeys[slot] != bits) {
      int at = out.size();
      if (appendCents(out, v)) {
        text = out.copy(at);
      } else {
        text = ascii(Double.toString(v));
        out.put(text);
      }
      doubleKeys[slot] = bits;
      doubleBytes[slot] = text;
      return;
    }
    out.put(text);
  }

  /** Appends the ASCII bytes of {@code Long.toString(v)} to {@code out}. */
  void append(Bytes out, long v) {
    if (v >= 0 && v < SMALL_LONGS) {
      byte[] text = longBytes[(int) v];
      if (text == null) {
        text = ascii(Long.toString(v));
        longBytes[(int) v] = text;
      }
      out.put(text);
    } else if (v >= 0) {
      out.digits(v);
    } else {
      out.put(ascii(Long.toString(v)));
    }
  }

  /**
   * Appends the ASCII bytes of {@link SummaryCsv#time(LocalDateTime)} of the time {@code
   * epochSecond} seconds after 1970-01-01T00:00 (whole seconds); the time is made only when not
   * cached.
   */
  void appendTime(Bytes out, long epochSecond) {
    int slot = slot(epochSecond, TIME_SLOTS);
    byte[] text = secondBytes[slot];
    if (text == null || secondKeys[slot] != epochSecond) {
      text = ascii(SummaryCsv.time(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC)));
      secondKeys[slot] = epochSecond;
      secondBytes[slot] = text;
    }
    out.put(text);
  }

  /**
   * Appends the text of {@code v} when it is the double nearest to a whole number of cents n, 0 <=
   * n < {@link #MAX_CENTS} (n / 100.0 is that double: the division rounds correctly), from n's
   * digits; else (for -0.0 too) appends nothing and returns false.
   */
  static boolean appendCents(Bytes out, double v) {
    if (!(v >= 0 && v < MAX_CENTS / 100.0) || Double.doubleToRawLongBits(v) < 0) { // not -0.0
      return false;
    }
    long n = Math.round(v * 100);
    if (n >= MAX_CENTS || n / 100.0 != v) {
      return false;
    }
    out.digits(n / 100);
    out.put((byte) '.');
    int frac = (int) (n % 100);
    out.put((byte) ('0' + frac / 10));
    if (frac % 10 != 0) {
      out.put((byte) ('0' + frac % 10));
    }
    return true;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A growing byte array: a block of the summary CSV's bytes. */
  static final class Bytes {
    private byte[] a;
    private int n;

    Bytes(int capacity) {
      a = new byte[Math.max(16, capacity)];
    }

    int size() {
      return n;
    }

    /** Empties it (tests). */
    void clear() {
      n = 0;
    }

    /** Room for {@code k} more bytes. */
    void ensure(int k) {
      if (a.length - n < k) {
        a = java.util.Arrays.copyOf(a, Math.max(2 * a.length, n + k));
      }
    }

    void put(byte b) {
      ensure(1);
      a[n++] = b;
    }

    void put(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, a, n, b.length);
      n += b.length;
    }

    /** Appends the characters of {@code s}, each below 128 (ASCII). */
    void putAscii(String s) {
      int k = s.length();
      ensure(k);
      for (int i = 0; i < k; i++) {
        a[n + i] = (byte) s.charAt(i);
      }
      n += k;
    }

    /** Appends the decimal digits of {@code v >= 0}. */
    void digits(long v) {
      int k = 1;
      for (long t = v; t >= 10; t /= 10) {
        k++;
      }
      ensure(k);
      long t = v;
      for (int i = n + k - 1; i >= n; i--) {
        a[i] = (byte) ('0' + (int) (t % 10));
        t /= 10;
      }
      n += k;
    }

    /** A copy of the bytes from {@code from} to the end. */
    byte[] copy(int from) {
      return java.util.Arrays.copyOfRange(a, from, n);
    }

    /** The bytes appended. */
    byte[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }

    void writeTo(java.io.OutputStream out) throws java.io.IOException {
      out.write(a, 0, n);
    }

    /** The bytes appended, read as UTF-8. */
    String text() {
      return new String(a, 0, n, StandardCharsets.UTF_8);
    }
  }

  private static int slot(long key, int slots) {
    long x = key * 0x9E3779B97F4A7C15L;
    return (int) (x >>> 32) & (slots - 1);
  }
}
