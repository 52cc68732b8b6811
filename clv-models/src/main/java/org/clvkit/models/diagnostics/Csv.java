package org.clvkit.models.diagnostics;

/** Number formatting shared by the diagnostics' {@code toCsv()} methods. */
final class Csv {
  private Csv() {}

  /**
   * Appends a number exactly and independently of the locale: whole numbers below 1e15 without a
   * fraction ({@code 1411}), others in {@link Double#toString(double)} form ({@code 0.25}, {@code
   * 1.0E-5}); NaN as an empty cell.
   */
  static StringBuilder number(StringBuilder out, double value) {
    if (Double.isNaN(value)) {
      return out;
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return out.append((long) value);
    }
    return out.append(value);
  }
}
