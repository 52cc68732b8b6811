package org.clvkit.examples.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.core.data.TimeScale;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.simulation.SimulatedTransactions;
import org.clvkit.models.simulation.SyntheticCustomerBase;

/**
 * Writes a synthetic transaction log for scale runs ({@code scripts/scale-run.sh}): customers of
 * clv-models' {@link SyntheticCustomerBase} with the CDNOW BG/NBD and Gamma-Gamma parameters
 * (Fader, Hardie and Lee 2005; Fader and Hardie 2013), acquired over the first 12 weeks from
 * 2024-01-01 and observed for 78 weeks, seed 20261125 by default (1,000,000 customers give
 * 2,773,544 rows, 10,000,000 give 27,721,219). Dates are days (purchase times rounded to the
 * second, then to the day); amounts in cents.
 *
 * <p>{@code GenerateLog CUSTOMERS FILE csv|cdnow [SEED]}: {@code csv} writes {@code
 * customer_id,date,amount} with ISO dates (the Spark job's default layout); {@code cdnow} writes
 * the CDNOW sample's layout ({@code id id yyyyMMdd 1 amount}, whitespace-separated; the Flink job's
 * {@code --log}), in time order.
 */
public final class GenerateLog {
  private GenerateLog() {}

  /**
   * Writes the log.
   *
   * @param args {@code CUSTOMERS FILE csv|cdnow [SEED]}
   * @throws IOException when the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 3 || args.length > 4) {
      throw new ClvArgumentException(
          "arguments must be CUSTOMERS FILE csv|cdnow [SEED], were " + args.length);
    }
    int customers = Integer.parseInt(args[0]);
    Path file = Path.of(args[1]);
    boolean cdnow =
        switch (args[2]) {
          case "csv" -> false;
          case "cdnow" -> true;
          default -> throw new ClvArgumentException("format must be csv or cdnow, was " + args[2]);
        };
    long seed = args.length == 4 ? Long.parseLong(args[3]) : 20261125L;
    SimulatedTransactions log =
        SyntheticCustomerBase.bgNbd(
                new BgNbdParameters(0.243, 4.414, 0.793, 2.426),
                new GammaGammaParameters(6.25, 3.74, 15.44),
                seed)
            .withAcquisitionPeriod(12)
            .transactions(customers, 78);
    if (cdnow) {
      log = log.sortedByTime();
    }
    LocalDateTime origin = LocalDate.of(2024, 1, 1).atStartOfDay();
    long[] seconds = log.epochSeconds(origin, TimeScale.WEEKS);
    long[] ids = log.customerIds();
    double[] amounts = log.amounts();
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      if (!cdnow) {
        out.write("customer_id,date,amount\n");
      }
      for (int i = 0; i < ids.length; i++) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds[i], 86_400L));
        String amount = String.format(Locale.ROOT, "%.2f", amounts[i]);
        if (cdnow) {
          String date = day.toString().replace("-", "");
          out.write(ids[i] + " " + ids[i] + " " + date + " 1 " + amount + "\n");
        } else {
          out.write(ids[i] + "," + day + "," + amount + "\n");
        }
      }
    }
    System.out.printf(
        Locale.ROOT, "%s: %,d customers, %,d transactions%n", file, log.customers(), log.size());
  }
}
