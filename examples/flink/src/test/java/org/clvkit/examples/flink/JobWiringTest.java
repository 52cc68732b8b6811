package org.clvkit.examples.flink;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.junit.jupiter.api.Test;

/** The pieces that assemble the job: their configuration and their argument checks. */
class JobWiringTest {
  static final CustomerLifetimeValue MODEL =
      ModelLoading.fromParameters(ModelLoading.CDNOW_BG_NBD, ModelLoading.CDNOW_GAMMA_GAMMA, 1.0);

  @Test
  void loopbackConfiguration_bindsEveryEndpointTo127001() {
    Configuration conf = LocalFlink.loopbackConfiguration();
    assertEquals("127.0.0.1", conf.get(JobManagerOptions.ADDRESS));
    assertEquals("127.0.0.1", conf.get(JobManagerOptions.BIND_HOST));
    assertEquals("127.0.0.1", conf.get(TaskManagerOptions.HOST));
    assertEquals("127.0.0.1", conf.get(TaskManagerOptions.BIND_HOST));
    assertEquals("127.0.0.1", conf.get(RestOptions.ADDRESS));
    assertEquals("127.0.0.1", conf.get(RestOptions.BIND_ADDRESS));
    assertEquals("0", conf.get(RestOptions.BIND_PORT));
    assertEquals(false, conf.get(PipelineOptions.GENERIC_TYPES));
  }

  @Test
  void types_haveFlinkSerializersWithoutKryo() {
    for (Class<?> type :
        List.of(Purchase.class, CustomerScore.class, SkippedPurchase.class, CustomerState.class)) {
      assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(type), type.getName());
    }
  }

  @Test
  void builders_rejectMissingArguments() throws Exception {
    ScoringSettings settings = ScoringSettings.weekly();
    assertRejects("parallelism must be > 0, was 0", () -> LocalFlink.environment(0));
    assertRejects("settings must not be null", () -> new CustomerScoringFunction(null, MODEL));
    assertRejects("value must not be null", () -> new CustomerScoringFunction(settings, null));
    assertRejects(
        "purchases must not be null", () -> StreamingClvJob.scores(null, settings, MODEL));
    assertRejects(
        "env must not be null", () -> StreamingClvJob.replay(null, List.of(), Duration.ZERO));
    assertRejects(
        "purchases must not be null",
        () -> StreamingClvJob.replay(LocalFlink.environment(1), null, Duration.ZERO));
    assertRejects(
        "settings must not be null",
        () -> StreamingClvJob.run(LocalFlink.environment(1), List.of(), null, MODEL));
    assertRejects("scores must not be null", () -> new StreamingClvJob.Result(null, List.of()));
    assertRejects("skipped must not be null", () -> new StreamingClvJob.Result(List.of(), null));
  }
}
