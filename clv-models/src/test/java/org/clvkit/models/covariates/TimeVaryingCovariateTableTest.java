package org.clvkit.models.covariates;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TimeVaryingCovariateTableTest {
  private static final double JAN_1 = LocalDate.parse("2024-01-01").toEpochDay();
  private static final double JAN_10 = LocalDate.parse("2024-01-10").toEpochDay();

  private static void rejects(Executable call, String message) {
    assertRejects(message, call);
  }

  private static TimeVaryingCovariateTable read(String text) throws IOException {
    return TimeVaryingCovariateTable.read(new StringReader(text), "tv.csv", "id", "week");
  }

  @Test
  void alignTo_weeklyPeriodsInTheCustomersClock() throws IOException {
    // Unsorted rows; customer b's first purchase is 9 days after the 2024-01-01 period start.
    TimeVaryingCovariateTable table =
        read(
            "id,week,promo\n"
                + "a,2024-01-08,1\n"
                + "a,2024-01-01,0\n"
                + "b,2024-01-08,0.5\n"
                + "a,2024-01-15,1\n"
                + "b,2024-01-15,2\n"
                + "b,2024-01-22,3\n");
    TimeVaryingCovariateTable.Alignment aligned =
        table.alignTo(
            List.of("b", "a"), new double[] {JAN_10, JAN_1}, new double[] {2, 3}, 7, false);
    TimeVaryingCovariates tv = aligned.covariates();
    assertEquals(List.of("promo"), tv.names());
    assertArrayEquals(new int[] {0, 3, 6}, tv.offsets());
    assertArrayEquals(new double[] {-2.0 / 7, 5.0 / 7, 12.0 / 7, 0, 1, 2}, tv.starts(), 1e-15);
    assertArrayEquals(new double[] {0.5, 2, 3, 0, 1, 1}, tv.values());
    assertArrayEquals(new int[] {0, 1}, aligned.keptRows());
  }

  @Test
  void alignTo_gapNamesTheLines() throws IOException {
    TimeVaryingCovariateTable table = read("id,week,promo\na,2024-01-01,0\na,2024-01-15,1\n");
    rejects(
        () -> table.alignTo(List.of("a"), new double[] {JAN_1}, new double[] {2}, 7, false),
        "tv.csv: customer a: gap between line 2 (2024-01-01) and line 3 (2024-01-15): they"
            + " start 14 days apart, a period is 7.0 days");
  }

  @Test
  void alignTo_overlapNamesTheLines() throws IOException {
    TimeVaryingCovariateTable table =
        read("id,week,promo\na,2024-01-01,0\na,2024-01-08,1\na,2024-01-08,2\n");
    rejects(
        () -> table.alignTo(List.of("a"), new double[] {JAN_1}, new double[] {1}, 7, false),
        "tv.csv: customer a: the periods of line 3 (2024-01-08) and line 4 (2024-01-08)"
            + " overlap: they start 0 days apart, a period is 7.0 days");
  }

  @Test
  void alignTo_windowNotCoveredIsAnError() throws IOException {
    TimeVaryingCovariateTable table = read("id,week,promo\na,2024-01-08,0\na,2024-01-15,1\n");
    rejects(
        () -> table.alignTo(List.of("a"), new double[] {JAN_1}, new double[] {1}, 7, false),
        "tv.csv: customer a: the covariates start on 2024-01-08 (line 2), after the first"
            + " purchase on 2024-01-01");
    rejects(
        () -> table.alignTo(List.of("a"), new double[] {JAN_1 + 7}, new double[] {3}, 7, false),
        "tv.csv: customer a: the covariates end with the period of 2024-01-15 (line 3), before"
            + " the end of the calibration window on 2024-01-29");
  }

  @Test
  void alignTo_missingCustomersAreAnErrorOrDroppedAndCounted() throws IOException {
    TimeVaryingCovariateTable table = read("id,week,promo\na,2024-01-01,0\nz,2024-01-01,1\n");
    rejects(
        () ->
            table.alignTo(
                List.of("a", "b"), new double[] {JAN_1, JAN_1}, new double[] {1, 1}, 7, false),
        "1 summary customers have no time-varying covariates (first: b) and 1 covariate ids"
            + " have no summary row (first: z); drop them explicitly to go on");
    TimeVaryingCovariateTable.Alignment aligned =
        table.alignTo(List.of("a", "b"), new double[] {JAN_1, JAN_1}, new double[] {1, 1}, 7, true);
    assertArrayEquals(new int[] {0}, aligned.keptRows());
    assertEquals(List.of("b"), aligned.missingCovariates());
    assertEquals(List.of("z"), aligned.missingSummaries());
  }

  @Test
  void read_badCellsNameTheLine() {
    rejects(
        () -> read("id,week,promo\na,2024-01-01,yes\n"),
        "tv.csv line 2: promo = yes is not a finite number");
    rejects(
        () -> read("id,week,promo\na,01/01/2024,1\n"),
        "tv.csv line 2: week = 01/01/2024 is not a date (yyyy-MM-dd)");
    rejects(
        () -> read("id,date,promo\na,2024-01-01,1\n"),
        "tv.csv: date column week is not in the header [id, date, promo]");
  }
}
