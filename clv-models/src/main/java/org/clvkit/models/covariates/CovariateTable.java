package org.clvkit.models.covariates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.clvkit.core.Checks;

/**
 * Covariates per customer id read from a CSV file, and their alignment with the customers of a
 * summary. Immutable.
 *
 * <p>Format: a header row naming an id column and the covariate columns, then one row per customer,
 * comma-separated (no quoting). A column whose every value parses as a finite number is numeric and
 * used as it is. Any other column is categorical and one-hot encoded: one 0/1 column {@code
 * name=level} per level except the reference level, which is the first level in sorted (String)
 * order and is stated in {@link #encodings()}. Blank cells, duplicate ids and rows of the wrong
 * length are errors naming the line.
 */
public final class CovariateTable {
  private final String[] ids;
  private final CovariateMatrix matrix;
  private final List<String> encodings;

  private CovariateTable(String[] ids, CovariateMatrix matrix, List<String> encodings) {
    this.ids = ids;
    this.matrix = matrix;
    this.encodings = encodings;
  }

  /**
   * Reads a covariate CSV.
   *
   * @param in the text; not closed
   * @param source the file's name for messages
   * @param idColumn the id column's name in the header
   * @throws org.clvkit.core.ClvArgumentException on a malformed file, naming source and line
   * @throws IOException when reading fails
   */
  public static CovariateTable read(Reader in, String source, String idColumn) throws IOException {
    Checks.notNull("in", in);
    BufferedReader reader = new BufferedReader(in);
    String header = reader.readLine();
    if (header == null) {
      throw Checks.fail("%s is empty: expected a header row", source);
    }
    String[] names = split(header);
    int idAt = -1;
    for (int j = 0; j < names.length; j++) {
      if (names[j].equals(idColumn)) {
        idAt = j;
      }
    }
    if (idAt < 0) {
      throw Checks.fail(
          "%s: id column %s is not in the header %s", source, idColumn, Arrays.toString(names));
    }
    if (names.length < 2) {
      throw Checks.fail("%s: no covariate columns besides %s", source, idColumn);
    }
    List<String> ids = new ArrayList<>();
    List<String[]> rows = new ArrayList<>();
    Map<String, Long> seen = new HashMap<>();
    String line;
    long number = 1;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = split(line);
      if (cells.length != names.length) {
        throw Checks.fail(
            "%s line %d: %d fields, expected %d as in the header",
            source, number, cells.length, names.length);
      }
      for (int j = 0; j < cells.length; j++) {
        if (cells[j].isEmpty()) {
          throw Checks.fail("%s line %d: column %s is blank", source, number, names[j]);
        }
      }
      Long earlier = seen.put(cells[idAt], number);
      if (earlier != null) {
        throw Checks.fail(
            "%s line %d: id %s repeats line %d", source, number, cells[idAt], earlier);
      }
      ids.add(cells[idAt]);
      rows.add(cells);
    }
    if (rows.isEmpty()) {
      throw Checks.fail("%s has no data rows", source);
    }
    // Columns: numeric when every value parses, else one-hot.
    List<String> outNames = new ArrayList<>();
    List<double[]> columns = new ArrayList<>();
    List<String> encodings = new ArrayList<>();
    int n = rows.size();
    for (int j = 0; j < names.length; j++) {
      if (j == idAt) {
        continue;
      }
      double[] values = new double[n];
      boolean numeric = true;
      for (int i = 0; i < n && numeric; i++) {
        try {
          values[i] = Double.parseDouble(rows.get(i)[j]);
          numeric = Double.isFinite(values[i]);
        } catch (NumberFormatException e) {
          numeric = false;
        }
      }
      if (numeric) {
        outNames.add(names[j]);
        columns.add(values);
        continue;
      }
      TreeSet<String> levels = new TreeSet<>();
      for (String[] row : rows) {
        levels.add(row[j]);
      }
      String reference = levels.first();
      String column = names[j];
      List<String> others = new ArrayList<>(levels.tailSet(reference, false));
      encodings.add(
          String.format(
              java.util.Locale.ROOT,
              "%s: categorical, %d levels, reference level %s, indicator columns %s",
              names[j],
              levels.size(),
              reference,
              others.stream().map(l -> column + "=" + l).toList()));
      for (String level : others) {
        double[] indicator = new double[n];
        for (int i = 0; i < n; i++) {
          indicator[i] = rows.get(i)[j].equals(level) ? 1 : 0;
        }
        outNames.add(names[j] + "=" + level);
        columns.add(indicator);
      }
    }
    if (outNames.isEmpty()) {
      throw Checks.fail("%s: every categorical column has a single level", source);
    }
    return new CovariateTable(
        ids.toArray(new String[0]),
        CovariateMatrix.ofColumns(outNames, columns.toArray(new double[0][])),
        List.copyOf(encodings));
  }

  private static String[] split(String line) {
    String[] cells = line.split(",", -1);
    for (int j = 0; j < cells.length; j++) {
      cells[j] = cells[j].strip();
    }
    return cells;
  }

  /** The customer ids, in file order. */
  public List<String> ids() {
    return List.of(ids);
  }

  /** The covariates, one row per id. */
  public CovariateMatrix matrix() {
    return matrix;
  }

  /** How each categorical column was encoded, one sentence each. */
  public List<String> encodings() {
    return encodings;
  }

  /**
   * The alignment of covariates with a summary's customers.
   *
   * @param covariates one row per kept summary customer, in summary order
   * @param keptRows the summary rows kept, ascending
   * @param missingCovariates summary customers without covariates (dropped)
   * @param missingSummaries covariate ids without a summary row (ignored)
   */
  public record Alignment(
      CovariateMatrix covariates,
      int[] keptRows,
      List<String> missingCovariates,
      List<String> missingSummaries) {}

  /**
   * Joins the covariates to a summary's customers by id.
   *
   * @param summaryIds the summary's customer ids, in its order
   * @param dropMissing when false (the default of the CLI) any customer missing on either side is
   *     an error naming the first few; when true summary customers without covariates are dropped
   *     and covariate rows without a summary customer ignored, both counted in the result
   * @throws org.clvkit.core.ClvArgumentException when customers are missing and {@code dropMissing}
   *     is false, or when no customer is left
   */
  public Alignment alignTo(List<String> summaryIds, boolean dropMissing) {
    Checks.notNull("summaryIds", summaryIds);
    Map<String, Integer> row = new LinkedHashMap<>();
    for (int i = 0; i < ids.length; i++) {
      row.put(ids[i], i);
    }
    List<String> missingCovariates = new ArrayList<>();
    int[] kept = new int[summaryIds.size()];
    int[] source = new int[summaryIds.size()];
    int count = 0;
    java.util.Set<String> used = new java.util.HashSet<>();
    for (int i = 0; i < summaryIds.size(); i++) {
      Integer at = row.get(summaryIds.get(i));
      if (at == null) {
        missingCovariates.add(summaryIds.get(i));
      } else {
        kept[count] = i;
        source[count] = at;
        count++;
        used.add(summaryIds.get(i));
      }
    }
    List<String> missingSummaries = new ArrayList<>();
    for (String id : ids) {
      if (!used.contains(id)) {
        missingSummaries.add(id);
      }
    }
    if (!dropMissing && (!missingCovariates.isEmpty() || !missingSummaries.isEmpty())) {
      throw Checks.fail(
          "%d summary customers have no covariates (first: %s) and %d covariate ids have no"
              + " summary row (first: %s); drop them explicitly to go on",
          missingCovariates.size(),
          first(missingCovariates),
          missingSummaries.size(),
          first(missingSummaries));
    }
    if (count == 0) {
      throw Checks.fail("no summary customer has covariates");
    }
    int k = matrix.columns();
    double[] values = matrix.values();
    double[] out = new double[count * k];
    for (int c = 0; c < count; c++) {
      System.arraycopy(values, source[c] * k, out, c * k, k);
    }
    return new Alignment(
        CovariateMatrix.of(matrix.names(), out),
        Arrays.copyOf(kept, count),
        List.copyOf(missingCovariates),
        List.copyOf(missingSummaries));
  }

  private static String first(List<String> values) {
    return values.isEmpty()
        ? "none"
        : String.join(", ", values.subList(0, Math.min(3, values.size())));
  }
}
