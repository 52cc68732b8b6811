package org.clvkit.core.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Customer ids to dense indexes 0, 1, 2, ... in the order first added: an open-addressing hash
 * table with linear probing. Not thread-safe.
 *
 * <p>Ids are strings, or {@code long}s standing for the strings {@link Long#toString(long)} gives
 * (so that 42L and "42" are the same customer). While every id added is a {@code long} the table
 * keeps them as such: each slot is two {@code long}s, the id and its index + 1, so that a lookup
 * touches one place and allocates nothing. The first string id turns the table into a string table,
 * converting the ids so far. In a string table each slot is one {@code long} holding the id's hash
 * code (high half) and its index + 1 (low half), so probing compares hash codes without touching
 * the strings; {@code long} ids are then added as their strings.
 */
final class CustomerIndex implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final int MAX_EXPECTED = 1 << 28;

  /** Whether the ids are kept as longs: true until the first string id. */
  private boolean longKeys = true;

  /** String ids by index (string table). */
  private String[] ids;

  /** Long ids by index (long table). */
  private long[] longIds;

  /**
   * String table: {@code (hash << 32)} | (index + 1), 0 marking an empty slot. Long table: id,
   * index + 1 at 2s and 2s + 1. Capacity (slots) a power of two, at most half full.
   */
  private long[] slots;

  private int size;

  CustomerIndex(int expected) {
    int n = Math.max(8, Math.min(expected, MAX_EXPECTED));
    longIds = new long[n];
    slots = new long[2 * capacityFor(n)];
  }

  private static int capacityFor(int n) {
    return Integer.highestOneBit(n * 2 - 1) << 1;
  }

  /** Number of ids. */
  int size() {
    return size;
  }

  /** Whether every id so far was added as a {@code long}. */
  boolean hasLongKeys() {
    return longKeys;
  }

  /** The id with the given index (for a long id, its string). */
  String id(int index) {
    return longKeys ? Long.toString(longIds[index]) : ids[index];
  }

  /** The long id with the given index; only while {@link #hasLongKeys()}. */
  long longId(int index) {
    return longIds[index];
  }

  /** The index of {@code id}, or -1. */
  int find(String id) {
    if (longKeys) {
      long key = parseCanonical(id);
      return key == NOT_CANONICAL ? -1 : find(key);
    }
    int hash = id.hashCode();
    int mask = slots.length - 1;
    for (int s = spread(hash) & mask; ; s = (s + 1) & mask) {
      long e = slots[s];
      if (e == 0) {
        return -1;
      }
      int index = (int) e - 1;
      if ((int) (e >>> 32) == hash && ids[index].equals(id)) {
        return index;
      }
    }
  }

  /** The index of the long id, or -1. */
  int find(long id) {
    if (!longKeys || id == Long.MIN_VALUE) {
      return find(Long.toString(id));
    }
    int mask = (slots.length >>> 1) - 1;
    for (int s = spread(id) & mask; ; s = (s + 1) & mask) {
      long index = slots[2 * s + 1];
      if (index == 0) {
        return -1;
      }
      if (slots[2 * s] == id) {
        return (int) index - 1;
      }
    }
  }

  /**
   * The index of {@code id}, adding it with index {@link #size()} (before the call) when absent.
   */
  int add(String id) {
    if (longKeys) {
      if (size == 0) {
        toStrings();
      } else {
        long key = parseCanonical(id);
        if (key != NOT_CANONICAL) {
          return add(key);
        }
        toStrings();
      }
    }
    int hash = id.hashCode();
    int mask = slots.length - 1;
    int s = spread(hash) & mask;
    for (; ; s = (s + 1) & mask) {
      long e = slots[s];
      if (e == 0) {
        break;
      }
      int index = (int) e - 1;
      if ((int) (e >>> 32) == hash && ids[index].equals(id)) {
        return index;
      }
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
    }
    int index = size++;
    ids[index] = id;
    slots[s] = slot(hash, index);
    if (size * 2 > slots.length) {
      rehash(slots.length * 2);
    }
    return index;
  }

  /**
   * The index of the long id, adding it with index {@link #size()} (before the call) when absent.
   */
  int add(long id) {
    if (!longKeys || id == Long.MIN_VALUE) {
      // Long.MIN_VALUE is the table's "not a canonical long" mark: kept as a string.
      return add(Long.toString(id));
    }
    int mask = (slots.length >>> 1) - 1;
    int s = spread(id) & mask;
    for (; ; s = (s + 1) & mask) {
      long index = slots[2 * s + 1];
      if (index == 0) {
        break;
      }
      if (slots[2 * s] == id) {
        return (int) index - 1;
      }
    }
    if (size == longIds.length) {
      longIds = Arrays.copyOf(longIds, size * 2);
    }
    int index = size++;
    longIds[index] = id;
    slots[2 * s] = id;
    slots[2 * s + 1] = index + 1L;
    if (size * 2 > slots.length >>> 1) {
      rehashLongs(slots.length);
    }
    return index;
  }

  /** The index in this table of entry {@code j} of {@code other}, adding it when absent. */
  int addFrom(CustomerIndex other, int j) {
    return other.longKeys ? add(other.longIds[j]) : add(other.ids[j]);
  }

  private void rehash(int capacity) {
    long[] fresh = new long[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < size; i++) {
      int hash = ids[i].hashCode();
      int s = spread(hash) & mask;
      while (fresh[s] != 0) {
        s = (s + 1) & mask;
      }
      fresh[s] = slot(hash, i);
    }
    slots = fresh;
  }

  private void rehashLongs(int capacity) {
    long[] fresh = new long[2 * capacity];
    int mask = capacity - 1;
    for (int i = 0; i < size; i++) {
      long id = longIds[i];
      int s = spread(id) & mask;
      while (fresh[2 * s + 1] != 0) {
        s = (s + 1) & mask;
      }
      fresh[2 * s] = id;
      fresh[2 * s + 1] = i + 1L;
    }
    slots = fresh;
  }

  /** Turns the long table into a string table with the same ids and indexes. */
  private void toStrings() {
    ids = new String[Math.max(8, longIds.length)];
    for (int i = 0; i < size; i++) {
      ids[i] = Long.toString(longIds[i]);
    }
    longIds = null;
    longKeys = false;
    rehash(Math.max(16, slots.length >>> 1));
  }

  private static final long NOT_CANONICAL = Long.MIN_VALUE;

  /**
   * The long whose {@link Long#toString(long)} is {@code id}, or {@link #NOT_CANONICAL} when there
   * is none (leading zeros or plus sign, other characters, out of range) or it is {@link
   * Long#MIN_VALUE} itself, which tables keep as a string.
   */
  static long parseCanonical(String id) {
    int length = id.length();
    if (length == 0 || length > 20) {
      return NOT_CANONICAL;
    }
    boolean negative = id.charAt(0) == '-';
    int start = negative ? 1 : 0;
    if (start == length || (id.charAt(start) == '0' && (length - start > 1 || negative))) {
      return NOT_CANONICAL;
    }
    long value = 0;
    for (int i = start; i < length; i++) {
      int digit = id.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return NOT_CANONICAL;
      }
      if (value > (Long.MAX_VALUE - digit) / 10) {
        return NOT_CANONICAL;
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  private static long slot(int hash, int index) {
    return ((long) hash << 32) | (index + 1L);
  }

  /**
   * Mixes the bits of a hash code (Fibonacci hashing), so that similar ids spread over the table.
   */
  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }

  /** Mixes a long id (the finaliser of SplitMix64), so that dense ids spread over the table. */
  static int spread(long id) {
    long z = id * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (int) (z ^ (z >>> 31));
  }
}
