package org.clvkit.models.io;

import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.clvkit.core.Checks;

/**
 * Where a saved model came from, as the caller states it when saving: the time unit the model's
 * times and rates are in, and when it was fitted. The rest of the provenance is taken from the
 * model and the library: the clvkit version that wrote the file, and the number of customers and
 * patterns from the model's {@link org.clvkit.models.FitReport}.
 *
 * <p>Why passed at save time rather than kept by the model: a fitter sees numbers, not the caller's
 * calendar, so it cannot know that a period is a week ("no hidden calendars"), and a fit date kept
 * in the model would make two fits of the same data unequal. A record given to {@link
 * ModelFiles#save} keeps models and fit reports as they are.
 *
 * @param timeUnit the model's period as the caller names it, for example {@code "week"}, {@code
 *     "day"}, or {@code "year (donation opportunity)"}; not blank
 * @param fitDate when the model was fitted (or, for a model built from known parameters, when they
 *     were set)
 */
public record Provenance(String timeUnit, Instant fitDate) implements Serializable {

  /** Validates that the time unit is not blank and the date is present. */
  public Provenance {
    Checks.notBlank("timeUnit", timeUnit);
    Checks.notNull("fitDate", fitDate);
  }

  /**
   * Provenance with the current time, to the second, as the fit date: for saving a model right
   * after fitting it.
   *
   * @param timeUnit the model's period as the caller names it, not blank
   */
  public static Provenance now(String timeUnit) {
    return new Provenance(timeUnit, Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }
}
