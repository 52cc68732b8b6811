package org.clvkit.bench;

import java.util.concurrent.TimeUnit;
import org.clvkit.core.value.ReferralChain;
import org.clvkit.core.value.ReferralValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of following a referral chain generation by generation ({@link ReferralValue#chain(int)}),
 * whose work grows with generations squared times schedule length squared; the closed form of the
 * infinite chain ({@link ReferralValue#infiniteChain()}) costs a few operations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReferralChainBenchmark {
  /** Number of generations followed. */
  @Param({"5", "50"})
  public int generations;

  ReferralValue referrals;

  /** Builds a five-period referral schedule with 0.6 expected referrals per customer. */
  @Setup
  public void setup() {
    referrals =
        ReferralValue.builder()
            .referralSchedule(0.2, 0.15, 0.1, 0.1, 0.05)
            .incrementalShare(0.6)
            .referredCustomerValue(400)
            .acquisitionCostSaved(80)
            .rewardPerReferral(25)
            .discount(0.1)
            .directValue(500)
            .build();
  }

  /** The chain split by generation and by period. */
  @Benchmark
  public ReferralChain chain() {
    return referrals.chain(generations);
  }
}
