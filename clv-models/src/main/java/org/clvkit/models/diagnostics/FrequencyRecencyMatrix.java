package org.clvkit.models.diagnostics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import org.clvkit.core.Checks;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.PurchaseModel;

/**
 * A model's P(alive) or conditional expected purchases over a grid of histories: rows are
 * frequencies x = 0, 1, …, maxFrequency, columns are recencies t_x, all at one age T (Fader, Hardie
 * &amp; Lee 2005, "Counting your customers the easy way", figure 5; the frequency/recency matrices
 * of the BTYD software). Immutable and thread-safe; accessors return copies.
 *
 * <p>Two conventions make every cell meaningful:
 *
 * <ul>
 *   <li>A customer without repeat purchases has recency 0 by definition, so row x = 0 holds the
 *       value at (0, 0, T) in every column.
 *   <li>A cell whose history the model rejects is <b>undefined</b>: its value is NaN, {@link
 *       #isDefined(int, int)} is false, {@link #undefinedCells()} counts it and {@link #toCsv()}
 *       leaves it empty. Only model-specific rules can cause this once the grid is valid: in the
 *       discrete-time BG/BB a customer cannot buy more often than at the opportunities up to the
 *       last purchase, so cells with x &gt; t_x (or with a recency that is not whole) are
 *       undefined. For the continuous-time models every cell is defined.
 * </ul>
 *
 * <pre>{@code
 * FrequencyRecencyMatrix alive = FrequencyRecencyMatrix.probabilityAlive(
 *     model, 30, FrequencyRecencyMatrix.recencyGrid(38.86, 38), 38.86);
 * }</pre>
 */
