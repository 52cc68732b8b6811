package org.clvkit.models.internal;

import java.io.Serializable;
import org.clvkit.core.Checks;

/**
 * The one convergence policy of the special functions in this package: a series, recurrence or
 * continued fraction stops when its estimated remainder is at most {@code epsilon} times the value
 * accumulated so far, and gives up with an {@link ArithmeticException} naming its arguments after
 * {@code maxIterations} terms. Not API.
 *
 * <p>{@link #DEFAULT} asks for the full double precision (remainder below 1e-16 of the value) and
 * allows 500,000 terms. A typical evaluation needs fewer than 50 and the model arguments of the
 * robustness grid at most a few thousand; the cap bounds the time (a few milliseconds) that a
 * hopeless evaluation spends before it gives up.
 *
 * @param epsilon relative size of the neglected remainder, in (0, 1e-3]
 * @param maxIterations largest number of terms or iterations of one evaluation, &gt; 0
 */
public record SeriesPolicy(double epsilon, int maxIterations) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Full double precision, at most 500,000 terms. */
  public static final SeriesPolicy DEFAULT = new SeriesPolicy(1e-16, 500_000);

  /** Validates the policy: {@code epsilon} in (0, 1e-3], {@code maxIterations} &gt; 0. */
  public SeriesPolicy {
    Checks.positive("epsilon", epsilon);
    Checks.inRange("epsilon", epsilon, 0.0, 1e-3);
    Checks.positive("maxIterations", maxIterations);
  }
}
