package org.clvkit.examples.cli;

import static org.clvkit.examples.cli.ReportContentTest.csv;
import static org.clvkit.examples.cli.ReportContentTest.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv report --segment-column}: segments from a column of the transaction log, the segment
 * of each customer's first purchase, customers whose rows disagree counted, an empty value going to
 * the unknown segment, and the limit on distinct values.
 */
class ReportSegmentColumnTest {
  private static final String[] CHANNELS = {"email", "search", "social"};

  @TempDir Path dir;

  /**
   * The bundled CDNOW sample as a CSV log with a channel column: customer n on CHANNELS[n % 3] (785
   * email, 786 search, 786 social customers), except three whose rows disagree. Customer 0001
   * (search): its later rows say email. Customer 0002 (social): its first row has an empty channel.
   * Customer 0006 (email): its first purchase, 1997-01-01, is written last in the file and all its
   * other rows say social, so the first row of the file is not the first purchase.
   */
  private Path log() {
    List<String> out = new ArrayList<>();
    out.add("customer_id,date,amount,channel");
    String moved = null;
    Set<String> seen = new HashSet<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                getClass().getResourceAsStream(SummaryRun.BUNDLED_RESOURCE),
                StandardCharsets.US_ASCII))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.strip().split("\\s+");
        String id = f[1];
        boolean first = seen.add(id);
        String channel = CHANNELS[Integer.parseInt(id) % 3];
        if (id.equals("0001") && !first) {
          channel = "email";
        } else if (id.equals("0002") && first) {
          channel = "";
        } else if (id.equals("0006")) {
          channel = first ? "email" : "social";
        }
        String row = String.join(",", id, f[2], f[4], channel);
        if (id.equals("0006") && first) {
          moved = row;
        } else {
          out.add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.add(moved);
    return Cli.write(dir.resolve("log.csv"), String.join("\n", out) + "\n");
  }

  @Test
  void report_segmentColumn_givesEachCustomerTheSegmentOfTheFirstPurchase() {
    Path log = log();
    Cli.Result r =
        Cli.run(
            "report",
            log,
            "-o",
            dir.resolve("r"),
            "--progress",
            "never",
            "--lang",
            "zh-CN",
            "--segment-column",
            "channel");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    List<Map<String, String>> rows = csv(Cli.lines(dir.resolve("r/segments.csv")));
    List<Map<String, String>> channel =
        rows.stream().filter(x -> x.get("dimension").equals("channel")).toList();
    assertEquals(
        List.of("email", "search", "social", "未知"),
        channel.stream().map(x -> x.get("segment")).toList());
    assertEquals(
        List.of(785, 786, 785, 1), channel.stream().map(x -> (int) num(x, "customers")).toList());
    String html = Cli.read(dir.resolve("r/report.html"));
    assertTrue(html.contains("细分来自交易记录的“channel”列"), html);
    assertTrue(html.contains("3 位客户的各行在“channel”列上的值不一致；他们计入首次购买所在的细分。"), html);
    assertTrue(html.contains("1 位客户首次购买那一行的细分为空，计入“未知”。"), html);
  }

  @Test
  void report_segmentColumnByPosition_readsThatColumn() {
    Path log = log();
    Cli.Result r =
        Cli.run(
            "report", log, "-o", dir.resolve("r"), "--progress", "never", "--segment-column", "4");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    List<Map<String, String>> channel =
        csv(Cli.lines(dir.resolve("r/segments.csv"))).stream()
            .filter(x -> x.get("dimension").equals("channel"))
            .toList();
    assertEquals(
        List.of(785, 786, 785, 1), channel.stream().map(x -> (int) num(x, "customers")).toList());
  }

  @Test
  void report_segmentColumnWithTooManyValues_isRefusedNamingTheLimit() {
    StringBuilder b = new StringBuilder("customer_id,date,amount,city\n");
    for (int i = 1; i <= 60; i++) {
      b.append(String.format("%04d,2020-01-01,10,city%d%n", i, i));
    }
    Path log = Cli.write(dir.resolve("cities.csv"), b.toString());
    Cli.Result r =
        Cli.run(
            "report",
            log,
            "-o",
            dir.resolve("r"),
            "--progress",
            "never",
            "--segment-column",
            "city");
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertTrue(
        r.err()
            .contains(
                "cities.csv: line 52: segment column \"city\" has more than 50 distinct values,"
                    + " the limit of 50 segments per column: group them (e.g. by region rather"
                    + " than city) first"),
        r::toString);
  }

  @Test
  void report_segmentColumnAndSegmentsFile_areRefusedTogether() {
    Path log = log();
    Cli.Result r =
        Cli.run(
            "report",
            log,
            "-o",
            dir.resolve("r"),
            "--segment-column",
            "channel",
            "--segments",
            log);
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertTrue(
        r.err().contains("--segment-column and --segments must not both be given"), r::toString);
  }
}
