package org.clvkit.core.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Customer ids to dense indexes 0, 1, 2, ... in the order first added: an open-addressing hash table
 * with linear probing over an {@code int[]} of slots, so that a lookup allocates nothing. Not
 * thread-safe.
 */
final class CustomerIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  private String[] ids;
  /** Slot to index + 1; 0 marks an empty slot. Capacity a power of two, at most half full. */
  private int[] slots;
  private int size;

  CustomerIndex(int expected) {
    expected = Math.min(expected, 1 << 28);
    int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
    ids = new String[Math.max(8, expected)];
    slots = new int[capacity];
  }

  /** Number of ids. */
  int size() {
    return size;
  }

  /** The id with the given index. */
  String id(int index) {
    return ids[index];
  }

  /** The ids in index order (a copy). */
  String[] ids() {
    return Arrays.copyOf(ids, size);
  }

  /** The index of {@code id}, or -1. */
  int find(String id) {
    int mask = slots.length - 1;
    for (int s = spread(id.hashCode()) & mask; ; s = (s + 1) & mask) {
      int e = slots[s];
      if (e == 0) {
        return -1;
      }
      if (ids[e - 1].equals(id)) {
        return e - 1;
      }
    }
  }

  /** The index of {@code id}, adding it with index {@link #size()} (before the call) when absent. */
  int add(String id) {
    int mask = slots.length - 1;
    int s = spread(id.hashCode()) & mask;
    for (; ; s = (s + 1) & mask) {
      int e = slots[s];
      if (e == 0) {
        break;
      }
      if (ids[e - 1].equals(id)) {
        return e - 1;
      }
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
    }
    int index = size++;
    ids[index] = id;
    slots[s] = index + 1;
    if (size * 2 > slots.length) {
      rehash(slots.length * 2);
    }
    return index;
  }

  private void rehash(int capacity) {
    int[] fresh = new int[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < size; i++) {
      int s = spread(ids[i].hashCode()) & mask;
      while (fresh[s] != 0) {
        s = (s + 1) & mask;
      }
      fresh[s] = i + 1;
    }
    slots = fresh;
  }

  /** Mixes the bits of a hash code (Fibonacci hashing), so that similar ids spread over the table. */
  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }
}
