package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;

/**
 * The id table gives each id one index whichever way it arrives (the reader's bytes or a decoded
 * string), numeric ids (keyed by value) and other ids (keyed by string) alike, and keeps ids that
 * differ only in spelling apart ({@code 7}, {@code 07}, {@code 7.0}).
 */
class IdTableTest {
  private static int viaBytes(IdTable t, String id) {
    byte[] b = (" " + id + " ").getBytes(StandardCharsets.ISO_8859_1);
    return t.internIndex(b, 1, b.length - 1);
  }

  @Test
  void index_sameIdBytesOrString_oneIndexInOrderOfFirstAppearance() {
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    IdTable t = new IdTable();
    List<String> order = new ArrayList<>();
    for (int row = 0; row < 200_000; row++) {
      int c = random.nextInt(50_000);
      String id =
          switch (c % 5) {
            case 0 -> Integer.toString(c);
            case 1 -> "0" + c;
            case 2 -> "c" + c;
            case 3 -> Long.toString(100_000_000_000_000_000L + c); // 18 digits
            default -> Long.toString(1_000_000_000_000_000_000L + c); // 19 digits: a string key
          };
      int k = random.nextBoolean() ? t.index(id) : viaBytes(t, id);
      if (k == order.size()) {
        order.add(id);
      }
      assertEquals(id, order.get(k));
      assertEquals(k, t.index(id));
      assertEquals(k, viaBytes(t, id));
    }
    assertEquals(order.size(), t.size());
    t.freeLookup();
    assertEquals(order.size(), t.size());
    for (int k = 0; k < order.size(); k++) {
      assertEquals(order.get(k), t.id(k));
    }
  }

  @Test
  void index_spellingsOfOneNumber_distinctIds() {
    IdTable t = new IdTable();
    assertEquals(0, viaBytes(t, "7"));
    assertEquals(1, t.index("07"));
    assertEquals(2, viaBytes(t, "7.0"));
    assertEquals(3, t.index("0"));
    assertEquals(4, viaBytes(t, "00"));
    assertEquals(0, t.index("7"));
    assertEquals(1, viaBytes(t, "07"));
    assertEquals(3, viaBytes(t, "0"));
    assertEquals("07", t.id(1));
  }

  @Test
  void internIndex_nonAscii_minusOne() {
    IdTable t = new IdTable();
    byte[] b = "Müller".getBytes(StandardCharsets.UTF_8);
    assertEquals(-1, t.internIndex(b, 0, b.length));
    assertEquals(0, t.size());
  }

  @Test
  void index_numericIdsMovingFromHashToDirectTable_keepTheirIndexes() {
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    IdTable t = new IdTable();
    java.util.Map<Long, Integer> seen = new java.util.HashMap<>();
    // Values up to 4M in random order: large ones go to the hash table first and move to the
    // direct table as it grows with the ids met.
    for (int row = 0; row < 1_500_000; row++) {
      long value = row < 1_000 ? random.nextLong(4_000_000) : random.nextLong(600_000);
      if (row % 97 == 0) {
        value = 1_000_000_000_000L + random.nextInt(1_000);
      }
      String id = Long.toString(value);
      int k = random.nextBoolean() ? t.index(id) : viaBytes(t, id);
      Integer before = seen.putIfAbsent(value, k);
      assertEquals(before == null ? seen.size() - 1 : before, k, id);
    }
    assertEquals(seen.size(), t.size());
    t.freeLookup();
    for (var e : seen.entrySet()) {
      assertEquals(e.getKey(), t.number(e.getValue()));
      assertEquals(Long.toString(e.getKey()), t.id(e.getValue()));
    }
    IdTable u = new IdTable();
    assertEquals(0, u.index("c1"));
    assertEquals(-1, u.number(0));
  }

