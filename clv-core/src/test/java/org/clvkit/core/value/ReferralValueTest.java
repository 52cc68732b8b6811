package org.clvkit.core.value;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Seeded;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class ReferralValueTest {
  private static final Tolerance CLOSE = Tolerance.relative(1e-12).or(Tolerance.absolute(1e-9));

  @Test
  void chain_noReferralsGivesZeroReferralValue() {
    ReferralValue none =
        ReferralValue.builder()
            .referralsPerPeriod(0, 4)
            .incrementalShare(0.5)
            .referredCustomerValue(300)
            .acquisitionCostSaved(50)
            .rewardPerReferral(10)
            .discount(0.1)
            .directValue(700)
            .build();
    ReferralChain chain = none.chain(5);
    assertEquals(0.0, chain.referralValue());
    assertEquals(0.0, chain.expectedReferredCustomers());
    assertEquals(700.0, chain.totalValue());
    assertTrue(Arrays.stream(chain.referralValueByPeriod()).allMatch(v -> v == 0));
    assertEquals(new ReferralTotals(700, 0, 0), none.infiniteChain());
  }

  @Test
  void chain_oneGenerationEqualsHandComputation() {
    ReferralValue referrals =
        ReferralValue.builder()
            .referralSchedule(1.0, 0.5)
            .incrementalShare(0.6)
            .referredCustomerValue(200)
            .acquisitionCostSaved(50)
            .rewardPerReferral(20)
            .discount(0.1)
            .directValue(400)
            .build();
    // By hand: u = 0.6 * 200 + 0.4 * 50 - 20 = 120 per referral. One referral joins at the end of
    // period 1 (120 / 1.1) and half a referral at the end of period 2 (0.5 * 120 / 1.1^2).
    CLOSE.check("u", 120, referrals.valuePerReferral());
    ReferralChain chain = referrals.chain(1);
    assertEquals(1, chain.generations());
    CLOSE.check("referral value", 120 / 1.1 + 60 / 1.21, chain.referralValue());
    CLOSE.check("total", 400 + 120 / 1.1 + 60 / 1.21, chain.totalValue());
    assertArrayEquals(new double[] {1, 1.5}, chain.customersByGeneration());
    assertArrayEquals(new double[] {0, 1, 0.5}, chain.referredCustomersByPeriod());
    double[] byPeriod = chain.referralValueByPeriod();
    assertEquals(3, byPeriod.length);
    assertEquals(0.0, byPeriod[0]);
    CLOSE.check("period 1", 120 / 1.1, byPeriod[1]);
    CLOSE.check("period 2", 60 / 1.21, byPeriod[2]);
    CLOSE.check("generation 0", 400, chain.valueByGeneration()[0]);
  }

  @Test
  void chain_twoGenerationsEqualHandComputation() {
    // Schedule [0.5] (one period), no discounting, u = V = 100: generation 1 has 0.5 customers at
    // period 1, generation 2 has 0.25 at period 2.
    ReferralValue referrals =
        ReferralValue.builder().referralSchedule(0.5).referredCustomerValue(100).build();
    ReferralChain chain = referrals.chain(2);
    assertArrayEquals(new double[] {0, 50, 25}, chain.valueByGeneration());
    assertArrayEquals(new double[] {0, 50, 25}, chain.referralValueByPeriod());
    assertArrayEquals(new double[] {1, 0.5, 0.25}, chain.customersByGeneration());
  }

  /** The chain is a geometric series: generation g is worth u β^g and has R^g customers. */
  @Test
  void chain_equalsGeometricSeriesClosedForm() {
    Seeded.qt()
        .forAll(
            longs().all(),
            integers().between(1, 6),
            integers().between(0, 25),
            doubles().between(0, 0.3))
        .checkAssert(
            (seed, length, generations, discount) -> {
              ReferralValue referrals = random(new SplittableRandom(seed), length, discount, 0.95);
              double u = referrals.valuePerReferral();
              double r = referrals.expectedReferralsPerCustomer();
              double beta = referrals.discountedReferralsPerCustomer();
              ReferralChain chain = referrals.chain(generations);
              double[] values = chain.valueByGeneration();
              double[] customers = chain.customersByGeneration();
              for (int g = 1; g <= generations; g++) {
                CLOSE.check("value of generation " + g, u * Math.pow(beta, g), values[g]);
                CLOSE.check("customers of generation " + g, Math.pow(r, g), customers[g]);
              }
              double partial =
                  beta == 1 ? generations : beta * (1 - Math.pow(beta, generations)) / (1 - beta);
              CLOSE.check("referral value", u * partial, chain.referralValue());
            });
  }

  @Test
  void infiniteChain_isTheLimitOfTheFiniteChains() {
    Seeded.qt()
        .forAll(longs().all(), integers().between(1, 4), doubles().between(0, 0.3))
        .checkAssert(
            (seed, length, discount) -> {
              ReferralValue referrals = random(new SplittableRandom(seed), length, discount, 0.7);
              assertTrue(referrals.converges());
              ReferralTotals infinite = referrals.infiniteChain();
              ReferralTotals longChain = referrals.chain(200).totals();
              CLOSE.check("referral value", infinite.referralValue(), longChain.referralValue());
              CLOSE.check(
                  "referred customers",
                  infinite.expectedReferredCustomers(),
                  longChain.expectedReferredCustomers());
              CLOSE.check("total", infinite.totalValue(), longChain.totalValue());
            });
  }

  @Test
  void chain_periodAndGenerationSplitsAddUp() {
    Seeded.qt()
        .forAll(longs().all(), integers().between(1, 5), integers().between(0, 12))
        .checkAssert(
            (seed, length, generations) -> {
              ReferralValue referrals = random(new SplittableRandom(seed), length, 0.08, 1.5);
              ReferralChain chain = referrals.chain(generations);
              double byPeriod = Arrays.stream(chain.referralValueByPeriod()).sum();
              double byGeneration = Arrays.stream(chain.valueByGeneration()).sum();
              CLOSE.check("value", chain.referralValue(), byPeriod);
              CLOSE.check("value with direct", chain.totalValue(), byGeneration);
              CLOSE.check(
                  "customers",
                  chain.expectedReferredCustomers(),
                  Arrays.stream(chain.referredCustomersByPeriod()).sum());
              assertEquals(generations * length + 1, chain.referralValueByPeriod().length);
              assertEquals(
                  chain.totals(),
                  new ReferralTotals(
                      chain.directValue(),
                      chain.referralValue(),
                      chain.expectedReferredCustomers()));
            });
  }

  /**
   * Reference: referral_chain.csv, exact rational arithmetic (coefficients of P(z)^g); tolerance
   * relative 1e-12 or absolute 1e-9.
   */
  @Test
  void chain_matchesIndependentReference() {
    ReferenceTable table = ReferenceTable.load("referral_chain.csv");
    for (int i = 0; i < table.size(); i++) {
      ReferralValue referrals =
          ReferralValue.builder()
              .referralSchedule(
                  Arrays.stream(table.text(i, "schedule").split(";"))
                      .mapToDouble(Double::parseDouble)
                      .toArray())
              .incrementalShare(table.number(i, "incremental_share"))
              .referredCustomerValue(table.number(i, "referred_value"))
              .acquisitionCostSaved(table.number(i, "acquisition_cost_saved"))
              .rewardPerReferral(table.number(i, "reward"))
              .discount(table.number(i, "discount"))
              .directValue(table.number(i, "direct_value"))
              .build();
      int generations = (int) table.number(i, "generations");
      ReferralChain chain = referrals.chain(generations);
      CLOSE.check("row " + i + " value", table.number(i, "referral_value"), chain.referralValue());
      CLOSE.check(
          "row " + i + " customers",
          table.number(i, "referred_customers"),
          chain.expectedReferredCustomers());
      CLOSE.check(
          "row " + i + " last generation",
          table.number(i, "last_generation_value"),
          chain.valueByGeneration()[generations]);
      CLOSE.check("row " + i + " direct", table.number(i, "direct_value"), chain.directValue());
    }
    assertEquals(6, table.size());
  }

  @Test
  void referralsPerPeriod_isAConstantSchedule() {
    ReferralValue constant =
        ReferralValue.builder().referralsPerPeriod(0.2, 3).referredCustomerValue(10).build();
    assertArrayEquals(new double[] {0.2, 0.2, 0.2}, constant.referralSchedule());
    // 0.2 + 0.2 + 0.2 = 0.6, summed in doubles (0.6000000000000001): one rounding per term.
    assertEquals(0.6, constant.expectedReferralsPerCustomer(), 3 * Math.ulp(0.6));
    assertEquals(1.0, constant.incrementalShare());
    assertEquals(0.0, constant.discount());
  }

  @Test
  void infiniteChain_saysThatItDivergesWhenEachCustomerReplacesThemselves() {
    ReferralValue viral =
        ReferralValue.builder().referralSchedule(0.5, 0.5).referredCustomerValue(100).build();
    assertFalse(viral.converges());
    assertRejects(
        "infinite referral chain diverges: expected referrals per customer = 1.0 must be < 1.0",
        viral::infiniteChain);
    // Finite generations remain available: 2 generations of 1 expected customer each.
    assertEquals(2.0, viral.chain(2).expectedReferredCustomers());
  }

  @Test
  void serialization_roundTrips() throws Exception {
    ReferralValue referrals =
        ReferralValue.builder()
            .referralSchedule(0.3, 0.2)
            .incrementalShare(0.4)
            .referredCustomerValue(250)
            .acquisitionCostSaved(70)
            .rewardPerReferral(15)
            .discount(0.09)
            .directValue(-40)
            .build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(referrals);
    }
    ReferralValue copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (ReferralValue) in.readObject();
    }
    assertEquals(referrals.infiniteChain(), copy.infiniteChain());
    assertArrayEquals(referrals.referralSchedule(), copy.referralSchedule());
  }

  @Test
  void build_rejectsInvalidInputs() {
    assertRejects("referralSchedule must not be null", () -> ReferralValue.builder().build());
    assertRejects(
        "referralSchedule must not be null", () -> ReferralValue.builder().referralSchedule(null));
    assertRejects(
        "referralSchedule must not be empty",
        () -> ReferralValue.builder().referralSchedule().build());
    assertRejects(
        "referralSchedule[1] must be finite and >= 0, was -0.1",
        () -> ReferralValue.builder().referralSchedule(0.2, -0.1).build());
    assertRejects(
        "referralsPerPeriod must be finite and >= 0, was NaN",
        () -> ReferralValue.builder().referralsPerPeriod(Double.NaN, 2));
    assertRejects(
        "periods must be > 0, was 0", () -> ReferralValue.builder().referralsPerPeriod(0.1, 0));
    assertRejects(
        "incrementalShare must be in [0, 1], was 1.5",
        () -> ReferralValue.builder().referralSchedule(0.1).incrementalShare(1.5).build());
    assertRejects(
        "referredCustomerValue must be finite, was -Infinity",
        () ->
            ReferralValue.builder()
                .referralSchedule(0.1)
                .referredCustomerValue(Double.NEGATIVE_INFINITY)
                .build());
    assertRejects(
        "acquisitionCostSaved must be finite and >= 0, was -5.0",
        () -> ReferralValue.builder().referralSchedule(0.1).acquisitionCostSaved(-5).build());
    assertRejects(
        "rewardPerReferral must be finite and >= 0, was -1.0",
        () -> ReferralValue.builder().referralSchedule(0.1).rewardPerReferral(-1).build());
    assertRejects(
        "discount must be finite and >= 0, was -0.2",
        () -> ReferralValue.builder().referralSchedule(0.1).discount(-0.2).build());
    assertRejects(
        "directValue must be finite, was NaN",
        () -> ReferralValue.builder().referralSchedule(0.1).directValue(Double.NaN).build());
    assertRejects(
        "expectedReferralsPerCustomer must be finite, was Infinity",
        () -> ReferralValue.builder().referralSchedule(Double.MAX_VALUE, Double.MAX_VALUE).build());
    assertRejects(
        "valuePerReferral must be finite, was -Infinity",
        () ->
            ReferralValue.builder()
                .referralSchedule(0.1)
                .referredCustomerValue(-Double.MAX_VALUE)
                .rewardPerReferral(Double.MAX_VALUE)
                .build());
  }

  @Test
  void chain_rejectsNegativeAndHugeGenerations() {
    ReferralValue referrals = ReferralValue.builder().referralsPerPeriod(0.1, 10).build();
    assertRejects("generations must be >= 0, was -1", () -> referrals.chain(-1));
    assertRejects(
        "generations * referralSchedule length must be <= 1000000, was 1000010",
        () -> referrals.chain(100_001));
  }

  /**
   * A random referral model whose expected referrals per customer are below {@code maxReferrals}.
   */
  private static ReferralValue random(
      SplittableRandom random, int length, double discount, double maxReferrals) {
    double[] schedule = new double[length];
    double budget = random.nextDouble(0, maxReferrals);
    for (int t = 0; t < length; t++) {
      schedule[t] = budget / length * random.nextDouble(0, 1);
    }
    return ReferralValue.builder()
        .referralSchedule(schedule)
        .incrementalShare(random.nextDouble(0, 1))
        .referredCustomerValue(random.nextDouble(-100, 1000))
        .acquisitionCostSaved(random.nextDouble(0, 200))
        .rewardPerReferral(random.nextDouble(0, 50))
        .discount(discount)
        .directValue(random.nextDouble(-200, 800))
        .build();
  }
}
