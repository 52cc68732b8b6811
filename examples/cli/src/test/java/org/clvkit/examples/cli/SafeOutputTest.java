package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.clvkit.testing.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, part 1: outputs appear complete or not at all. A run killed in the middle of writing (a
 * child JVM paused by the test hook {@link AtomicOutput#PAUSE_PROPERTY}, then killed with SIGKILL)
 * or a run that fails leaves every earlier output byte for byte; outputs that clash with an input
 * or with each other are usage errors before anything is read; outputs are checked writable before
 * the input is read.
 */
class SafeOutputTest {
  @TempDir Path dir;

  /** A seeded log: each customer buys on 1 to 6 random days of 2024, random amounts. */
  private Path log(String name, int customers) {
    SplittableRandom random = new SplittableRandom(Seeded.SEED + customers);
    LocalDate start = LocalDate.of(2024, 1, 1);
    StringBuilder text = new StringBuilder("customer_id,date,amount\n");
    for (int c = 0; c < customers; c++) {
      int first = random.nextInt(200);
      int purchases = 1 + random.nextInt(random.nextInt(6) + 1);
      for (int k = 0; k < purchases; k++) {
        int day = k == 0 ? first : first + random.nextInt(366 - first);
        text.append("c")
            .append(c)
            .append(',')
            .append(start.plusDays(day))
            .append(',')
            .append(String.format(Locale.ROOT, "%.2f", 5 + 40 * random.nextDouble()))
            .append('\n');
      }
    }
    return Cli.write(dir.resolve(name), text.toString());
  }

  /** Every regular file under {@code root}, by relative path, with its bytes. */
  private static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(root.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
    }
    return files;
  }

  private static void assertSameTree(Map<String, byte[]> before, Map<String, byte[]> after) {
    assertEquals(before.keySet(), after.keySet());
    for (String name : before.keySet()) {
      assertArrayEquals(before.get(name), after.get(name), name);
    }
  }

  /**
   * Starts {@code clv} in a child JVM that pauses after writing {@code rows} rows of an output,
   * waits for the pause, and kills it with SIGKILL.
   */
  private void killWhileWriting(int rows, Object... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-D" + AtomicOutput.PAUSE_PROPERTY + "=" + rows);
    command.add("-Djava.awt.headless=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    for (Object a : args) {
      command.add(String.valueOf(a));
    }
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Cli.read(err).contains("paused writing")) {
        assertTrue(p.isAlive(), () -> "the run ended before the pause:\n" + Cli.read(err));
        assertTrue(System.nanoTime() < deadline, () -> "no pause:\n" + Cli.read(err));
        Thread.sleep(50);
      }
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  @Test
  void summarize_killedWhileWriting_leavesTheEarlierFileByteForByte() throws Exception {
    Path summary = dir.resolve("summary.csv");
    Cli.Result first = Cli.run("summarize", log("a.csv", 600), "-o", summary);
    assertEquals(ExitCodes.OK, first.code(), first::toString);
    byte[] before = Files.readAllBytes(summary);
    killWhileWriting(100, "summarize", log("b.csv", 900), "-o", summary);
    assertArrayEquals(before, Files.readAllBytes(summary));
  }

  @Test
  void report_killedWhileWriting_leavesTheEarlierReportByteForByte() throws Exception {
    Path report = dir.resolve("report");
    Path rejects = dir.resolve("skipped.csv");
    Cli.Result first = Cli.run("report", "-o", report, "--progress", "never");
    assertEquals(ExitCodes.OK, first.code(), first::toString);
    Map<String, byte[]> before = tree(report);
    killWhileWriting(
        200, "report", log("b.csv", 900), "-o", report, "--on-bad-row=skip", "--rejects", rejects);
    assertSameTree(before, tree(report));
    assertFalse(Files.exists(rejects), "the rejects file is committed with the report");
  }

  @Test
  void report_failingRun_leavesTheEarlierReportAndNoStagingFolder() throws IOException {
    Path report = dir.resolve("report");
    Cli.Result first = Cli.run("report", "-o", report, "--progress", "never");
    assertEquals(ExitCodes.OK, first.code(), first::toString);
    Map<String, byte[]> before = tree(report);
    Path once = Cli.write(dir.resolve("once.csv"), "customer_id,date,amount\na,2024-01-02,5\n");
    Cli.Result failed = Cli.run("report", once, "-o", report, "--progress", "never");
    assertNotEquals(ExitCodes.OK, failed.code(), failed::toString);
    assertSameTree(before, tree(report));
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(
          List.of(),
          siblings.filter(p -> p.getFileName().toString().startsWith(".report.")).toList());
    }
  }

  @Test
  void report_intoAFolderOfOtherFiles_isAUsageErrorAndTouchesNothing() throws IOException {
    Path folder = dir.resolve("documents");
    Cli.write(folder.resolve("thesis.txt"), "years of work\n");
    Map<String, byte[]> before = tree(folder);
    Cli.Result r = Cli.run("report", "-o", folder, "--progress", "never");
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertEquals(
        "error: -o/--output "
            + folder
            + " must be a new or empty folder or one written by clv, was a folder of other files"
            + " (clv replaces the whole folder)",
        r.firstErrorLine());
    assertSameTree(before, tree(folder));
  }

  @Test
  void report_inputInsideTheOutputFolder_isAUsageError() {
    Path report = dir.resolve("report");
    Path input = log("report/orders.csv", 10);
    Cli.Result r = Cli.run("report", input, "-o", report, "--progress", "never");
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertEquals(
        "error: TRANSACTIONS "
            + input
            + " is inside the output folder -o/--output "
            + report
            + ", which is replaced as a whole: choose another folder",
        r.firstErrorLine());
  }

  @Test
  void summarize_outputIsTheInput_isAUsageErrorAndTheInputIsKept() throws IOException {
    Path input = log("orders.csv", 10);
    byte[] before = Files.readAllBytes(input);
    Path sameByAnotherName = dir.resolve("sub/../orders.csv");
    Cli.Result r = Cli.run("summarize", input, "-o", sameByAnotherName);
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertEquals(
        "error: -o/--output "
            + sameByAnotherName
            + " and TRANSACTIONS "
            + input
            + " are the same file ("
            + input.toRealPath()
            + "): an output must not overwrite an input",
        r.firstErrorLine());
    assertArrayEquals(before, Files.readAllBytes(input));
  }

  @Test
  void summarize_rejectsIsTheInput_isAUsageErrorAndTheInputIsKept() throws IOException {
    Path input = log("orders.csv", 10);
    byte[] before = Files.readAllBytes(input);
    Cli.Result r =
        Cli.run("summarize", input, "--on-bad-row=skip", "--rejects", input, "-o", "s.csv");
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertEquals(
        "error: --rejects "
            + input
            + " and TRANSACTIONS "
            + input
            + " are the same file ("
            + input.toRealPath()
            + "): an output must not overwrite an input",
        r.firstErrorLine());
    assertArrayEquals(before, Files.readAllBytes(input));
  }

  @Test
  void summarize_rejectsIsTheOutput_isAUsageError() throws IOException {
    Path input = log("orders.csv", 10);
    Path out = dir.resolve("out.csv");
    Cli.Result r = Cli.run("summarize", input, "--on-bad-row=skip", "--rejects", out, "-o", out);
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertEquals(
        "error: --rejects "
            + out
            + " and -o/--output "
            + out
            + " are the same file ("
            + dir.toRealPath().resolve("out.csv")
            + "): an output must not overwrite another output",
        r.firstErrorLine());
  }

  @Test
  void summarize_unwritableOutput_failsBeforeReadingTheInput() {
    Path input = Cli.write(dir.resolve("bad.csv"), "customer_id,date,amount\na,not a date,1\n");
    Path blocker = Cli.write(dir.resolve("file"), "x");
    Cli.Result r = Cli.run("summarize", input, "-o", blocker.resolve("summary.csv"));
    assertEquals(ExitCodes.IO, r.code(), r::toString);
    assertTrue(r.firstErrorLine().startsWith("error: " + blocker + ": cannot write"), r::toString);
  }

  @Test
  void fit_oldOutSpelling_stillWorksWithAWarning() throws IOException {
    Path summary = CdnowSample.summarize(dir);
    Cli.Result r = Cli.run("fit", summary, "-m", "bgnbd", "--out", dir.resolve("models"));
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertEquals(
        "warning: --out is deprecated and will be removed: use -o/--output", r.firstErrorLine());
    assertTrue(Files.isRegularFile(dir.resolve("models/bgnbd.properties")));
    Cli.Result both =
        Cli.run("fit", summary, "-m", "bgnbd", "--out", dir.resolve("a"), "-o", dir.resolve("b"));
    assertEquals(ExitCodes.USAGE, both.code(), both::toString);
  }
}
