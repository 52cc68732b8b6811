package org.clvkit.core.data;

import org.clvkit.core.Checks;

/**
 * What {@link TransactionLogFormat#read} did with a log: every line is accounted for as a header
 * line, a blank line or a data row, and every data row as accepted or dropped.
 *
 * @param lines lines read, counting header and blank lines
 * @param headerLines leading lines skipped as header
 * @param blankLines empty or whitespace-only lines skipped
 * @param rows data rows passed to the accumulator: {@code lines - headerLines - blankLines}
 * @param policyCounts what the accumulator's policies did with those rows: zero amounts kept, rows
 *     dropped by reason
 */
public record ReadReport(
    long lines, long headerLines, long blankLines, long rows, PolicyCounts policyCounts) {

  /** Validates that the counts add up. */
  public ReadReport {
    Checks.notNull("policyCounts", policyCounts);
    if (headerLines + blankLines + rows != lines) {
      throw Checks.fail(
          "headerLines + blankLines + rows = %d must equal lines = %d",
          headerLines + blankLines + rows, lines);
    }
    Checks.atMost("policyCounts.dropped()", policyCounts.dropped(), "rows", rows);
  }

  /** The rows summarised: {@code rows - policyCounts.dropped()}. */
  public long accepted() {
    return rows - policyCounts.dropped();
  }
}
