package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bin/clv} launcher (issue 12, part 3: bounded memory without JVM flags): it runs {@code
 * clv.jar} with a default heap of 64 MiB + 3.5 x the first input file's size (at least 256 MiB),
 * and an {@code -Xmx} in {@code CLV_JAVA_OPTS} wins. Run by failsafe after packaging.
 */
class ClvLauncherJarTest {
  @TempDir Path dir;

  /** The launcher's output (stdout and stderr) with {@code CLV_JAVA_OPTS} and the arguments. */
  private static String run(String options, String... args) throws Exception {
    return runWithGc(null, options, args);
  }

  /** As {@link #run(String, String...)}, with {@code CLV_GC_OPTS} when not null. */
  private static String runWithGc(String gc, String options, String... args) throws Exception {
    return runWith(gc, null, options, args);
  }

  /** As {@link #runWithGc}, with {@code CLV_JIT_OPTS} when not null. */
  private static String runWith(String gc, String jit, String options, String... args)
      throws Exception {
    Path launcher = Path.of("bin", "clv").toAbsolutePath();
    List<String> command = new java.util.ArrayList<>(List.of("sh", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("CLV_JAR", System.getProperty("clv.jar"));
    env.put("CLV_JAVA_OPTS", options);
    env.remove("JAVA_OPTS");
    if (gc != null) {
      env.put("CLV_GC_OPTS", gc);
    } else {
      env.remove("CLV_GC_OPTS");
    }
    if (jit != null) {
      env.put("CLV_JIT_OPTS", jit);
    } else {
      env.remove("CLV_JIT_OPTS");
    }
    env.put(
        "PATH",
        Path.of(System.getProperty("java.home"), "bin")
            + java.io.File.pathSeparator
            + env.get("PATH"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    return out;
  }

  @Test
  void launcher_inputOf80MiB_heapOf344MiB() throws Exception {
    Path log = dir.resolve("log.csv");
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
      f.setLength(80L << 20); // sparse: only its size counts
    }
    String out = run("-XshowSettings:vm", "--version", log.toString());
    assertTrue(out.contains("Max. Heap Size: 344.00M"), out);
  }

  @Test
  void launcher_smallOrNoInput_heapOf256MiB() throws Exception {
    String out = run("-XshowSettings:vm", "--version");
    assertTrue(out.contains("Max. Heap Size: 256.00M"), out);
    assertTrue(out.contains("clv (clvkit "), out);
  }

  @Test
  void launcher_collector_parallelUnlessReplaced() throws Exception {
    String flags = "-XX:+PrintCommandLineFlags";
    String parallel = run(flags, "--version");
    assertTrue(parallel.contains("-XX:+UseParallelGC"), parallel);
    assertTrue(parallel.contains("-XX:NewRatio=4"), parallel);
    String serial = runWithGc("-XX:+UseSerialGC", flags, "--version");
    assertTrue(serial.contains("-XX:+UseSerialGC"), serial);
    assertFalse(serial.contains("-XX:+UseParallelGC"), serial);
    assertFalse(serial.contains("-XX:NewRatio=4"), serial);
  }

  @Test
  void launcher_hugePagesOnRequest_askedFor() throws Exception {
    Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean onRequest = Files.isReadable(mode) && Files.readString(mode).contains("[madvise]");
    String flags = run("-XX:+PrintCommandLineFlags", "--version");
    assertEquals(onRequest, flags.contains("-XX:+UseTransparentHugePages"), flags);
    String replaced = runWithGc("-XX:+UseSerialGC", "-XX:+PrintCommandLineFlags", "--version");
    assertFalse(replaced.contains("-XX:+UseTransparentHugePages"), replaced);
  }

  @Test
  void launcher_xmxInClvJavaOpts_wins() throws Exception {
    String out = run("-XshowSettings:vm -Xmx1g", "--version");
    assertTrue(out.contains("Max. Heap Size: 1.00G"), out);
    assertEquals(1, out.split("Max. Heap Size", -1).length - 1, out);
  }

  @Test
  void launcher_clientCompilerForSummarizeOnly_unlessReplaced() throws Exception {
    String flags = "-XX:+PrintCommandLineFlags";
    String summarize = run(flags, "summarize", "--help");
    assertTrue(summarize.contains("-XX:TieredStopAtLevel=1"), summarize);
    String fit = run(flags, "fit", "--help");
    assertFalse(fit.contains("TieredStopAtLevel"), fit);
    String version = run(flags, "--version");
    assertFalse(version.contains("TieredStopAtLevel"), version);
    String replaced = runWith(null, "", flags, "summarize", "--help");
    assertFalse(replaced.contains("TieredStopAtLevel"), replaced);
  }
}
