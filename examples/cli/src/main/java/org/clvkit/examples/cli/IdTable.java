package org.clvkit.examples.cli;

import java.util.Arrays;

/**
 * Customer ids interned to dense indexes 0, 1, 2, ... in order of first appearance: an
 * open-addressing hash table of {@code int}s over one {@code String[]}, about 20 bytes per customer
 * besides the strings, so that a row is carried on as an {@code int} (4 bytes) instead of its id.
 * ASCII ids are looked up from the reader's bytes ({@link #intern}), so a known customer's row
 * makes no string.
 */
final class IdTable {
  private String[] ids = new String[1024];
  private int[] slots = new int[2048]; // index + 1, 0 = empty
  private int size;

  /** The index of {@code id}, adding it when new. */
  int index(String id) {
    int h = mix(id.hashCode());
    int mask = slots.length - 1;
    for (int s = h & mask; ; s = (s + 1) & mask) {
      int k = slots[s];
      if (k == 0) {
        if (size == ids.length) {
          ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size] = id;
        slots[s] = ++size;
        if (size * 2 > slots.length) {
          rehash();
        }
        return size - 1;
      }
      String known = ids[k - 1];
      if (known == id || known.equals(id)) {
        return k - 1;
      }
    }
  }

  /**
   * The canonical string of the ASCII id in {@code bytes[from, to)}, added when new, without making
   * a string for an id already known; null when a byte is not ASCII (the caller decodes it).
   */
  String intern(byte[] bytes, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b < 0) {
        return null;
      }
      h = 31 * h + b;
    }
    int length = to - from;
    int mask = slots.length - 1;
    for (int s = mix(h) & mask; ; s = (s + 1) & mask) {
      int k = slots[s];
      if (k == 0) {
        String id = new String(bytes, from, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        index(id);
        return id;
      }
      String known = ids[k - 1];
      if (known.length() == length && sameChars(known, bytes, from)) {
        return known;
      }
    }
  }

  private static boolean sameChars(String known, byte[] bytes, int from) {
    for (int i = 0; i < known.length(); i++) {
      if (known.charAt(i) != bytes[from + i]) {
        return false;
      }
    }
    return true;
  }

  /** The id of index {@code i}. */
  String id(int i) {
    return ids[i];
  }

  /** Number of distinct ids. */
  int size() {
    return size;
  }

  private void rehash() {
    int[] bigger = new int[slots.length * 2];
    int mask = bigger.length - 1;
    for (int i = 0; i < size; i++) {
      int s = mix(ids[i].hashCode()) & mask;
      while (bigger[s] != 0) {
        s = (s + 1) & mask;
      }
      bigger[s] = i + 1;
    }
    slots = bigger;
  }

  private static int mix(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }
}
