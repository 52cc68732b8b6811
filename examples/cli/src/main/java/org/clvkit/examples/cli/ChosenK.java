package org.clvkit.examples.cli;

import java.util.Locale;
import org.clvkit.models.FitReport;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.cnbd.BgCnbdModel;
import org.clvkit.models.cnbd.MbgCnbdFitter;
import org.clvkit.models.cnbd.MbgCnbdModel;

/**
 * The regularity k of the (M)BG/CNBD-k in printed fit reports. The CLI fits these models with k
 * chosen by likelihood over 1..{@value MbgCnbdFitter#DEFAULT_MAX_K} (the fitters' default grid, as
 * BTYDplus's), not estimated: the library's report holds k with standard error 0 and the interval
 * [k, k], which would read as an exact estimate, so the fit output and the report's parameter table
 * print it as chosen instead.
 */
final class ChosenK {
  private ChosenK() {}

  /** Whether {@code e} is the k of an (M)BG/CNBD-k report. */
  static boolean is(FitReport report, ParameterEstimate e) {
    String model = report.model();
    return (MbgCnbdModel.NAME.equals(model) || BgCnbdModel.NAME.equals(model))
        && "k".equals(e.name())
        && e.standardError() == 0
        && e.lower() == e.value()
        && e.upper() == e.value();
  }

  /** k as a whole number. */
  static int value(ParameterEstimate e) {
    return (int) Math.round(e.value());
  }

  /** The largest k of the grid the CLI searches. */
  static int maxK() {
    return MbgCnbdFitter.DEFAULT_MAX_K;
  }

  /** "k = 2 (chosen by likelihood over 1..12; no standard error)". */
  static String sentence(ParameterEstimate e) {
    return String.format(
        Locale.ROOT,
        "k = %d (chosen by likelihood over 1..%d; no standard error)",
        value(e),
        maxK());
  }

  /**
   * {@link FitReport#summaryTable()} with the row of a chosen k replaced by {@link #sentence}; the
   * table unchanged for other models.
   */
  static String summaryTable(FitReport report) {
    String table = report.summaryTable();
    int index = -1;
    for (int i = 0; i < report.estimates().size(); i++) {
      if (is(report, report.estimates().get(i))) {
        index = i;
      }
    }
    if (index < 0) {
      return table;
    }
    String[] lines = table.split("\n", -1);
    int header = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("parameter ")) {
        header = i;
        break;
      }
    }
    if (header < 0 || header + 1 + index >= lines.length) {
      return table;
    }
    lines[header + 1 + index] = sentence(report.estimates().get(index));
    return String.join("\n", lines);
  }
}
