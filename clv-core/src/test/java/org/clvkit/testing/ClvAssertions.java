package org.clvkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.clvkit.core.ClvArgumentException;
import org.junit.jupiter.api.function.Executable;

/** Assertions shared by clvkit tests. */
public final class ClvAssertions {
  private ClvAssertions() {}

  /**
   * Asserts that {@code call} throws a {@link ClvArgumentException} with exactly {@code message}.
   */
  public static ClvArgumentException assertRejects(String message, Executable call) {
    ClvArgumentException e = assertThrows(ClvArgumentException.class, call);
    assertEquals(message, e.getMessage());
    return e;
  }
}
