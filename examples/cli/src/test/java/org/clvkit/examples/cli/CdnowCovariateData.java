package org.clvkit.examples.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs the covariate CLI tests share beyond {@link CdnowSample} (whose {@code summary} they
 * fit): from the bundled CDNOW sample, the first-purchase month as a categorical covariate and the
 * purchase log as id,date CSV.
 */
final class CdnowCovariateData {
  private CdnowCovariateData() {}

  /** id,first_month (m01, m02 or m03: the month of the customer's first purchase) in dir. */
  static Path firstMonth(Path dir) {
    Map<String, String> first = new TreeMap<>();
    for (String[] f : CdnowSample.rows()) {
      first.merge(f[1], f[2], (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    StringBuilder csv = new StringBuilder("id,first_month\n");
    first.forEach((id, date) -> csv.append(id).append(",m").append(date, 4, 6).append('\n'));
    return Cli.write(dir.resolve("cov.csv"), csv.toString());
  }

  /** id,date (yyyy-MM-dd), one row per purchase of the sample, in dir. */
  static Path purchaseLog(Path dir) {
    StringBuilder csv = new StringBuilder("id,date\n");
    for (String[] f : CdnowSample.rows()) {
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
