package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary CSV's {@code litt} column (issue 18; BTYDplus's sum of log inter-purchase times) on
 * the bundled CDNOW sample, against clv-core's independent reference {@code
 * reference/cdnow_litt.csv} (50-digit mpmath from the definition, tolerance absolute 1e-12; the CSV
 * writes the shortest decimal that reads back exactly); and summary files without the column still
 * read.
 */
class SummaryLittColumnTest {
  @TempDir Path dir;

  private Path summarizeCdnow() throws IOException {
    return CdnowSample.summarize(
        dir,
        "--zero-amounts=keep",
        "--time-unit=weeks",
        "--calibration-end=1997-09-30",
        "--holdout-end=1998-06-30");
  }

  @Test
  void summarize_cdnow_writesLittMatchingTheReference() throws IOException {
    List<String> lines = Cli.lines(summarizeCdnow());
    List<String> header = List.of(lines.get(0).split(","));
    assertEquals("litt", header.get(header.size() - 1));
    int id = header.indexOf("customer_id");
    int litt = header.indexOf("litt");
    Map<Integer, Double> written = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      written.put(Integer.parseInt(f[id]), Double.parseDouble(f[litt]));
    }
    ReferenceTable table = ReferenceTable.load("cdnow_litt.csv");
    Tolerance tolerance = table.tolerance();
    assertEquals(table.size(), written.size());
    for (int row = 0; row < table.size(); row++) {
      int customer = Integer.parseInt(table.text(row, "id"));
      tolerance.check(
          String.format(Locale.ROOT, "customer %d litt", customer),
          table.number(row, "litt"),
          written.get(customer));
    }
  }

  @Test
  void fit_summaryWithAndWithoutLitt_fitsTheSameModel() throws IOException {
    Path summary = summarizeCdnow();
    List<String> lines = Cli.lines(summary);
    StringBuilder without = new StringBuilder();
    for (String line : lines) {
      without.append(line, 0, line.lastIndexOf(',')).append('\n');
    }
    Path old = Cli.write(dir.resolve("old.csv"), without.toString());
    assertFalse(lines.get(0).equals(Cli.lines(old).get(0)));
    Cli.Result a = Cli.run("fit", summary, "-m", "bgnbd", "-o", dir.resolve("a"));
    Cli.Result b = Cli.run("fit", old, "-m", "bgnbd", "-o", dir.resolve("b"));
    assertEquals(ExitCodes.OK, a.code(), a::toString);
    assertEquals(ExitCodes.OK, b.code(), b::toString);
    List<String> fitted = parameters(dir.resolve("a/bgnbd.properties"));
    assertEquals(4, fitted.size(), fitted::toString);
    assertEquals(fitted, parameters(dir.resolve("b/bgnbd.properties")));
  }

  private static List<String> parameters(Path modelFile) {
    return Cli.read(modelFile).lines().filter(l -> l.startsWith("model.parameter.")).toList();
  }

  @Test
  void fit_summaryWithImpossibleLitt_isADataErrorNamingTheRow() throws IOException {
    Path bad =
        Cli.write(
            dir.resolve("bad.csv"),
            "customer_id,frequency,recency,age,litt\na,0,0,10,0\nb,2,4,10,1.5\n");
    Cli.Result r = Cli.run("fit", bad, "-m", "bgnbd", "-o", dir.resolve("m"));
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertEquals(
        "error: "
            + bad
            + " (rows counted from 0 after the header): litt[1] = 1.5 must be <= x ln(t_x"
            + " / x) = 1.3862943611198906 (x = 2.0, t_x = 4.0): gaps summing to t_x cannot have a"
            + " larger sum of logs",
        r.firstErrorLine());
  }
}