  @Test
  void findThenIntern_inChunks_sameIndexesAsOneByOne() {
    // The reader's batched lookup: find over a chunk of rows, then the misses interned in order.
    // Ids repeat within a chunk, an id new in a chunk comes again in it, the direct table grows
    // (and takes over hash-table values) and the string table is rehashed in the middle of a
    // chunk; numeric ids in the hash table, string ids and ids not ASCII mix in.
    SplittableRandom random = new SplittableRandom(Seeded.SEED);
    IdTable batched = new IdTable();
    IdTable oneByOne = new IdTable();
    int chunk = 256;
    long[] keys = new long[chunk];
    int[] hashes = new int[chunk];
    int[] from = new int[chunk];
    int[] to = new int[chunk];
    int[] known = new int[chunk];
    int[] hits = new int[3];
    int grownInChunk = 0;
    int rehashedInChunk = 0;
    for (int round = 0; round < 4_000; round++) {
      int n = 1 + random.nextInt(chunk);
      java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
      for (int i = 0; i < n; i++) {
        String id =
            switch (random.nextInt(12)) {
              case 0 -> Long.toString(random.nextLong(8L * (batched.size() + 1) + 70_000));
              case 1 -> Long.toString(1_000_000_000_000L + random.nextInt(5_000)); // hash table
              case 2 -> i > 0 ? idAt(text, from, to, random.nextInt(i)) : "5"; // again
              case 3, 4 -> "c" + random.nextInt(1 + 8 * round); // strings: the table grows
              case 5 -> random.nextInt(10) == 0 ? "é" + random.nextInt(50) : "07"; // not keyed
              case 6 -> sameHash(random.nextInt(16)); // equal hashes, different texts
              default -> Long.toString(random.nextLong(20_000 + 4L * round));
            };
        text.write(' ');
        from[i] = text.size();
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        text.write(b, 0, b.length);
        to[i] = text.size();
      }
      byte[] bytes = text.toByteArray();
      for (int i = 0; i < n; i++) {
        keys[i] = IdTable.key(bytes, from[i], to[i]);
        hashes[i] = keys[i] == IdTable.STRING_ID ? IdTable.stringHash(bytes, from[i], to[i]) : 0;
      }
      batched.find(keys, hashes, bytes, from, to, 0, n, known);
      int directBefore = batched.directLength();
      int stringsBefore = batched.stringSlots();
      for (int i = 0; i < n; i++) {
        int k =
            known[i] != 0
                ? known[i] - 1
                : keys[i] >= 0
                    ? batched.internNumber(keys[i])
                    : batched.internIndex(bytes, from[i], to[i]);
        if (known[i] != 0) {
          hits[keys[i] == IdTable.STRING_ID ? 0 : keys[i] < batched.directLength() ? 1 : 2]++;
        }
        String id = new String(bytes, from[i], to[i] - from[i], StandardCharsets.UTF_8);
        assertEquals(oneByOne.internIndex(bytes, from[i], to[i]), k, id);
      }
      grownInChunk += batched.directLength() > directBefore ? 1 : 0;
      rehashedInChunk += batched.stringSlots() > stringsBefore ? 1 : 0;
    }
    assertEquals(oneByOne.size(), batched.size());
    assertTrue(hits[0] > 50_000 && hits[1] > 50_000 && hits[2] > 10_000, Arrays.toString(hits));
    assertTrue(grownInChunk >= 2, "chunks in which the direct table grew: " + grownInChunk);
    assertTrue(rehashedInChunk >= 3, "chunks in which the string table grew: " + rehashedInChunk);
    for (int k = 0; k < batched.size(); k++) {
      assertEquals(oneByOne.id(k), batched.id(k));
    }
  }

  /** One of 16 ids of one {@code String.hashCode} ("Aa" and "BB" hash alike). */
  private static String sameHash(int bits) {
    StringBuilder id = new StringBuilder();
    for (int k = 0; k < 4; k++) {
      id.append((bits >> k & 1) == 0 ? "Aa" : "BB");
    }
    return id.toString();
  }

  private static String idAt(java.io.ByteArrayOutputStream text, int[] from, int[] to, int i) {
    byte[] b = text.toByteArray();
    return new String(b, from[i], to[i] - from[i], StandardCharsets.UTF_8);
  }

  @Test
  void numericValue_theSpellingsKeyedByValue() {
    for (String id : new String[] {"0", "7", "123456789012345678"}) {
      byte[] b = (" " + id + " ").getBytes(StandardCharsets.ISO_8859_1);
      assertEquals(Long.parseLong(id), IdTable.numericValue(b, 1, b.length - 1));
    }
    for (String id :
        new String[] {"", "00", "07", "1234567890123456789", "7.0", "-7", "c7", "7 "}) {
      byte[] b = id.getBytes(StandardCharsets.ISO_8859_1);
      assertEquals(-1, IdTable.numericValue(b, 0, b.length), id);
    }
  }
}
