package org.clvkit.examples.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.clvkit.core.Checks;

/**
 * A local Flink environment (an in-process MiniCluster) that listens on the loopback interface
 * only, with Kryo switched off so that every type must have a Flink serializer.
 */
public final class LocalFlink {
  private LocalFlink() {}

  /**
   * The configuration: job manager, task manager, blob server, REST endpoint and result-collection
   * sockets bound to 127.0.0.1 on ephemeral ports; generic (Kryo) types disabled.
   */
  public static Configuration loopbackConfiguration() {
    Configuration conf = new Configuration();
    conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
    conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(TaskManagerOptions.HOST, "127.0.0.1");
    conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.BIND_PORT, "0");
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    return conf;
  }

  /**
   * A local environment with {@link #loopbackConfiguration()}.
   *
   * @param parallelism the default parallelism, &gt;= 1
   */
  public static StreamExecutionEnvironment environment(int parallelism) {
    Checks.positive("parallelism", parallelism);
    return StreamExecutionEnvironment.createLocalEnvironment(parallelism, loopbackConfiguration());
  }
}
