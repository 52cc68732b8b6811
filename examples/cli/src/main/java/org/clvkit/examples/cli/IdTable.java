package org.clvkit.examples.cli;

import java.util.Arrays;

/**
 * Customer ids interned to dense indexes 0, 1, 2, ... in order of first appearance: an
 * open-addressing hash table of {@code int}s over one {@code String[]}, about 20 bytes per customer
 * besides the strings, so that a row is carried on as an {@code int} (4 bytes) instead of its id.
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
