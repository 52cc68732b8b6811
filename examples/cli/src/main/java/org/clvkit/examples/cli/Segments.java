package org.clvkit.examples.cli;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.clvkit.core.data.CustomerSummaries;

/**
 * Segments of the customers for the report: one or more dimensions (channel, region, acquisition
 * cohort, ...), each assigning every customer to one of at most {@value #MAX_SEGMENTS} segments.
 * From a segments file ({@code --segments FILE}: a CSV with a header, the customer id in the first
 * column and one dimension per further column) or, without one, the acquisition cohort (calendar
 * month of the first purchase). Customers the file does not name, or names with an empty value, go
 * to a visible {@code unknown} segment; rows naming no customer of the data are counted.
 */
final class Segments {
  /** The most segments a dimension may have: a report table and chart stay readable. */
  static final int MAX_SEGMENTS = 50;

  /** The most dimensions (columns) a segments file may have. */
  static final int MAX_DIMENSIONS = 5;

  /**
   * One dimension.
   *
   * @param name the column's name (or the cohort's label)
   * @param labels the segments, in display order; the unknown segment, if any, last
   * @param assignment the segment index of every customer (summary order)
   * @param unknown the index of the unknown segment, or -1 when every customer has a segment
   */
  record Dimension(String name, List<String> labels, int[] assignment, int unknown) {
    int size() {
      return labels.size();
    }

    int[] counts() {
      int[] c = new int[labels.size()];
      for (int s : assignment) {
        c[s]++;
      }
      return c;
    }
  }

  final List<Dimension> dimensions;

  /** Rows of the file whose customer id is not in the data (0 without a file). */
  final long unmatchedRows;

  /** The file's name, or null for the acquisition cohort or a column of the log. */
  final String file;

  /** The log's segment column ({@code --segment-column}), or null. */
  final String column;

  /** Customers whose rows in the log name more than one segment (0 without a column). */
  final long disagreeing;

  private Segments(List<Dimension> dimensions, long unmatchedRows, String file) {
    this(dimensions, unmatchedRows, file, null, 0);
  }

  private Segments(
      List<Dimension> dimensions,
      long unmatchedRows,
      String file,
      String column,
      long disagreeing) {
    this.dimensions = List.copyOf(dimensions);
    this.unmatchedRows = unmatchedRows;
    this.file = file;
    this.column = column;
    this.disagreeing = disagreeing;
  }

  /**
   * Segments from a column of the transaction log ({@link SegmentColumn}): each customer's segment
   * is the one on the row of their first purchase (the earliest time; of rows at that time, the
   * first in the log).
   *
   * @param column the collected column
   * @param unknown the label of the unknown segment (customers whose first row has an empty value)
   */
  static Segments fromColumn(SegmentColumn column, CustomerSummaries s, String unknown) {
    String[] values = new String[s.size()];
    for (int i = 0; i < s.size(); i++) {
      values[i] = column.segment(s.customerId(i));
    }
    return new Segments(
        List.of(dimension(column.name(), values, unknown, column.source())),
        0,
        null,
        column.name(),
        column.disagreeing(s));
  }

  /** The acquisition cohort (first-purchase month) as the one dimension. */
  static Segments acquisitionCohort(CustomerSummaries s, String name) {
    String[] labels = Cohorts.cohortLabels(s);
    return new Segments(List.of(dimension(name, labels, null)), 0, null);
  }