public final class FrequencyRecencyMatrix implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The largest maxFrequency accepted, which bounds the size of the table. */
  public static final int MAX_FREQUENCY = 10_000;

  /** What the cells hold. */
  public enum Quantity {
    /** {@link PurchaseModel#probabilityAlive(double, double, double)}. */
    PROBABILITY_ALIVE,
    /**
     * {@link PurchaseModel#conditionalExpectedPurchases(double, double, double, double)} over
     * {@link FrequencyRecencyMatrix#horizon()}.
     */
    CONDITIONAL_EXPECTED_PURCHASES
  }

  private final Quantity quantity;
  private final double horizon;
  private final double age;
  private final double[] recencies;
  private final double[][] values;
  private final int undefined;

  private FrequencyRecencyMatrix(
      Quantity quantity, double horizon, double age, double[] recencies, double[][] values) {
    this.quantity = quantity;
    this.horizon = horizon;
    this.age = age;
    this.recencies = recencies;
    this.values = values;
    int count = 0;
    for (double[] row : values) {
      for (double v : row) {
        count += Double.isNaN(v) ? 1 : 0;
      }
    }
    this.undefined = count;
  }

  /**
   * P(alive) of the histories (x, t_x, T) for x = 0 … maxFrequency and t_x in {@code recencies}.
   *
   * @param model the model
   * @param maxFrequency the last row's frequency, in [0, {@value #MAX_FREQUENCY}]
   * @param recencies the columns' recencies, finite, &gt;= 0, strictly increasing, &lt;= age
   * @param age the age T of every cell, finite and &gt;= 0
   */
  public static FrequencyRecencyMatrix probabilityAlive(
      PurchaseModel model, int maxFrequency, double[] recencies, double age) {
    Checks.notNull("model", model);
    checkGrid(maxFrequency, recencies, age);
    return compute(Quantity.PROBABILITY_ALIVE, model, 0, maxFrequency, recencies, age);
  }

  /**
   * Expected purchases in the next {@code t} periods of the histories (x, t_x, T) for x = 0 …
   * maxFrequency and t_x in {@code recencies}.
   *
   * @param model the model
   * @param t the horizon, finite and &gt;= 0 (a whole number for BG/BB)
   * @param maxFrequency the last row's frequency, in [0, {@value #MAX_FREQUENCY}]
   * @param recencies the columns' recencies, finite, &gt;= 0, strictly increasing, &lt;= age
   * @param age the age T of every cell, finite and &gt;= 0
   */
  public static FrequencyRecencyMatrix conditionalExpectedPurchases(
      PurchaseModel model, double t, int maxFrequency, double[] recencies, double age) {
    Checks.notNull("model", model);
    Checks.nonNegative("t", t);
    checkGrid(maxFrequency, recencies, age);
    return compute(Quantity.CONDITIONAL_EXPECTED_PURCHASES, model, t, maxFrequency, recencies, age);
  }

  /**
   * {@code steps + 1} evenly spaced recencies from 0 to {@code age}, both included: {@code j · age
   * / steps}, the last exactly {@code age}. With a whole age and {@code steps = age} they are the
   * whole numbers 0 … age, as the discrete-time BG/BB needs.
   *
   * @param age the largest recency, finite and &gt;= 0
   * @param steps the number of intervals, &gt; 0
   */
  public static double[] recencyGrid(double age, int steps) {
    Checks.nonNegative("age", age);
    Checks.positive("steps", steps);
    double[] out = new double[steps + 1];
    for (int j = 0; j < steps; j++) {
      out[j] = j * age / steps;
    }
    out[steps] = age; // exactly, whatever the rounding of steps * age / steps
    return out;
  }

  private static void checkGrid(int maxFrequency, double[] recencies, double age) {
    Checks.integerInRange("maxFrequency", maxFrequency, 0, MAX_FREQUENCY);
    Checks.nonNegative("age", age);
    Checks.notEmpty("recencies", recencies);
    for (int j = 0; j < recencies.length; j++) {
      String name = Checks.indexed("recencies", j);
      Checks.nonNegative(name, recencies[j]);
      Checks.atMost(name, recencies[j], "age", age);
      if (j > 0) {
        Checks.greaterThan(name, recencies[j], recencies[j - 1]);
      }
    }
  }

  private static FrequencyRecencyMatrix compute(
      Quantity quantity,
      PurchaseModel model,
      double t,
      int maxFrequency,
      double[] recencies,
      double age) {
    double[][] values = new double[maxFrequency + 1][recencies.length];
    // Row x = 0: the history (0, 0, T) in every column; the model's rejection propagates.
    Arrays.fill(values[0], cell(quantity, model, t, 0, 0, age));
    for (int x = 1; x <= maxFrequency; x++) {
      for (int j = 0; j < recencies.length; j++) {
        try {
          values[x][j] = cell(quantity, model, t, x, recencies[j], age);
        } catch (ClvArgumentException impossible) {
          values[x][j] = Double.NaN; // a history the model rules out: undefined, counted
        }
      }
    }
    return new FrequencyRecencyMatrix(quantity, t, age, recencies.clone(), values);
  }

  /** One cell; a NaN from a history the model accepted is a defect, not an undefined cell. */
  private static double cell(
      Quantity quantity, PurchaseModel model, double t, double x, double recency, double age) {
    double value =
        quantity == Quantity.PROBABILITY_ALIVE
            ? model.probabilityAlive(x, recency, age)
            : model.conditionalExpectedPurchases(t, x, recency, age);
    if (Double.isNaN(value)) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT, "%s gave NaN for the history (%s, %s, %s)", model, x, recency, age));
    }
    return value;
  }

  /** What the cells hold. */
  public Quantity quantity() {
    return quantity;
  }

  /** The horizon of the expected purchases; 0 for {@link Quantity#PROBABILITY_ALIVE}. */
  public double horizon() {
    return horizon;
  }

  /** The age T of every cell. */
  public double age() {
    return age;
  }

  /** The last row's frequency; rows are frequencies 0 … maxFrequency. */
  public int maxFrequency() {
    return values.length - 1;
  }

  /** The columns' recencies, as a copy. */
  public double[] recencies() {
    return recencies.clone();
  }

  /**
   * Whether the cell's history is possible under the model.
   *
   * @param frequency the row, in [0, maxFrequency]
   * @param column the column, in [0, recencies − 1]
   */
  public boolean isDefined(int frequency, int column) {
    return !Double.isNaN(value(frequency, column));
  }

  /**
   * The cell's value; NaN exactly when the cell is undefined (see the class comment).
   *
   * @param frequency the row, in [0, maxFrequency]
   * @param column the column, in [0, recencies − 1]
   */
  public double value(int frequency, int column) {
    Checks.index("frequency", frequency, values.length);
    Checks.index("column", column, recencies.length);
    return values[frequency][column];
  }

  /** All cells, {@code [frequency][column]}, as a copy; undefined cells are NaN. */
  public double[][] values() {
    double[][] out = new double[values.length][];
    for (int x = 0; x < values.length; x++) {
      out[x] = values[x].clone();
    }
    return out;
  }

  /** The number of undefined cells (0 for the continuous-time models). */
  public int undefinedCells() {
    return undefined;
  }

  /**
   * The matrix as CSV: a header {@code frequency} followed by the recencies, then one line per
   * frequency starting with it; undefined cells are empty; lines end in {@code \n}.
   */
  public String toCsv() {
    StringBuilder out = new StringBuilder("frequency");
    for (double r : recencies) {
      Csv.number(out.append(','), r);
    }
    out.append('\n');
    for (int x = 0; x < values.length; x++) {
      out.append(x);
      for (double v : values[x]) {
        Csv.number(out.append(','), v);
      }
      out.append('\n');
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrequencyRecencyMatrix other
        && quantity == other.quantity
        && Double.compare(horizon, other.horizon) == 0
        && Double.compare(age, other.age) == 0
        && Arrays.equals(recencies, other.recencies)
        && Arrays.deepEquals(values, other.values);
  }

  @Override
  public int hashCode() {
    return quantity.hashCode() * 31 + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "FrequencyRecencyMatrix[%s, horizon=%s, age=%s, frequencies 0..%d, %d recencies, %d"
            + " undefined]",
        quantity,
        horizon,
        age,
        maxFrequency(),
        recencies.length,
        undefined);
  }
}
