package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
}
