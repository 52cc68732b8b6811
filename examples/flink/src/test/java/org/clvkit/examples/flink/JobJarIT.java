package org.clvkit.examples.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.JarFile;
import org.apache.flink.client.ClientUtils;
import org.apache.flink.client.deployment.executors.RemoteExecutor;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.DefaultExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Submits the shaded job jar the way {@code flink run} does: a {@link PackagedProgram} from the jar
 * (its manifest's {@code Main-Class}, a user-code class loader over the jar alone) executed through
 * {@link ClientUtils#executeProgram} against a running cluster (a {@link MiniCluster} on 127.0.0.1)
 * with the {@code remote} executor. Failsafe runs this after {@code package}, with clvkit's classes
 * kept off the test class path (see the pom), so the job finds them in the jar or fails.
 *
 * <p>Reference: the report of the bundled CDNOW sample (6,919 rows, 6,696 after merging same-day
 * purchases; see {@code CdnowStreamTest} for the counts checked against the single-JVM library).
 */
class JobJarIT {
  static File jobJar() {
    File jar = new File(System.getProperty("job.jar", "target/missing-job.jar"));
    assertTrue(jar.isFile(), "job jar " + jar + " (run mvn package first)");
    return jar;
  }

  @Test
  void jobJar_holdsClvkitAndMainClassButNoFlink() throws IOException {
    try (JarFile jar = new JarFile(jobJar())) {
      assertEquals(
          "org.clvkit.examples.flink.StreamingClvJob",
          jar.getManifest().getMainAttributes().getValue("Main-Class"));
      assertTrue(jar.getEntry("org/clvkit/models/bgnbd/BgNbdModel.class") != null);
      assertTrue(jar.getEntry("org/clvkit/core/lifecycle/StageRules.class") != null);
      // The bundled default models, one file per continuous purchase model the sample supports.
      for (String id :
          List.of(
              "bgnbd", "mbgnbd", "pnbd", "nbd", "mbgcnbd", "bgcnbd", "pnbd-hb", "gamma-gamma")) {
        assertTrue(jar.getEntry("cdnow/cdnow-" + id + ".properties") != null, id);
      }
      assertEquals(
          List.of(),
          jar.stream()
              .map(e -> e.getName())
              .filter(n -> n.startsWith("org/apache/flink/") || n.startsWith("net/jpountz/"))
              .limit(3)
              .toList());
    }
  }

  @Test
  void clvkit_notOnTestClassPath() {
    assertThrows(
        ClassNotFoundException.class, () -> Class.forName("org.clvkit.models.bgnbd.BgNbdModel"));
  }

  @Test
  void run_jobJarOnCluster_printsReportOfBundledLog() throws Exception {
    Configuration cluster = new Configuration();
    cluster.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    cluster.set(RestOptions.ADDRESS, "127.0.0.1");
    cluster.set(RestOptions.BIND_PORT, "0");
    cluster.set(org.apache.flink.configuration.JobManagerOptions.ADDRESS, "127.0.0.1");
    cluster.set(org.apache.flink.configuration.JobManagerOptions.BIND_HOST, "127.0.0.1");
    cluster.set(org.apache.flink.configuration.TaskManagerOptions.HOST, "127.0.0.1");
    cluster.set(org.apache.flink.configuration.TaskManagerOptions.BIND_HOST, "127.0.0.1");
    MiniClusterConfiguration config =
        new MiniClusterConfiguration.Builder()
            .setConfiguration(cluster)
            .setNumTaskManagers(1)
            .setNumSlotsPerTaskManager(2)
            .build();
    try (MiniCluster miniCluster = new MiniCluster(config)) {
      miniCluster.start();
      URI rest = miniCluster.getRestAddress().get();
      Configuration client = new Configuration();
      client.set(DeploymentOptions.TARGET, RemoteExecutor.NAME);
      client.set(DeploymentOptions.ATTACHED, true);
      client.set(RestOptions.ADDRESS, rest.getHost());
      client.set(RestOptions.PORT, rest.getPort());
      client.set(org.apache.flink.configuration.CoreOptions.DEFAULT_PARALLELISM, 2);
      // As `flink run` does: the job jar is shipped to the cluster with the job.
      client.set(PipelineOptions.JARS, List.of(jobJar().toURI().toURL().toString()));
      PackagedProgram program =
          PackagedProgram.newBuilder()
              .setJarFile(jobJar())
              .setConfiguration(client)
              // A non-BG/NBD default: the bundled Pareto/NBD file, found through the jar's loader.
              .setArguments("--model", "pnbd", "--margin", "0.3")
              .build();
      PrintStream console = System.out;
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
        System.setOut(capture);
        ClientUtils.executeProgram(
            new DefaultExecutorServiceLoader(), client, program, false, false);
      } finally {
        System.setOut(console);
        program.close();
      }
      String report = printed.toString(StandardCharsets.UTF_8);
      assertTrue(report.contains("events: 6919 replayed, 6919 applied, 0 late,"), report);
      assertTrue(report.contains("2357 customers"), report);
      assertTrue(report.contains("throughput: 6919 events in "), report);
    }
  }
}
