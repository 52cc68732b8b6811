package org.clvkit.core.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Customer ids to dense indexes 0, 1, 2, ... in the order first added: an open-addressing hash
 * table with linear probing. Each slot is one {@code long} holding the id's hash code (high half)
 * and its index + 1 (low half), so probing compares hash codes without touching the strings, and a
 * lookup allocates nothing. Not thread-safe.
 */
final class CustomerIndex implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int MAX_EXPECTED = 1 << 28;

  private String[] ids;

  /**
   * (hash << 32) | (index + 1); 0 marks an empty slot. Capacity a power of two, at most half full.
   */
  private long[] slots;

  private int size;

  CustomerIndex(int expected) {
    int n = Math.max(8, Math.min(expected, MAX_EXPECTED));
    ids = new String[n];
    slots = new long[Integer.highestOneBit(n * 2 - 1) << 1];
  }

  /** Number of ids. */
  int size() {
    return size;
  }

  /** The id with the given index. */
  String id(int index) {
    return ids[index];
  }

  /** The index of {@code id}, or -1. */
  int find(String id) {
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

  /**
   * The index of {@code id}, adding it with index {@link #size()} (before the call) when absent.
   */
  int add(String id) {
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
}
