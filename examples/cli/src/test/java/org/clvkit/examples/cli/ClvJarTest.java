package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded, runnable {@code target/clv.jar} as the README runs it: {@code java -jar clv.jar
 * report}. Run by failsafe after packaging (the jar's path comes in the {@code clv.jar} system
 * property).
 */
class ClvJarTest {
  @TempDir Path dir;

  private static String jar() {
    String jar = System.getProperty("clv.jar");
    assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "no clv.jar at " + jar);
    return jar;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void jar_reportWithoutInput_writesTheReportOfTheBundledData() throws Exception {
    Cli.Result r = Cli.exec(List.of(java(), "-jar", jar(), "report", "-o", "clv-report"), 300, dir);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(Files.isRegularFile(dir.resolve("clv-report/report.html")), r::toString);
    assertTrue(r.out().contains("BG/NBD fitted on 2357 customers"), r::toString);
  }

  @Test
  void jar_noCommand_printsUsageAndExitsWithTheUsageCode() throws Exception {
    Cli.Result r = Cli.exec(List.of(java(), "-jar", jar()), 60, dir);
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertTrue(r.err().startsWith("error: a command must be given"), r::toString);
  }
}
