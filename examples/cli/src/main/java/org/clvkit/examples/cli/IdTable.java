package org.clvkit.examples.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Customer ids interned to dense indexes 0, 1, 2, ... in order of first appearance, so that a row
 * is carried on as an {@code int} (4 bytes) instead of its id. ASCII ids are looked up from the
 * reader's bytes ({@link #internIndex}), so a known customer's row makes no string.
 *
 * <p>Two open-addressing tables share the indexes. Ids written as a plain decimal number (digits
 * only, at most 18, no leading zero but for {@code "0"}: one spelling per number) are keyed by
 * their value, which sits in the slot beside the index: one memory access per known id, which is
 * what a row of a million-customer log in random order costs (the customers' strings are far apart
 * in memory). Small values (below 8 times the ids so far, as exports' sequential ids are) skip the
 * hash: an array indexed by the value holds the index, one 4-byte access. A numeric id is kept as
 * its value, 8 bytes, and its string made only when asked for ({@link #id}; {@link #number} gives
 * the value). Every other id is keyed by its string, with its hash beside the index. An id goes to
 * the same table whichever way it arrives (bytes or string), so each id has one index.
 */
final class IdTable {
  private static final int MAX_DIGITS = 18;

  // By index: the string of an id that is not numeric (else null), and the value of a numeric one
  // (else -1); a numeric id's string is made only when asked for (see id(int)).
  private String[] ids = new String[1024];
  private long[] values = new long[1024];
  private int size;

  // Numeric ids below direct.length: index + 1 by value, 0 for an id not met; the hash table
  // below holds only larger values. Grown while it costs at most DIRECT_PER_ID ints per id.
  private int[] direct = new int[0];
  private static final int DIRECT_MIN = 1 << 16;
  private static final int DIRECT_PER_ID = 8;
  private static final int DIRECT_MAX = 1 << 30;

  // Numeric ids: slot pairs (value, index + 1); index + 1 == 0 is an empty slot.
  private long[] numbers = new long[2 * 2048];
  private int numberCount;

  // Other ids: slot pairs (hash, index + 1) packed in a long; 0 is an empty slot.
  private long[] strings = new long[2048];
  private int stringCount;

  /** The index of {@code id}, adding it when new. */
  int index(String id) {
    long value = numericValue(id);
    if (value >= 0) {
      return numberIndex(value);
    }
    int h = mix(id.hashCode());
    int mask = strings.length - 1;
    for (int s = h & mask; ; s = (s + 1) & mask) {
      long slot = strings[s];
      if (slot == 0) {
        strings[s] = pack(h, add(id));
        if (++stringCount * 2 > strings.length) {
          strings = rehashStrings(strings);
        }
        return size - 1;
      }
      if ((int) (slot >>> 32) == h) {
        String known = ids[(int) slot - 1];
        if (known == id || known.equals(id)) {
          return (int) slot - 1;
        }
      }
    }
  }

  /**
   * The index of the ASCII id in {@code bytes[from, to)}, added when new, without making a string
   * for an id already known; -1 when a byte is not ASCII (the caller decodes it).
   */
  int internIndex(byte[] bytes, int from, int to) {
    long value = numericValue(bytes, from, to);
    if (value >= 0) {
      return numberIndex(value);
    }
    return internString(bytes, from, to);
  }

  /**
   * The value of the id in {@code bytes[from, to)} when it is numeric (a plain decimal number of at
   * most 18 digits, no leading zero but for {@code "0"}: keyed by its value here), else -1. Needs
   * no table: the reader's parsing threads compute it, and this thread passes it to {@link
   * #internNumber}.
   */
  static long numericValue(byte[] bytes, int from, int to) {
    int length = to - from;
    if (length <= 0 || length > MAX_DIGITS || (bytes[from] == '0' && length > 1)) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = bytes[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  /**
   * The index of the numeric id of value {@code value} (from {@link #numericValue(byte[], int,
   * int)}), added when new: as {@link #internIndex} of its bytes.
   */
  int internNumber(long value) {
    return numberIndex(value);
  }

  /** {@link #find}'s mark for an ASCII id that is not numeric (its hash given). */
  static final long STRING_ID = -1;

  /** {@link #find}'s mark for an id it does not look up (not ASCII). */
  static final long OTHER_ID = -2;

  /**
   * The key of the id in {@code bytes[from, to)} for {@link #find}: its {@link #numericValue}, or
   * {@link #STRING_ID} (then {@link #stringHash} is its hash), or {@link #OTHER_ID}.
   */
  static long key(byte[] bytes, int from, int to) {
    long value = numericValue(bytes, from, to);
    if (value >= 0) {
      return value;
    }
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        return OTHER_ID;
      }
    }
    return STRING_ID;
  }

  /** The hash that keys the ASCII id in {@code bytes[from, to)} in the table of string ids. */
  static int stringHash(byte[] bytes, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + bytes[i];
    }
    return mix(h);
  }

  /**
   * Looks up, without adding any, the ids of rows {@code [from, to)}: {@code known[i - from]} is
   * the index + 1 of a known id, or 0 (an id not met, not looked up, or not found at the first slot
   * of its hash, which the caller interns one by one, in order). For a log of a million customers
   * in random order each lookup is a cache miss; these are independent, so the processor overlaps
   * them, where one by one (each followed by the rest of its row's work) they come one after the
   * other. An index never changes once given, so a hit stays right while the caller interns the
   * misses. Row {@code i}'s id is {@code bytes[idFrom[i], idTo[i])}, its {@link #key} {@code
   * keys[i]} and, for a string id, its {@link #stringHash} {@code hashes[i]}. Numeric ids are
   * looked up in the direct table or the hash table, string ids at the first slot of their hash (a
   * collision is left to the caller); a string id's text is compared in a second loop, so that the
   * loads of each loop are independent of one another.
   */
  void find(
      long[] keys,
      int[] hashes,
      byte[] bytes,
      int[] idFrom,
      int[] idTo,
      int from,
      int to,
      int[] known) {
    int[] d = direct;
    int n = d.length;
    long[] numberSlots = numbers;
    int numberMask = (numberSlots.length >>> 1) - 1;
    long[] stringSlots = strings;
    int stringMask = stringSlots.length - 1;
    boolean anyString = false;
    for (int i = from; i < to; i++) {
      long v = keys[i];
      int k = 0;
      if (v >= 0) {
        if (v < n) {
          k = d[(int) v];
        } else {
          for (int s = mix64(v) & numberMask; ; s = (s + 1) & numberMask) {
            long e = numberSlots[2 * s + 1];
            if (e == 0 || numberSlots[2 * s] == v) {
              k = (int) e;
              break;
            }
          }
        }
      } else if (v == STRING_ID) {
        int h = hashes[i];
        long slot = stringSlots[h & stringMask];
        k = slot != 0 && (int) (slot >>> 32) == h ? (int) slot : 0;
        anyString |= k != 0;
      }
      known[i - from] = k;
    }
    if (anyString) {
      // three loops, each of loads independent from row to row: the candidates' strings, their
      // lengths (the string and its array), then their characters
      if (candidates.length < to - from) {
        candidates = new String[to - from];
        lengths = new int[to - from];
      }
      String[] names = ids;
      String[] found = candidates;
      for (int i = from; i < to; i++) {
        int k = known[i - from];
        found[i - from] = k != 0 && keys[i] == STRING_ID ? names[k - 1] : null;
      }
      int[] length = lengths;
      for (int i = from; i < to; i++) {
        String name = found[i - from];
        length[i - from] = name == null ? -1 : name.length();
      }
      for (int i = from; i < to; i++) {
        String name = found[i - from];
        if (name != null) {
          if (length[i - from] != idTo[i] - idFrom[i] || !sameChars(name, bytes, idFrom[i])) {
            known[i - from] = 0;
          }
          found[i - from] = null;
        }
      }
    }
  }

  // find's scratch: candidate strings and their lengths
  private String[] candidates = new String[0];
  private int[] lengths = new int[0];

  /** The index of the non-numeric ASCII id in {@code bytes[from, to)}, or -1 (not ASCII). */
  private int internString(byte[] bytes, int from, int to) {
    int length = to - from;
    int h = 0;
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b < 0) {
        return -1;
      }
      h = 31 * h + b;
    }
    int mixed = mix(h);
    int mask = strings.length - 1;
    for (int s = mixed & mask; ; s = (s + 1) & mask) {
      long slot = strings[s];
      if (slot == 0) {
        strings[s] = pack(mixed, add(new String(bytes, from, length, StandardCharsets.ISO_8859_1)));
        if (++stringCount * 2 > strings.length) {
          strings = rehashStrings(strings);
        }
        return size - 1;
      }
      if ((int) (slot >>> 32) == mixed) {
        String known = ids[(int) slot - 1];
        if (known.length() == length && sameChars(known, bytes, from)) {
          return (int) slot - 1;
        }
      }
    }
  }

  /** The index of a numeric id (its string is not kept: {@link #id} makes it when asked). */
  private int numberIndex(long value) {
    if (value < direct.length || growDirect(value)) {
      int k = direct[(int) value];
      if (k != 0) {
        return k - 1;
      }
      int added = addNumber(value);
      direct[(int) value] = added;
      return added - 1;
    }
    int mask = (numbers.length >>> 1) - 1;
    for (int s = mix64(value) & mask; ; s = (s + 1) & mask) {
      long k = numbers[2 * s + 1];
      if (k == 0) {
        numbers[2 * s] = value;
        numbers[2 * s + 1] = addNumber(value);
        if (++numberCount * 2 > (numbers.length >>> 1)) {
          rehashNumbers(numbers.length * 2);
        }
        return size - 1;
      }
      if (numbers[2 * s] == value) {
        return (int) k - 1;
      }
    }
  }

  /**
   * Grows {@link #direct} to a power of two above {@code value}, at least doubling it, when that
   * costs at most {@link #DIRECT_PER_ID} ints per id (or {@link #DIRECT_MIN} in all), moving the
   * hash table's values it now covers.
   */
  private boolean growDirect(long value) {
    long length =
        Math.max(DIRECT_MIN, Math.max(2L * direct.length, Long.highestOneBit(value) << 1));
    if (length > DIRECT_MAX || length > Math.max(DIRECT_MIN, (long) DIRECT_PER_ID * (size + 1))) {
      return false;
    }
    direct = Arrays.copyOf(direct, (int) length);
    if (numberCount > 0) {
      long[] old = numbers;
      for (int q = 0; q < old.length; q += 2) {
        if (old[q + 1] != 0 && old[q] < length) {
          direct[(int) old[q]] = (int) old[q + 1];
          old[q + 1] = 0;
          numberCount--;
        }
      }
      rehashNumbers(old.length);
    }
    return true;
  }

  /** The value of an id written as a plain decimal number of at most 18 digits, else -1. */
  private static long numericValue(String id) {
    int length = id.length();
    if (length == 0 || length > MAX_DIGITS || (id.charAt(0) == '0' && length > 1)) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < length; i++) {
      int d = id.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  /** Appends the non-numeric {@code id}; returns its index + 1. */
  private int add(String id) {
    grow();
    ids[size] = id;
    values[size] = -1;
    return ++size;
  }

  /** Appends a numeric id; returns its index + 1. */
  private int addNumber(long value) {
    grow();
    values[size] = value;
    return ++size;
  }

  private void grow() {
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
  }

  private static long pack(int hash, int indexPlusOne) {
    return ((long) hash << 32) | (indexPlusOne & 0xffffffffL);
  }

  private static boolean sameChars(String known, byte[] bytes, int from) {
    for (int i = 0; i < known.length(); i++) {
      if (known.charAt(i) != bytes[from + i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Frees the lookup tables once every id is in (about 40 bytes per customer): {@link #id} and
   * {@link #size} still answer; {@link #index} and {@link #internIndex} must not be called again.
   */
  void freeLookup() {
    numbers = null;
    strings = null;
    direct = null;
  }

  /** The id of index {@code i} (for a numeric id, a new string each time). */
  String id(int i) {
    String id = ids[i];
    return id != null ? id : Long.toString(values[i]);
  }

  /**
   * The value of index {@code i} when its id is numeric (a plain decimal of at most 18 digits, no
   * leading zero: {@code Long.toString} of the value spells it), else -1.
   */
  long number(int i) {
    return values[i];
  }

  /** The slots of the table of string ids (tests). */
  int stringSlots() {
    return strings.length;
  }

  /** The length of the direct table (tests). */
  int directLength() {
    return direct.length;
  }

  /** Number of distinct ids. */
  int size() {
    return size;
  }

  private static long[] rehashStrings(long[] old) {
    long[] bigger = new long[old.length * 2];
    int mask = bigger.length - 1;
    for (long slot : old) {
      if (slot != 0) {
        int s = (int) (slot >>> 32) & mask;
        while (bigger[s] != 0) {
          s = (s + 1) & mask;
        }
        bigger[s] = slot;
      }
    }
    return bigger;
  }

  private void rehashNumbers(int length) {
    long[] old = numbers;
    long[] bigger = new long[length];
    int mask = (bigger.length >>> 1) - 1;
    for (int q = 0; q < old.length; q += 2) {
      if (old[q + 1] != 0) {
        int s = mix64(old[q]) & mask;
        while (bigger[2 * s + 1] != 0) {
          s = (s + 1) & mask;
        }
        bigger[2 * s] = old[q];
        bigger[2 * s + 1] = old[q + 1];
      }
    }
    numbers = bigger;
  }

  /** Murmur3's 32-bit finaliser: every bit of {@code h} moves the low bits that pick the slot. */
  private static int mix(int h) {
    int x = h;
    x ^= x >>> 16;
    x *= 0x85EBCA6B;
    x ^= x >>> 13;
    x *= 0xC2B2AE35;
    return x ^ (x >>> 16);
  }

  /** Murmur3's 64-bit finaliser, folded to 32 bits. */
  private static int mix64(long v) {
    long x = v;
    x ^= x >>> 33;
    x *= 0xFF51AFD7ED558CCDL;
    x ^= x >>> 33;
    x *= 0xC4CEB9FE1A85EC53L;
    x ^= x >>> 33;
    return (int) x;
  }
}
