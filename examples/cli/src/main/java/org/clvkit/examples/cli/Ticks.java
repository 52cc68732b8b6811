package org.clvkit.examples.cli;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * The tick policy of the time axes: a step from a ladder that suits the time unit (weeks: 1, 2, 4,
 * 13, 26, 52 and multiples of a year; days: 1, 2, 7, 14, 28, 91, 182, 364 and multiples of a year;
 * other periods: 1, 2, 5, 10, 20, 50, ...), the smallest on which every label fits in the space
 * between two ticks with a gap. The same policy reads at 10, 100 and 1,000 periods.
 */
final class Ticks {
  /** The least gap between two labels, in pixels. */
  static final int GAP = 12;

  private static final double[] WEEKS = {1, 2, 4, 13, 26, 52};
  private static final double[] DAYS = {1, 2, 7, 14, 28, 91, 182, 364};
  private static final double[] OTHER = {1, 2, 5};

  private Ticks() {}

  /**
   * The step between labelled ticks.
   *
   * @param span the axis's span in periods, &gt; 0
   * @param pixels the axis's length in pixels
   * @param font the labels' font
   * @param unit the time unit (its ladder)
   */
  static double step(double span, double pixels, Font font, TimeUnit unit) {
    FontMetrics metrics = metrics(font);
    for (double step : ladder(unit)) {
      double widest = metrics.stringWidth(label(Math.floor(span / step) * step));
      if (step / span * pixels >= widest + GAP) {
        return step;
      }
    }
    throw new IllegalStateException("no step fits " + span + " periods in " + pixels + " px");
  }

  /** The ladder of steps for a unit, ascending and unbounded (up to 1e12). */
  static double[] ladder(TimeUnit unit) {
    double[] base = unit.equals(TimeUnit.WEEKS) ? WEEKS : unit.equals(TimeUnit.DAYS) ? DAYS : OTHER;
    double top = base[base.length - 1];
    java.util.List<Double> out = new java.util.ArrayList<>();
    for (double b : base) {
      out.add(b);
    }
    double scale = base == OTHER ? 10 : top;
    double[] multiples = base == OTHER ? new double[] {1, 2, 5} : new double[] {2, 5, 10};
    for (double s = scale; s < 1e12; s *= 10) {
      for (double m : multiples) {
        double v = s * m;
        if (v > out.get(out.size() - 1)) {
          out.add(v);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A tick's label: the whole number of periods. */
  static String label(double v) {
    return Long.toString(Math.round(v));
  }

  static FontMetrics metrics(Font font) {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      return g.getFontMetrics(font);
    } finally {
      g.dispose();
    }
  }
}
