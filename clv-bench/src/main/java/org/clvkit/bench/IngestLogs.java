package org.clvkit.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.clvkit.models.simulation.SimulatedTransactions;

/**
 * Writes the transaction logs of the ingest comparison ({@code scripts/ingest-vs-duckdb.sh}) as CSV
 * {@code customer_id,date,amount} with day dates from 2024-01-01: the log of {@link
 * SummariesBenchmark#log(int)} (BG/NBD and Gamma-Gamma with the CDNOW estimates, seed 20261125,
 * acquisition over 12 weeks, 78 weeks observed; 2,772,085 rows for 1,000,000 customers), in time
 * order or shuffled (a seeded Fisher-Yates permutation of the rows).
 *
 * <p>Usage: {@code IngestLogs CUSTOMERS FILE [shuffled]}.
 */
public final class IngestLogs {
  private IngestLogs() {}

  /**
   * Writes one log.
   *
   * @param args customers, output file, and optionally {@code shuffled}
   * @throws IOException when the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    int customers = Integer.parseInt(args[0]);
    Path file = Path.of(args[1]);
    boolean shuffled = args.length > 2 && args[2].equals("shuffled");
    SimulatedTransactions log = SummariesBenchmark.log(customers);
    long[] ids = log.customerIds();
    double[] weeks = log.times();
    double[] amounts = log.amounts();
    int n = ids.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (shuffled) {
      SplittableRandom random = new SplittableRandom(SummariesBenchmark.SEED);
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    LocalDate origin = SummariesBenchmark.ORIGIN.toLocalDate();
    String[] dates = new String[SummariesBenchmark.WEEKS * 7 + 1];
    for (int d = 0; d < dates.length; d++) {
      dates[d] = origin.plusDays(d).toString();
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (BufferedWriter out =
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write("customer_id,date,amount\n");
      StringBuilder row = new StringBuilder(48);
      for (int k = 0; k < n; k++) {
        int i = order[k];
        long cents = Math.round(amounts[i] * 100);
        row.setLength(0);
        row.append(ids[i])
            .append(',')
            .append(dates[(int) Math.floor(weeks[i] * 7)])
            .append(',')
            .append(cents / 100)
            .append('.');
        long c = cents % 100;
        if (c < 10) {
          row.append('0');
        }
        row.append(c).append('\n');
        out.append(row);
      }
    }
    System.out.println(n + " rows of " + customers + " customers written to " + file);
  }
}
