package org.clvkit.core.lifecycle;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.clvkit.core.Checks;

/**
 * An ordered list of named lifecycle stages; a stage's position is its index in every {@link
 * TransitionMatrix}, stage sequence and margin vector used with it. {@link #defaults()} holds the
 * names of {@link LifecycleStage}; {@link #of(String...)} builds custom sets, for example the
 * recency states {@code "1", "2", …, "5"} of Pfeifer and Carraway (2000).
 *
 * @param names the stage names: at least one, none blank, no duplicates (compared exactly)
 */
public record StageSet(List<String> names) implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final StageSet DEFAULTS = defaultSet();

  /** Validates the names and keeps an unmodifiable copy of them. */
  public StageSet {
    Checks.notNull("names", names);
    if (names.isEmpty()) {
      throw Checks.fail("names must not be empty");
    }
    List<String> copy = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      String name = Checks.notBlank(Checks.indexed("names", i), names.get(i));
      int previous = copy.indexOf(name);
      if (previous >= 0) {
        throw Checks.fail(
            "%s = %s duplicates %s",
            Checks.indexed("names", i), name, Checks.indexed("names", previous));
      }
      copy.add(name);
    }
    names = List.copyOf(copy);
  }

  /**
   * The default stages NEW, DEVELOPING, ESTABLISHED, AT_RISK, CHURNED (see {@link LifecycleStage}).
   */
  public static StageSet defaults() {
    return DEFAULTS;
  }

  /** A custom stage set with the given names, in order. */
  public static StageSet of(String... names) {
    Checks.notNull("names", names);
    return new StageSet(Arrays.asList(names));
  }

  /** The number of stages. */
  public int size() {
    return names.size();
  }

  /** The name of the stage at {@code index}. */
  public String name(int index) {
    return names.get(Checks.index("stage", index, names.size()));
  }

  /**
   * The index of the stage called {@code name}.
   *
   * @throws org.clvkit.core.ClvArgumentException {@code stage must be one of [NEW, …], was FOO}
   *     when there is no such stage
   */
  public int indexOf(String name) {
    return indexOf("stage", name);
  }

  /** As {@link #indexOf(String)}, naming {@code field} in the message. */
  int indexOf(String field, String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw Checks.fail("%s must be one of %s, was %s", field, names, name);
    }
    return index;
  }

  /** Whether this is the default set, whose stages are those of {@link LifecycleStage}. */
  public boolean isDefault() {
    return equals(DEFAULTS);
  }

  /** The stage at {@code index} with its name, as messages show it: {@code 3 (AT_RISK)}. */
  String label(int index) {
    return index + " (" + names.get(index) + ")";
  }

  private static StageSet defaultSet() {
    List<String> names = new ArrayList<>();
    for (LifecycleStage stage : LifecycleStage.values()) {
      names.add(stage.name());
    }
    return new StageSet(names);
  }
}
