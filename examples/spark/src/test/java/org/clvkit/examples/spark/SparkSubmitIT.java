package org.clvkit.examples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submits the shaded job jar the way a cluster user does: {@code
 * org.apache.spark.deploy.SparkSubmit --master local[2] --class ... job.jar ARGS} (the class {@code
 * spark-submit} runs; it is in spark-core, so no distribution is needed) in a child JVM whose class
 * path holds Spark and its dependencies but no clvkit class: the job finds clvkit in the jar or
 * fails. Failsafe runs this after {@code package}.
 *
 * <p>Reference: the same job run in this JVM on the same input ({@link ClvSparkJob#run}), whose
 * agreement with the single-JVM library {@link CdnowSparkJobTest} checks: every output row equal.
 */
class SparkSubmitIT {
  @TempDir Path dir;

  static File jobJar() {
    File jar = new File(System.getProperty("job.jar", "target/missing-job.jar"));
    assertTrue(jar.isFile(), "job jar " + jar + " (run mvn package first)");
    return jar;
  }

  /** This JVM's class path without clvkit's modules, classes and tests. */
  static String sparkClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(
            p ->
                !p.contains("clv-core")
                    && !p.contains("clv-models")
                    && !p.contains("commons-math3")
                    && !p.endsWith("classes")
                    && !p.contains("clvkit-example"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  @Test
  void jobJar_holdsClvkitAndMainClassButNoSpark() throws IOException {
    try (JarFile jar = new JarFile(jobJar())) {
      assertEquals(
          "org.clvkit.examples.spark.ClvSparkJob",
          jar.getManifest().getMainAttributes().getValue("Main-Class"));
      assertTrue(jar.getEntry("org/clvkit/models/bgnbd/BgNbdModel.class") != null);
      assertEquals(
          List.of(),
          jar.stream()
              .map(e -> e.getName())
              .filter(
                  n ->
                      n.startsWith("org/apache/spark/")
                          || n.startsWith("scala/")
                          || n.startsWith("net/jpountz/"))
              .limit(3)
              .toList());
    }
  }

  @Test
  void sparkSubmit_jobJar_writesTheScoresOfAnInProcessRun() throws Exception {
    Path csv = dir.resolve("cdnow.csv");
    CdnowSparkJobTest.writeCsv(csv);
    Path submitted = dir.resolve("submitted");
    Path inProcess = dir.resolve("in-process");
    String[] jobArgs = {
      csv.toString(),
      "csv",
      submitted.toString(),
      "--calibration-end",
      "1997-09-30",
      "--holdout-end",
      "1998-06-30",
      "--date-pattern",
      "yyyyMMdd",
      "--zero-amounts",
      "keep",
      "--horizon",
      "39",
      "--margin",
      "0.3"
    };
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(moduleOptions());
    command.addAll(
        List.of(
            "-cp",
            sparkClassPath(),
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            "local[2]",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.sql.shuffle.partitions=4",
            "--class",
            "org.clvkit.examples.spark.ClvSparkJob",
            jobJar().getAbsolutePath()));
    command.addAll(Arrays.asList(jobArgs));
    Path log = dir.resolve("spark-submit.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "spark-submit finished");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(
        output.contains("customers:      2,357 (0 more with holdout purchases only)"), output);

    SparkSession spark = LocalSpark.session();
    jobArgs[2] = inProcess.toString();
    ClvSparkJob.run(spark, JobCommandLine.parse(jobArgs));
    Dataset<Row> expected = spark.read().parquet(inProcess.toString());
    Dataset<Row> actual = spark.read().parquet(submitted.toString());
    assertEquals(2357, actual.count());
    assertEquals(0, expected.exceptAll(actual).count());
    assertEquals(0, actual.exceptAll(expected).count());
  }

  /**
   * The module options this JVM was started with (failsafe's argLine: the pom's {@code
   * spark.jvm.flags}), which spark-submit's JVM needs too. Read from the running JVM rather than
   * from Spark 4's {@code JavaModuleOptions}, which Spark 3.5 (the {@code spark-3.5} profile)
   * lacks.
   */
  private static List<String> moduleOptions() {
    List<String> options = new ArrayList<>();
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("--add-opens")
          || argument.startsWith("--add-exports")
          || argument.equals("-XX:+IgnoreUnrecognizedVMOptions")
          || argument.startsWith("-Djdk.reflect.")
          || argument.startsWith("-Dio.netty.")) {
        options.add(argument);
      }
    }
    return options;
  }
}
