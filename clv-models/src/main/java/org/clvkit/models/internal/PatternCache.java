package org.clvkit.models.internal;

import java.util.Arrays;

/**
 * A bounded memo of one value per (frequency, age) pattern for one batch call: customer data
 * usually repeat few distinct patterns (ages on a calendar of days or weeks, small frequencies;
 * 22,858 distinct pairs in a million synthetic CDNOW customers), and a value that depends on the
 * pattern only (an alive customer's expected purchases) is then computed once per pattern. The
 * stored values are those the caller computed, so results are bit for bit those without the memo.
 * Not thread-safe (one per call and thread); not API.
 *
 * <p>Layout, for a memo that is read once per row in no particular order: an open-addressing table
 * (linear probing) of {@code int} entry numbers, and the entries (the exact bits of frequency and
 * age, and the value) packed in the order they came. Both grow by doubling, so a batch with few
 * patterns touches a few kilobytes, and 22,858 patterns take under 1 MB (a core's L2 cache here)
 * instead of the several megabytes of a table sized for the largest batch. The memo stops taking
 * new patterns when it holds its maximum, and stops looking up once misses outnumber hits after
 * that, so that data without repeats cost little.
 */
final class PatternCache {
  /** Most patterns kept. */
  static final int MAX_PATTERNS = 1 << 16;

  /** Misses after the memo filled up before it is judged useless. */
  private static final int PATIENCE = 1024;

  private static final int INITIAL_PATTERNS = 256;

  /** Entry number + 1 per slot, 0 marking an empty slot; at most half full. */
  private int[] table;

  /** Per entry k: frequency bits at 3k, age bits at 3k + 1, value bits at 3k + 2. */
  private long[] entries;

  private int mask;
  private final int limit;
  private int size;
  private long hitsWhenFull;
  private long missesWhenFull;
  private boolean enabled = true;

  /**
   * A memo for a batch of {@code rows} rows: it keeps up to max(16, min(rows, 65,536)) patterns.
   */
  PatternCache(int rows) {
    limit = Math.max(16, Math.min(rows, MAX_PATTERNS));
    int patterns = Math.min(limit, INITIAL_PATTERNS);
    table = new int[Integer.highestOneBit(2 * patterns - 1) << 1];
    mask = table.length - 1;
    entries = new long[3 * patterns];
  }

  /**
   * The home slot: both keys mixed by the MurmurHash3 finaliser, whose every output bit depends on
   * every input bit (ages that are whole numbers have all-zero low bits).
   */
  private static int slot(long f, long t, int mask) {
    long h = f * 0x9E3779B97F4A7C15L ^ t;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return (int) h & mask;
  }

  /** The entry number of the pattern: its number when present, or −(empty slot) − 1 when absent. */
  private int find(long f, long t) {
    int s = slot(f, t, mask);
    int e;
    while ((e = table[s]) != 0) {
      int k = 3 * (e - 1);
      if (entries[k] == f && entries[k + 1] == t) {
        return e - 1;
      }
      s = (s + 1) & mask;
    }
    return -s - 1;
  }

  /**
   * The value memoised for (frequency, age), or NaN when there is none (the caller then computes it
   * and offers it to {@link #put}).
   */
  double get(double frequency, double age) {
    if (!enabled) {
      return Double.NaN;
    }
    int e = find(Double.doubleToRawLongBits(frequency), Double.doubleToRawLongBits(age));
    if (size >= limit) {
      if (e >= 0) {
        hitsWhenFull++;
      } else if (++missesWhenFull > PATIENCE && missesWhenFull > hitsWhenFull) {
        enabled = false;
      }
    }
    return e >= 0 ? Double.longBitsToDouble(entries[3 * e + 2]) : Double.NaN;
  }

  /** Memoises a value (not NaN) for (frequency, age) if there is room. */
  void put(double frequency, double age, double value) {
    if (!enabled || size >= limit) {
      return;
    }
    long f = Double.doubleToRawLongBits(frequency);
    long t = Double.doubleToRawLongBits(age);
    int e = find(f, t);
    if (e >= 0) {
      return;
    }
    if (3 * size == entries.length) {
      entries = Arrays.copyOf(entries, 2 * entries.length);
    }
    entries[3 * size] = f;
    entries[3 * size + 1] = t;
    entries[3 * size + 2] = Double.doubleToRawLongBits(value);
    table[-e - 1] = ++size;
    if (2 * size > table.length) {
      grow();
    }
  }

  /** Doubles the table and places every entry again. */
  private void grow() {
    int[] fresh = new int[2 * table.length];
    int freshMask = fresh.length - 1;
    for (int k = 0; k < size; k++) {
      int s = slot(entries[3 * k], entries[3 * k + 1], freshMask);
      while (fresh[s] != 0) {
        s = (s + 1) & freshMask;
      }
      fresh[s] = k + 1;
    }
    table = fresh;
    mask = freshMask;
  }
}
