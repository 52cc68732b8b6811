package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel read (blocks parsed on worker threads, {@link TransactionReader#blockBytes} made
 * tiny so that blocks end mid-line and mid-character) gives byte for byte the summary, rejects and
 * messages of the one-thread read, on generated logs with bad rows, quotes, CRLF, byte order marks,
 * blank lines, duplicates, string and numeric ids in UTF-8, GB18030 and ISO-8859-1.
 */
class ParallelReadTest {
  @TempDir Path dir;

  @AfterEach
  void reset() {
    TransactionReader.parallel = null;
    TransactionReader.blockBytes = 1 << 20;
    TransactionReader.blockHook = null;
  }

  /** What a run left: exit code, stdout, stderr, the summary's and the rejects file's bytes. */
  private record Run(int code, String out, String err, byte[] summary, byte[] rejects) {}

  private Run run(boolean parallel, int blockBytes, List<Object> args) throws IOException {
    TransactionReader.parallel = parallel;
    TransactionReader.blockBytes = blockBytes;
    Path summary = dir.resolve("s.csv");
    Path rejects = dir.resolve("r.csv");
    Files.deleteIfExists(summary);
    Files.deleteIfExists(rejects);
    Cli.Result r = Cli.run(args.toArray());
    byte[] s = Files.exists(summary) ? Files.readAllBytes(summary) : null;
    byte[] j = Files.exists(rejects) ? Files.readAllBytes(rejects) : null;
    return new Run(r.code(), r.out(), r.err(), s, j);
  }

  @Test
  void generatedLogs_readInTinyBlocks_giveTheOneThreadOutputs() throws IOException {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    java.util.Map<Integer, Integer> codes = new java.util.TreeMap<>();
    for (int seed = 1; seed <= 120; seed++) {
      Random rnd = new Random(seed);
      Log log = Log.generate(rnd);
      Path file = dir.resolve("log-" + seed + ".csv");
      Files.write(file, log.bytes);
      for (String policy : List.of("skip", "stop")) {
        List<Object> args = new ArrayList<>();
        args.add("summarize");
        args.add(file);
        args.add("-o");
        args.add(dir.resolve("s.csv"));
        args.add("--calibration-end");
        args.add("2025-06-29");
        args.add("--progress");
        args.add("never");
        args.add("--encoding");
        args.add(log.charset.name());
        args.addAll(log.options);
        if (policy.equals("skip")) {
          args.add("--on-bad-row=skip");
          args.add("--rejects");
          args.add(dir.resolve("r.csv"));
        }
        TransactionReader.blockHook = null;
        Run serial = run(false, 1 << 20, args);
        codes.merge(serial.code, 1, Integer::sum);
        TransactionReader.blockHook = () -> threads.add(Thread.currentThread().getName());
        for (int blockBytes : new int[] {1 + rnd.nextInt(8), 1 + rnd.nextInt(200), 4096}) {
          Run parallel = run(true, blockBytes, args);
          String what = "seed " + seed + ", " + policy + ", blocks of " + blockBytes + ": " + log;
          assertEquals(serial.code, parallel.code, () -> what + "\n" + parallel.err);
          assertEquals(serial.out, parallel.out, what);
          assertEquals(serial.err, parallel.err, what);
          assertArrayEquals(serial.summary, parallel.summary, what);
          assertArrayEquals(serial.rejects, parallel.rejects, what);
        }
      }
    }
    assertFalse(threads.isEmpty(), "no block was parsed on a worker thread");
    // both runs that succeed and runs that stop at bad rows were compared
    assertTrue(codes.getOrDefault(ExitCodes.OK, 0) > 60, codes::toString);
    assertTrue(codes.getOrDefault(ExitCodes.DATA, 0) > 40, codes::toString);
    assertTrue(codes.getOrDefault(ExitCodes.OK, 0) > 130, codes::toString);
    System.out.println("exit codes of the one-thread runs: " + codes);
    assertTrue(threads.stream().allMatch(t -> t.startsWith("clv-parse-")), threads::toString);
    assertNoParseThreadAlive();
  }

  /**
   * Logs of many customers in random order, read in blocks of thousands of rows: the ids of each
   * 256 rows are looked up together before the rows are passed on (ids repeated within those rows,
   * an id new in them that comes twice, the direct table growing in the middle of a block, numeric
   * ids in the hash table, string ids): the same bytes as one thread.
   */
  @Test
  void manyCustomersInRandomOrder_batchedLookups_giveTheOneThreadOutputs() throws IOException {
    for (int seed = 1; seed <= 6; seed++) {
      Random rnd = new Random(seed);
      StringBuilder text = new StringBuilder("customer_id,date,amount\n");
      int customers = 2_000 + rnd.nextInt(40_000);
      List<String> recent = new ArrayList<>();
      for (int i = 0; i < 120_000; i++) {
        String id;
        if (!recent.isEmpty() && rnd.nextInt(4) == 0) {
          id = recent.get(rnd.nextInt(recent.size())); // again within a few rows
        } else {
          int c = rnd.nextInt(1 + (int) ((long) customers * (i + 1) / 120_000));
          id =
              switch (c % 16) {
                case 0 -> "c" + c;
                case 1 -> Long.toString(5_000_000_000L + c); // the hash table
                case 2 -> "0" + c; // a string: leading zero
                default -> Integer.toString(c);
              };
        }
        recent.add(id);
        if (recent.size() > 40) {
          recent.remove(0);
        }
        text.append(id)
            .append(',')
            .append(java.time.LocalDate.of(2024, 1, 1).plusDays(rnd.nextInt(540)))
            .append(',')
            .append(rnd.nextInt(10_000) / 100.0)
            .append('\n');
      }
      Path file = dir.resolve("many-" + seed + ".csv");
      Files.writeString(file, text);
      List<Object> args =
          List.of(
              "summarize",
              file,
              "-o",
              dir.resolve("s.csv"),
              "--calibration-end",
              "2025-06-29",
              "--progress",
              "never");
      Run serial = run(false, 1 << 20, args);
      assertEquals(ExitCodes.OK, serial.code, serial.err);
      for (int blockBytes :
          new int[] {1 + rnd.nextInt(300), 20_000 + rnd.nextInt(50_000), 1 << 20}) {
        Run parallel = run(true, blockBytes, args);
        String what = "seed " + seed + ", blocks of " + blockBytes;
        assertEquals(serial.code, parallel.code, () -> what + "\n" + parallel.err);
        assertEquals(serial.out, parallel.out, what);
        assertEquals(serial.err, parallel.err, what);
        assertArrayEquals(serial.summary, parallel.summary, what);
      }
    }
    assertNoParseThreadAlive();
  }

  /**
   * A log of {@code rows} rows of 37 customers in January 2024, row i's amount {@code amount(i)}.
   */
  private Path smallLog(int rows, java.util.function.IntFunction<String> amount)
      throws IOException {
    Path file = dir.resolve("log.csv");
    StringBuilder text = new StringBuilder("customer_id,date,amount\n");
    for (int i = 0; i < rows; i++) {
      text.append(i % 37).append(",2024-01-").append(10 + i % 20).append(",");
      text.append(amount.apply(i)).append('\n');
    }
    Files.writeString(file, text);
    return file;
  }

  @Test
  void outOfMemoryOnAWorker_endsInTheOneLineMessage() throws IOException {
    Path file = smallLog(500, String::valueOf);
    TransactionReader.parallel = true;
    TransactionReader.blockBytes = 100;
    TransactionReader.blockHook =
        () -> {
          throw new OutOfMemoryError("Java heap space");
        };
    Cli.Result r = Cli.run("summarize", file, "-o", dir.resolve("s.csv"), "--progress", "never");
    assertEquals(ExitCodes.SOFTWARE, r.code(), r::toString);
    assertTrue(r.err().startsWith("error: out of memory (Java heap of "), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
    assertFalse(Files.exists(dir.resolve("s.csv")));
    assertNoParseThreadAlive();
  }

  @Test
  void badRowUnderStop_stopsTheWorkers() throws IOException {
    Path file = smallLog(3000, i -> i == 7 ? "x" : String.valueOf(i));
    TransactionReader.parallel = true;
    TransactionReader.blockBytes = 64;
    Cli.Result r = Cli.run("summarize", file, "-o", dir.resolve("s.csv"), "--progress", "never");
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertTrue(r.err().contains("amount (line 9, column 3) must be a number"), r::toString);
    assertNoParseThreadAlive();
  }

  @Test
  void gzipAndSmallFiles_areReadOnOneThread() throws IOException {
    StringBuilder text = new StringBuilder("customer_id,date,amount\n");
    for (int i = 0; i < 2000; i++) {
      text.append(i % 37)
          .append(",2024-01-")
          .append(10 + i % 20)
          .append(",")
          .append(i)
          .append('\n');
    }
    Path plain = Files.writeString(dir.resolve("log.csv"), text);
    Path gz = dir.resolve("log.csv.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    Set<String> threads = ConcurrentHashMap.newKeySet();
    TransactionReader.blockHook = () -> threads.add(Thread.currentThread().getName());
    TransactionReader.blockBytes = 100;
    TransactionReader.parallel = null; // by size: 8 MiB or more
    Cli.Result small = Cli.run("summarize", plain, "-o", dir.resolve("a.csv"));
    assertEquals(ExitCodes.OK, small.code(), small::toString);
    assertEquals(Set.of(), threads);
    TransactionReader.parallel = true;
    Cli.Result zipped = Cli.run("summarize", gz, "-o", dir.resolve("b.csv"));
    assertEquals(ExitCodes.OK, zipped.code(), zipped::toString);
    assertEquals(Set.of(), threads);
    Cli.Result blocks = Cli.run("summarize", plain, "-o", dir.resolve("c.csv"));
    assertEquals(ExitCodes.OK, blocks.code(), blocks::toString);
    assertFalse(threads.isEmpty());
    String a = Cli.read(dir.resolve("a.csv"));
    assertEquals(a, Cli.read(dir.resolve("b.csv")));
    assertEquals(a, Cli.read(dir.resolve("c.csv")));
  }

  private static void assertNoParseThreadAlive() {
    List<String> alive = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("clv-parse-")) {
        try {
          // the pool has terminated: a worker may still be returning from its last task
          t.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
          alive.add(t.getName());
        }
      }
    }
    assertTrue(alive.isEmpty(), () -> "threads left running: " + alive);
  }

  /** A generated log: its bytes, charset and the options that read it. */
  private static final class Log {
    byte[] bytes;
    Charset charset;
    List<String> options = new ArrayList<>();
    String summary;

    @Override
    public String toString() {
      return summary;
    }

    static Log generate(Random rnd) throws IOException {
      Log log = new Log();
      Charset[] charsets = {
        StandardCharsets.UTF_8, Charset.forName("GB18030"), StandardCharsets.ISO_8859_1
      };
      log.charset = charsets[rnd.nextInt(charsets.length)];
      boolean crlf = rnd.nextBoolean();
      boolean bom = log.charset.equals(StandardCharsets.UTF_8) && rnd.nextInt(3) == 0;
      boolean header = rnd.nextInt(5) != 0;
      boolean numeric = rnd.nextBoolean();
      char delimiter = ",;\t ".charAt(rnd.nextInt(4));
      boolean quotedNewlines = rnd.nextInt(4) == 0;
      boolean longRow = rnd.nextInt(15) == 0;
      boolean lastLineEnd = rnd.nextInt(4) != 0;
      boolean clean = rnd.nextInt(3) == 0;
      String nonAscii = log.charset.equals(StandardCharsets.ISO_8859_1) ? "Müller" : "客户ü";
      String eol = crlf ? "\r\n" : "\n";
      if (!header) {
        log.options.addAll(List.of("--no-header", "--id=1", "--date=2", "--amount=3"));
      }
      if (delimiter != ',') {
        log.options.add(
            "--delimiter=" + (delimiter == '\t' ? "tab" : delimiter == ' ' ? "whitespace" : ";"));
      }
      log.summary =
          String.format(
              "%s crlf=%s bom=%s header=%s numeric=%s delimiter=%s quotedNewlines=%s long=%s clean=%s",
              log.charset,
              crlf,
              bom,
              header,
              numeric,
              delimiter == '\t' ? "tab" : delimiter,
              quotedNewlines,
              longRow,
              clean);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (bom) {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      String d = String.valueOf(delimiter);
      if (header) {
        out.write(("customer_id" + d + "date" + d + "amount" + eol).getBytes(log.charset));
      }
      int rows = 30 + rnd.nextInt(300);
      int customers = 1 + rnd.nextInt(60);
      String previous = null;
      for (int i = 0; i < rows; i++) {
        int c = rnd.nextInt(customers);
        String id = numeric ? String.valueOf(c * 7 + (c % 3 == 0 ? 1_000_000_007L : 0)) : "c" + c;
        if (!numeric && c % 5 == 0) {
          id = nonAscii + c;
        }
        String date =
            java.time.LocalDate.of(2024, 1, 1).plusDays(rnd.nextInt(clean ? 500 : 600)).toString();
        String amount = String.format(java.util.Locale.ROOT, "%.2f", rnd.nextInt(20000) / 100.0);
        String line;
        int kind = rnd.nextInt(100);
        if (clean && kind >= 8) {
          kind = 99;
        }
        if (kind < 3 && previous != null) {
          line = previous; // a duplicate row
        } else if (kind < 5) {
          line = rnd.nextBoolean() ? "" : "  \t ";
        } else if (kind < 7) {
          line = "\"" + id + "\"" + d + date + d + "\"" + amount + "\"";
        } else if (kind < 8) {
          line = " " + id + " " + d + " " + date + d + amount + " ";
        } else if (kind < 9) {
          line = id + d + "2024-02-30" + d + amount;
        } else if (kind < 10) {
          line = id + d + date + "T10:15" + d + amount;
        } else if (kind < 11) {
          line = id + d + date + d + "abc";
        } else if (kind < 12) {
          line = id + d + date + d + "-" + amount;
        } else if (kind < 13) {
          line = "lonely";
        } else if (kind < 14) {
          line = d + date + d + amount;
        } else if (kind < 15) {
          line = id + d + date + d + "0";
        } else if (kind < 16) {
          line = "\"" + id + "\"x" + d + date + d + amount;
        } else if (kind < 17 && quotedNewlines) {
          line = "\"" + id + eol + "more\"" + d + date + d + amount;
        } else if (kind < 18) {
          line = id + d + date + d + amount + d + "\"extra \"\"quoted\"\" text\"";
        } else if (kind < 19 && longRow) {
          line = id + d + date + d + amount + d + "x".repeat(70_000);
        } else {
          line = id + d + date + d + amount;
        }
        byte[] bytes = line.getBytes(log.charset);
        if (kind >= 19 && kind < 20) {
          // a byte that is not text in UTF-8 or GB18030 (valid in ISO-8859-1)
          out.write(bytes, 0, bytes.length);
          out.write(0xFF);
        } else {
          out.write(bytes);
        }
        previous = line;
        if (i < rows - 1 || lastLineEnd) {
          out.write(eol.getBytes(log.charset));
        }
      }
      if (rnd.nextInt(20) == 0) {
        out.write(("\"open" + d + "2024-01-01" + d + "1").getBytes(log.charset));
      }
      log.bytes = out.toByteArray();
      return log;
    }
  }
}
