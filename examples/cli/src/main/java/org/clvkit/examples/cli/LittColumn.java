package org.clvkit.examples.cli;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The litt column of a summary CSV (each customer's sum of the logarithms of the inter-purchase
 * times, in the summary's period, as BTYDplus's {@code elog2cbs} computes it), read only for the
 * models whose fitter needs it (the (M)BG/CNBD-k choosing k). Its rows are the summary's rows.
 */
final class LittColumn {
  /** The default header name. */
  static final String DEFAULT = "litt";

  private LittColumn() {}

  /**
   * Reads the column.
   *
   * @param file the summary CSV
   * @param given the column named by {@code --litt-column}, or null for {@value #DEFAULT}
   * @param model the model id that needs it, for the message
   * @throws CliException naming the missing column and how to supply it
   */
  static double[] read(Path file, String given, String model) {
    InputSource source = InputSource.file(file);
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
      CsvRecord header = it.next();
      List<String> names = header.getFields();
      int at = -1;
      if (given != null) {
        at = ColumnSpec.parse("--litt-column", given).resolve(names, name, 1, "");
      } else {
        for (int i = 0; i < names.size() && at < 0; i++) {
          if (names.get(i).strip().equalsIgnoreCase(DEFAULT)) {
            at = i;
          }
        }
      }
      if (at < 0) {
        throw CliException.data(
            String.format(
                Locale.ROOT,
                "%s: the %s model needs a litt column (each customer's sum of log inter-purchase"
                    + " times, to choose k), and the file has none: add a column named litt or"
                    + " name it with --litt-column",
                name,
                model));
      }
      double[] out = new double[1024];
      int n = 0;
      while (it.hasNext()) {
        CsvRecord row = it.next();
        if (n == out.length) {
          out = Arrays.copyOf(out, 2 * n);
        }
        String text = at < row.getFieldCount() ? row.getField(at).strip() : "";
        double v;
        try {
          v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          v = Double.NaN;
        }
        if (!Double.isFinite(v)) {
          throw CliException.data(
              String.format(
                  Locale.ROOT,
                  "%s: litt (line %d, column %d) must be a finite number, was \"%s\"",
                  name,
                  row.getStartingLineNumber(),
                  at + 1,
                  text));
        }
        out[n++] = v;
      }
      return Arrays.copyOf(out, n);
    } catch (IOException | UncheckedIOException e) {
      throw new CliException(ExitCodes.IO, name + ": cannot read: " + e.getMessage(), e);
    } catch (CsvParseException e) {
      throw CliException.data(name + ": " + e.getMessage());
    }
  }
}
