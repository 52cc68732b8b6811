package org.clvkit.examples.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark session: {@code local[2]}, bound to the loopback interface, no web UI, few
 * shuffle partitions. Created once per test JVM on first use and shared by the test classes
 * (starting Spark takes seconds); the JVM's exit stops it.
 */
public final class LocalSpark {
  private LocalSpark() {}

  private static final class Holder {
    static final SparkSession SESSION =
        SparkSession.builder()
            .master("local[2]")
            .appName("clvkit-spark-tests")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.adaptive.enabled", "false")
            .getOrCreate();
  }

  /** The shared session. */
  public static SparkSession session() {
    return Holder.SESSION;
  }
}
