package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs the covariate CLI tests share, from the bundled CDNOW sample (whitespace-separated:
 * index, customer id, yyyyMMdd date, quantity, amount): the summary through 1997-09-30 in weeks,
 * the first-purchase month as a categorical covariate and the purchase log as id,date CSV.
 */
final class CdnowCovariateData {
  private static final String SAMPLE = "/org/clvkit/examples/cli/data/CDNOW_sample.txt";

  private CdnowCovariateData() {}

  /** The sample's rows, each split into its fields. */
  private static List<String[]> rows() {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = CdnowCovariateData.class.getResourceAsStream(SAMPLE)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (!line.isBlank()) {
          rows.add(line.trim().split("\\s+"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** {@code clv summarize} of the sample (calibration 1997-09-30, holdout 1998-06-30) in dir. */
  static Path summary(Path dir) throws IOException {
    Path log = dir.resolve("CDNOW_sample.txt");
    try (InputStream in = CdnowCovariateData.class.getResourceAsStream(SAMPLE)) {
      Files.copy(in, log);
    }
    Path summary = dir.resolve("summary.csv");
    Cli.Result s =
        Cli.run(
            "summarize",
            log,
            "--delimiter=whitespace",
            "--no-header",
            "--id=2",
            "--date=3",
            "--amount=5",
            "--date-format=yyyyMMdd",
            "--calibration-end=1997-09-30",
            "--holdout-end=1998-06-30",
            "-o",
            summary);
    assertEquals(ExitCodes.OK, s.code(), s::toString);
    return summary;
  }

  /** id,first_month (m01, m02 or m03: the month of the customer's first purchase) in dir. */
  static Path firstMonth(Path dir) {
    Map<String, String> first = new TreeMap<>();
    for (String[] f : rows()) {
      first.merge(f[1], f[2], (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    StringBuilder csv = new StringBuilder("id,first_month\n");
    first.forEach((id, date) -> csv.append(id).append(",m").append(date, 4, 6).append('\n'));
    return Cli.write(dir.resolve("cov.csv"), csv.toString());
  }

  /** id,date (yyyy-MM-dd), one row per purchase of the sample, in dir. */
  static Path purchaseLog(Path dir) {
    StringBuilder csv = new StringBuilder("id,date\n");
    for (String[] f : rows()) {
      String d = f[2];
      csv.append(f[1])
          .append(',')
          .append(d, 0, 4)
          .append('-')
          .append(d, 4, 6)
          .append('-')
          .append(d, 6, 8)
          .append('\n');
    }
    return Cli.write(dir.resolve("purchases.csv"), csv.toString());
  }
}
