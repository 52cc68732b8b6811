package org.clvkit.models.internal;

/**
 * A bounded memo of one value per (frequency, age) pattern for one batch call: customer data
 * usually repeat few distinct patterns (ages on a calendar of days or weeks, small frequencies;
 * 22,858 distinct pairs in a million synthetic CDNOW customers), and a value that depends on the
 * pattern only (an alive customer's expected purchases) is then computed once per pattern. Open
 * addressing with linear probing on the exact bits of both numbers; it stops taking new patterns
 * when half full, and stops looking up once misses outnumber hits after that, so that data without
 * repeats cost little. The stored values are those the caller computed, so results are bit for bit
 * those without the memo. Not thread-safe (one per call and thread); not API.
 */
final class PatternCache {
  /** Most patterns kept. */
  static final int MAX_PATTERNS = 1 << 16;

  /** Misses after the memo filled up before it is judged useless. */
  private static final int PATIENCE = 1024;

  /**
   * Three longs per slot, so that a lookup touches one place: the frequency's bits + 1 (0 marks an
   * empty slot; no valid frequency has the bits of −1, a NaN), the age's bits and the value's bits.
   */
  private final long[] slots;

  private final int mask;
  private final int limit;
  private int size;
  private long hitsWhenFull;
  private long missesWhenFull;
  private boolean enabled = true;

  /** A memo for a batch of {@code rows} rows. */
  PatternCache(int rows) {
    int patterns = Math.max(16, Math.min(rows, MAX_PATTERNS));
    int capacity = Integer.highestOneBit(patterns * 2 - 1) << 1;
    slots = new long[3 * capacity];
    mask = capacity - 1;
    limit = capacity / 2;
  }

  /** The slot of the pattern: its index when present, or −(insertion point) − 1 when absent. */
  private int find(long f, long t) {
    long h = f * 0x9E3779B97F4A7C15L + t;
    h *= 0xBF58476D1CE4E5B9L;
    int s = (int) (h ^ (h >>> 31)) & mask;
    long key;
    while ((key = slots[3 * s]) != 0) {
      if (key == f && slots[3 * s + 1] == t) {
        return s;
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
    int s = find(Double.doubleToRawLongBits(frequency) + 1, Double.doubleToRawLongBits(age));
    if (size >= limit) {
      if (s >= 0) {
        hitsWhenFull++;
      } else if (++missesWhenFull > PATIENCE && missesWhenFull > hitsWhenFull) {
        enabled = false;
      }
    }
    return s >= 0 ? Double.longBitsToDouble(slots[3 * s + 2]) : Double.NaN;
  }

  /** Memoises a value (not NaN) for (frequency, age) if there is room. */
  void put(double frequency, double age, double value) {
    if (!enabled || size >= limit) {
      return;
    }
    long f = Double.doubleToRawLongBits(frequency) + 1;
    long t = Double.doubleToRawLongBits(age);
    int s = find(f, t);
    if (s < 0) {
      s = -s - 1;
      slots[3 * s] = f;
      slots[3 * s + 1] = t;
      slots[3 * s + 2] = Double.doubleToRawLongBits(value);
      size++;
    }
  }
}
