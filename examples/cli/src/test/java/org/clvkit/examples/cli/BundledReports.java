package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two report runs the report tests share (each costs seconds of fitting): the bundled CDNOW
 * report with defaults in English, and one in Chinese with every option of the analyst's
 * deliverable (BG/NBD forced, a segments file, acquisition costs, margin, annual discount,
 * currency, bootstrap). Made once per test JVM, in a temporary directory removed at exit.
 */
final class BundledReports {
  /** A report run and its directory. */
  record Run(Cli.Result result, Path dir) {
    Path file(String name) {
      return dir.resolve(name);
    }

    String html() {
      return Cli.read(dir.resolve("report.html"));
    }
  }

  private static Run english;
  private static Run chinese;
  private static Path root;

  private BundledReports() {}

  private static synchronized Path root() {
    if (root == null) {
      try {
        root = Files.createTempDirectory("clv-report-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path r = root;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try (var files = Files.walk(r)) {
                      files
                          .sorted(java.util.Comparator.reverseOrder())
                          .forEach(p -> p.toFile().delete());
                    } catch (IOException e) {
                      // best effort
                    }
                  }));
    }
    return root;
  }

  /** {@code clv report} on the bundled data with the defaults. */
  static synchronized Run english() {
    if (english == null) {
      Path dir = root().resolve("en");
      english = new Run(Cli.run("report", "-o", dir, "--progress", "never"), dir);
    }
    return english;
  }

  /** Customers 0001 to 2000 of the bundled data: channel by id mod 3, region by parity. */
  static String segmentsFile() {
    StringBuilder b = new StringBuilder("customer_id,channel,region\n");
    String[] channels = {"search", "social", "email"};
    for (int i = 1; i <= 2000; i++) {
      String channel = i == 7 ? "" : channels[i % 3];
      b.append(String.format("%04d,%s,%s%n", i, channel, i % 2 == 0 ? "north" : "south"));
    }
    for (int i = 1; i <= 5; i++) {
      b.append("x").append(i).append(",search,north\n");
    }
    return b.toString();
  }

  /** The Chinese report with segments, costs, margin, annual discount, currency and bootstrap. */
  static synchronized Run chinese() {
    if (chinese == null) {
      Path dir = root().resolve("zh");
      Path segments = Cli.write(root().resolve("segments.csv"), segmentsFile());
      Path costs =
          Cli.write(
              root().resolve("cac.csv"), "segment,cost\nsearch,10\nsocial,25\nemail,5\ntv,40\n");
      chinese =
          new Run(
              Cli.run(
                  "report",
                  "-o",
                  dir,
                  "--progress",
                  "never",
                  "--lang",
                  "zh-CN",
                  "-m",
                  "bgnbd",
                  "--segments",
                  segments,
                  "--acquisition-cost",
                  costs,
                  "--margin",
                  "0.3",
                  "--annual-discount",
                  "0.1",
                  "--currency",
                  "USD",
                  "--draws",
                  "60",
                  "--bootstrap",
                  "4"),
              dir);
    }
    return chinese;
  }
}
