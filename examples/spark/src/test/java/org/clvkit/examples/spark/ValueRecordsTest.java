package org.clvkit.examples.spark;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.clvkit.core.data.PolicyCounts;
import org.clvkit.core.lifecycle.StageRules;
import org.clvkit.core.rfm.RfmScorer;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.junit.jupiter.api.Test;

/** The validation rules of the job's value records, one test per rule. */
class ValueRecordsTest {
  static final BgNbdModel PURCHASES =
      BgNbdModel.of(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
  static final GammaGammaModel SPEND =
      GammaGammaModel.of(new GammaGammaParameters(6.25, 3.74, 15.44));
  static final CustomerLifetimeValue VALUE = CustomerLifetimeValue.of(PURCHASES, SPEND, 1);
  static final RfmScorer RFM =
      RfmScorer.fit(new double[] {1, 2}, new double[] {0, 1}, new double[] {5, 9});
  static final StageRules RULES = StageRules.of(4, 8, 26);
  static final LocalDateTime AS_OF = LocalDateTime.of(1997, 9, 30, 0, 0);

  static ScoringModels models(int horizon, double rate) {
    return new ScoringModels(PURCHASES, SPEND, VALUE, RFM, RULES, AS_OF, horizon, rate);
  }

  @Test
  void scoringModels_nullPart_rejected() {
    assertRejects(
        "purchases must not be null",
        () -> new ScoringModels(null, SPEND, VALUE, RFM, RULES, AS_OF, 1, 0));
    assertRejects(
        "rfm must not be null",
        () -> new ScoringModels(PURCHASES, SPEND, VALUE, null, RULES, AS_OF, 1, 0));
    assertRejects(
        "asOf must not be null",
        () -> new ScoringModels(PURCHASES, SPEND, VALUE, RFM, RULES, null, 1, 0));
  }

  @Test
  void scoringModels_badHorizon_rejected() {
    assertRejects("horizon must be > 0, was -3", () -> models(-3, 0));
  }

  @Test
  void scoringModels_badDiscountRate_rejected() {
    assertRejects(
        "discountRate must be finite and > -1.0, was Infinity",
        () -> models(1, Double.POSITIVE_INFINITY));
  }

  @Test
  void jobResult_negativeCount_rejected() {
    assertRejects(
        "rows must be in [0, 9223372036854775807], was -1",
        () -> new JobResult(-1, PolicyCounts.NONE, 0, 0, 0, 0, models(1, 0), "out"));
    assertRejects(
        "spendPatterns must be >= 0, was -2",
        () -> new JobResult(0, PolicyCounts.NONE, 0, 0, 0, -2, models(1, 0), "out"));
  }

  @Test
  void jobResult_nullPart_rejected() {
    assertRejects(
        "policyCounts must not be null",
        () -> new JobResult(0, null, 0, 0, 0, 0, models(1, 0), "out"));
    assertRejects(
        "output must not be null",
        () -> new JobResult(0, PolicyCounts.NONE, 0, 0, 0, 0, models(1, 0), null));
  }

  @Test
  void jobResult_describe_namesCountsAndParameters() {
    JobResult result =
        new JobResult(6919, new PolicyCounts(8, 0, 0, 0), 2357, 0, 1000, 900, models(1, 0), "x");
    String text = result.describe();
    assertEquals(
        java.util.Map.of("r", 0.243, "alpha", 4.414, "a", 0.793, "b", 2.426),
        result.purchaseParameters());
    assertEquals(
        java.util.List.of("r", "alpha", "a", "b"),
        java.util.List.copyOf(result.purchaseParameters().keySet()));
    assertEquals(
        true,
        text.contains("6,919")
            && text.contains("2,357")
            && text.contains(
                "BG/NBD:         {r=0.243, alpha=4.414, a=0.793, b=2.426}, fitted on 1,000 patterns")
            && text.contains("Gamma-Gamma:    {p=")
            && text.contains("1,000 patterns"),
        text);
  }

  static SyntheticLog log(int customers, int cohortDays, LocalDate end) {
    return new SyntheticLog(
        PURCHASES.parameters(),
        SPEND.parameters(),
        customers,
        LocalDate.of(1997, 1, 1),
        cohortDays,
        end,
        1);
  }

  @Test
  void syntheticLog_noCustomers_rejected() {
    assertRejects("customers must be > 0, was 0", () -> log(0, 10, LocalDate.of(1997, 9, 30)));
  }

  @Test
  void syntheticLog_emptyCohortWindow_rejected() {
    assertRejects("cohortDays must be > 0, was 0", () -> log(1, 0, LocalDate.of(1997, 9, 30)));
  }

  @Test
  void syntheticLog_cohortAfterCalibrationEnd_rejected() {
    assertRejects(
        "cohortStart + cohortDays = 1997-01-11 must not be after calibrationEnd = 1997-01-05",
        () -> log(1, 10, LocalDate.of(1997, 1, 5)));
  }

  @Test
  void syntheticLog_partition_isSeededAndSplitsTheCustomers() {
    SyntheticLog log = log(10, 30, LocalDate.of(1997, 9, 30));
    assertEquals(log.partition(1, 3), log.partition(1, 3));
    long customers =
        java.util.stream.IntStream.range(0, 3)
            .mapToObj(p -> log.partition(p, 3))
            .flatMap(java.util.List::stream)
            .map(row -> row.getString(0))
            .distinct()
            .count();
    assertEquals(10, customers);
  }
}
