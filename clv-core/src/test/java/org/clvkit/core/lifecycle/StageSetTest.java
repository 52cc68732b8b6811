package org.clvkit.core.lifecycle;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageSetTest {

  @Test
  void defaults_areTheLifecycleStagesInOrder() {
    StageSet defaults = StageSet.defaults();
    assertEquals(
        List.of("NEW", "DEVELOPING", "ESTABLISHED", "AT_RISK", "CHURNED"), defaults.names());
    for (LifecycleStage stage : LifecycleStage.values()) {
      assertEquals(stage.index(), defaults.indexOf(stage.name()));
      assertEquals(stage.name(), defaults.name(stage.index()));
    }
    assertTrue(defaults.isDefault());
    assertFalse(StageSet.of("1", "2").isDefault());
  }

  @Test
  void of_customNamesKeepOrderAndCannotBeModified() {
    List<String> names = new ArrayList<>(List.of("1", "2", "3"));
    StageSet set = new StageSet(names);
    names.set(0, "changed");
    assertEquals(List.of("1", "2", "3"), set.names());
    assertEquals(3, set.size());
    assertThrows(UnsupportedOperationException.class, () -> set.names().set(0, "x"));
  }

  @Test
  void constructor_rejectsNullEmptyBlankAndDuplicateNames() {
    assertRejects("names must not be null", () -> new StageSet(null));
    assertRejects("names must not be empty", () -> StageSet.of());
    assertRejects("names[1] must not be null", () -> new StageSet(Arrays.asList("a", null)));
    assertRejects("names[1] must not be blank, was \" \"", () -> StageSet.of("a", " "));
    assertRejects("names[2] = a duplicates names[0]", () -> StageSet.of("a", "b", "a"));
  }

  @Test
  void indexOf_rejectsUnknownName() {
    assertRejects(
        "stage must be one of [NEW, DEVELOPING, ESTABLISHED, AT_RISK, CHURNED], was LOST",
        () -> StageSet.defaults().indexOf("LOST"));
    assertRejects("stage must be in [0, 4], was 5", () -> StageSet.defaults().name(5));
  }

  @Test
  void serialization_roundTrip() {
    StageSet set = StageSet.of("active", "lapsed", "gone");
    assertEquals(set, Chains.roundTrip(set));
    assertTrue(Chains.roundTrip(StageSet.defaults()).isDefault());
  }
}
