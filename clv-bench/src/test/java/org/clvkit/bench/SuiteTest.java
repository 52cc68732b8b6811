package org.clvkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.clvkit.bench.Suite.Row;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

/** The suite runner's table, target lookup and command line, without running JMH. */
class SuiteTest {

  @Test
  void table_formatsTimesCustomersPerSecondAndTargets() {
    List<Row> rows =
        List.of(
            new Row("BgNbdScoringBenchmark", "batch", 1_000_000, 1, 80, 2.5),
            new Row("ClvBenchmark", "batch", 1_000_000, 2, 400, 10),
            new Row("ClvBenchmark", "perCustomer", 1000, 1, 0.125, Double.NaN),
            new Row("ReferralChainBenchmark", "chain", Suite.NONE, Suite.NONE, 0.0015, 0.0001));
    String expected =
        """
        benchmark               method       customers  threads    ms/op     error  customers/s  \
        target                   met
        BgNbdScoringBenchmark   batch        1,000,000        1   80.000   ± 2.500   12,500,000  \
        scoring ≤ 100 ms         yes
        ClvBenchmark            batch        1,000,000        2  400.000  ± 10.000    2,500,000  \
        CLV (12 weeks) ≤ 300 ms  no
        ClvBenchmark            perCustomer      1,000        1    0.125              8,000,000
        ReferralChainBenchmark  chain                -        -    0.002   ± 0.000            -
        """;
    assertEquals(expected, Suite.table(rows));
  }

  @Test
  void customersPerSecond_isCustomersOverSeconds() {
    assertEquals(4e6, new Row("X", "m", 1_000_000, 1, 250, 1).customersPerSecond(), 1e-6);
    assertEquals(2e5, new Row("X", "m", 1000, 1, 5, 1).customersPerSecond(), 1e-9);
    assertTrue(Double.isNaN(new Row("X", "m", Suite.NONE, 1, 5, 1).customersPerSecond()));
  }

  @Test
  void target_isTheIssueRowOfClassAndMethodAtAMillionCustomers() {
    Map<String, Double> expected =
        Map.of(
            "BgNbdFitBenchmark.fit", 500.0,
            "ParetoNbdFitBenchmark.fit", 1500.0,
            "GammaGammaFitBenchmark.fit", 200.0,
            "BgNbdScoringBenchmark.batch", 100.0,
            "ClvBenchmark.batch", 300.0,
            "ClvBenchmark.batchMonths", 300.0,
            "SummariesBenchmark.summarize", 700.0,
            "GeneratorBenchmark.customers", 2000.0);
    assertEquals(expected.size(), Suite.TARGETS.size());
    expected.forEach(
        (name, millis) -> {
          String[] parts = name.split("\\.");
          for (int threads : new int[] {1, 2, Suite.NONE}) {
            assertEquals(
                millis,
                new Row(parts[0], parts[1], 1_000_000, threads, 1, 0).target().millis(),
                name);
          }
          assertNull(new Row(parts[0], parts[1], 100_000, 1, 1, 0).target(), name);
        });
    assertNull(new Row("BgNbdScoringBenchmark", "perCustomer", 1_000_000, 1, 1, 0).target());
    assertNull(new Row("GeneratorBenchmark", "transactions", 1_000_000, 1, 1, 0).target());
  }

  @Test
  void table_saysWhetherTheTargetIsMetAtItsBoundary() {
    String met = Suite.table(List.of(new Row("ClvBenchmark", "batch", 1_000_000, 1, 300, 1)));
    String missed =
        Suite.table(List.of(new Row("ClvBenchmark", "batch", 1_000_000, 1, 300.001, 1)));
    assertTrue(met.strip().endsWith("CLV (12 weeks) ≤ 300 ms  yes"), met);
    assertTrue(missed.strip().endsWith("CLV (12 weeks) ≤ 300 ms  no"), missed);
  }

  @Test
  void row_splitsJmhNameReadsParamsAndConvertsToMillis() {
    Map<String, String> params = Map.of("customers", "100000", "threads", "2");
    Row row = Suite.row("org.clvkit.bench.ClvBenchmark.batch", params::get, 1500, 30, "us/op");
    assertEquals(new Row("ClvBenchmark", "batch", 100_000, 2, 1.5, 0.03), row);
    Row plain =
        Suite.row("org.clvkit.bench.ReferralChainBenchmark.chain", name -> null, 2, 1, "s/op");
    assertEquals(
        new Row("ReferralChainBenchmark", "chain", Suite.NONE, Suite.NONE, 2000, 1000), plain);
    assertEquals(1e-6, Suite.millisPer("ns/op"));
    assertEquals(1.0, Suite.millisPer("ms/op"));
    assertTrue(Double.isNaN(Suite.millisPer("ops/ms")));
  }

  @Test
  void parse_readsRegexQuickAndCustomers() {
    Suite.Arguments defaults = Suite.parse(new String[0]);
    assertEquals(Suite.ALL, defaults.include());
    assertFalse(defaults.quick());
    assertEquals(List.of(), defaults.customers());
    Suite.Arguments given =
        Suite.parse(new String[] {"Scoring|Clv", "--quick", "--customers", "1000, 1000000"});
    assertEquals(new Suite.Arguments("Scoring|Clv", true, List.of("1000", "1000000")), given);
    assertEquals(List.of("5"), Suite.parse(new String[] {"--customers=5"}).customers());
  }

  @Test
  void parse_rejectsBadArguments() {
    assertEquals(
        "unknown option --fast",
        assertThrows(IllegalArgumentException.class, () -> Suite.parse(new String[] {"--fast"}))
            .getMessage());
    assertEquals(
        "--customers must be positive integers, was 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> Suite.parse(new String[] {"--customers", "1000,0"}))
            .getMessage());
    assertEquals(
        "--customers must be positive integers, was 1e6",
        assertThrows(
                IllegalArgumentException.class,
                () -> Suite.parse(new String[] {"--customers", "1e6"}))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> Suite.parse(new String[] {"--customers"}));
    assertThrows(IllegalArgumentException.class, () -> Suite.parse(new String[] {"a", "b"}));
  }

  @Test
  void allRegex_matchesBenchmarkClassesOnly() {
    java.util.regex.Pattern all = java.util.regex.Pattern.compile(Suite.ALL);
    assertTrue(all.matcher("org.clvkit.bench.ClvBenchmark.batch").find());
    assertTrue(all.matcher("org.clvkit.bench.BgNbdFitBenchmark.fit").find());
    assertFalse(all.matcher("org.clvkit.bench.Suite.main").find());
  }

  @Test
  void options_quickRunsOneWarmupAndTwoMeasurementSecondsInOneFork() {
    Options options = Suite.options(new Suite.Arguments("Clv", true, List.of("1000", "100000")));
    assertEquals(List.of("Clv"), options.getIncludes());
    assertEquals(1, options.getForkCount().get());
    assertEquals(List.of("-Xmx4g"), List.copyOf(options.getJvmArgsAppend().get()));
    assertEquals(1, options.getWarmupIterations().get());
    assertEquals(2, options.getMeasurementIterations().get());
    assertEquals(TimeValue.seconds(1), options.getWarmupTime().get());
    assertEquals(TimeValue.seconds(1), options.getMeasurementTime().get());
    assertEquals(List.of("1000", "100000"), List.copyOf(options.getParameter("customers").get()));
    assertEquals(Suite.RESULTS, options.getResult().get());
    Options full = Suite.options(Suite.parse(new String[0]));
    assertFalse(full.getMeasurementIterations().hasValue());
    assertFalse(full.getParameter("customers").hasValue());
  }
}