  /**
   * Reads a segments file.
   *
   * @param unknown the label of the unknown segment
   * @throws CliException for an empty file, a header with no segment column, a repeated customer,
   *     or a column with more than {@value #MAX_SEGMENTS} segments
   */
  static Segments read(Path path, CustomerSummaries s, String unknown) {
    InputSource source = InputSource.file(path);
    String name = source.name();
    try (InputStream in = source.open(null);
        CsvReader<CsvRecord> reader =
            CsvReader.builder()
                .skipEmptyLines(true)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .detectBomHeader(true)
                .ofCsvRecord(in, StandardCharsets.UTF_8);
        CloseableIterator<CsvRecord> it = reader.iterator()) {
      if (!it.hasNext()) {
        throw CliException.data(name + " must contain a header and at least one row, was empty");
      }
      List<String> header = it.next().getFields();
      int dims = header.size() - 1;
      if (dims < 1) {
        throw CliException.data(
            name
                + ": the header must name the customer id column and at least one segment column,"
                + " was \""
                + String.join(",", header)
                + "\"");
      }
      if (dims > MAX_DIMENSIONS) {
        throw CliException.data(
            String.format(
                Locale.ROOT,
                "%s: %d segment columns, more than the limit of %d",
                name,
                dims,
                MAX_DIMENSIONS));
      }
      String[][] values = new String[dims][s.size()];
      Map<String, Long> seen = new HashMap<>();
      long unmatched = 0;
      while (it.hasNext()) {
        CsvRecord row = it.next();
        String id = row.getField(0).strip();
        int i = s.indexOf(id);
        if (i < 0) {
          unmatched++;
          continue;
        }
        Long before = seen.put(id, row.getStartingLineNumber());
        if (before != null) {
          throw CliException.data(
              String.format(
                  Locale.ROOT,
                  "%s: line %d: customer \"%s\" is already on line %d: one row per customer",
                  name,
                  row.getStartingLineNumber(),
                  id,
                  before));
        }
        for (int k = 0; k < dims; k++) {
          String v = k + 1 < row.getFieldCount() ? row.getField(k + 1).strip() : "";
          values[k][i] = v.isEmpty() ? null : v;
        }
      }
      List<Dimension> out = new ArrayList<>();
      for (int k = 0; k < dims; k++) {
        out.add(dimension(header.get(k + 1).strip(), values[k], unknown, name));
      }
      return new Segments(out, unmatched, path.getFileName().toString());
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, name + ": cannot read: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new CliException(ExitCodes.IO, name + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static Dimension dimension(String name, String[] values, String unknown) {
    return dimension(name, values, unknown, null);
  }

  private static Dimension dimension(String name, String[] values, String unknown, String file) {
    TreeMap<String, Integer> distinct = new TreeMap<>();
    boolean anyUnknown = false;
    for (String v : values) {
      if (v == null) {
        anyUnknown = true;
      } else {
        distinct.merge(v, 1, Integer::sum);
      }
    }
    if (distinct.size() > MAX_SEGMENTS) {
      throw CliException.data(
          String.format(
              Locale.ROOT,
              "%s: segment column \"%s\" has %,d distinct values, more than the limit of %d"
                  + " segments per column: group them (e.g. by region rather than city) first",
              file == null ? "segments" : file,
              name,
              distinct.size(),
              MAX_SEGMENTS));
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    List<String> labels = new ArrayList<>();
    for (String v : distinct.keySet()) {
      index.put(v, labels.size());
      labels.add(v);
    }
    int unknownIndex = -1;
    if (anyUnknown) {
      String label = unknown;
      while (index.containsKey(label)) {
        label = label + " ";
      }
      unknownIndex = labels.size();
      labels.add(label);
    }
    int[] assignment = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      assignment[i] = values[i] == null ? unknownIndex : index.get(values[i]);
    }
    return new Dimension(name, List.copyOf(labels), assignment, unknownIndex);
  }

  /**
   * Reads an acquisition-cost file: a CSV with a header, the segment in the first column and the
   * cost per acquired customer in the second, for the first dimension's segments.
   *
   * @return the cost per segment index of the first dimension (NaN-free: segments without a cost
   *     are absent), and the number of rows naming no segment in {@code unmatched[0]}
   */
  static Map<Integer, Double> readCosts(Path path, Dimension dimension, long[] unmatched) {
    InputSource source = InputSource.file(path);
    String name = source.name();
    Map<Integer, Double> out = new HashMap<>();
    try (InputStream in = source.open(null);
        CsvReader<CsvRecord> reader =
            CsvReader.builder()
                .skipEmptyLines(true)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .detectBomHeader(true)
                .ofCsvRecord(in, StandardCharsets.UTF_8);
        CloseableIterator<CsvRecord> it = reader.iterator()) {
      if (!it.hasNext()) {
        throw CliException.data(name + " must contain a header and at least one row, was empty");
      }
      it.next();
      while (it.hasNext()) {
        CsvRecord row = it.next();
        String segment = row.getField(0).strip();
        String text = row.getFieldCount() > 1 ? row.getField(1).strip() : "";
        double cost;
        try {
          cost = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          cost = Double.NaN;
        }
        if (!(cost >= 0) || Double.isInfinite(cost)) {
          throw CliException.data(
              String.format(
                  Locale.ROOT,
                  "%s: line %d: cost must be a finite number >= 0, was \"%s\"",
                  name,
                  row.getStartingLineNumber(),
                  text));
        }
        int k = dimension.labels().indexOf(segment);
        if (k < 0 || k == dimension.unknown()) {
          unmatched[0]++;
        } else {
          out.put(k, cost);
        }
      }
      return out;
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, name + ": cannot read: " + e.getMessage(), e);
    }
  }
}
