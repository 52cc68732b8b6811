package org.clvkit.models;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The {@link PurchaseModelContract} in discrete time ({@link DiscretePurchaseModel}): whole
 * horizons and opportunities, x &lt;= t_x &lt;= n, and non-integer times rejected with the integer
 * rule's message.
 */
public abstract class DiscretePurchaseModelContract extends PurchaseModelContract {

  @Override
  protected double horizon(double logT) {
    return Math.ceil(Math.pow(10, logT));
  }

  @Override
  protected double half(double t) {
    return Math.floor(t / 2);
  }

  @Override
  protected History randomHistory(SplittableRandom random) {
    int n = 1 + random.nextInt(50);
    int x = random.nextInt(4) == 0 ? 0 : Math.min(random.nextInt(30), n);
    int recency = x == 0 ? 0 : Math.min(Math.max(random.nextInt(n + 1), x), n);
    return new History(x, recency, n);
  }

  @Override
  protected Gen<History> histories() {
    Gen<Integer> opportunities = integers().between(1, 10_000);
    Gen<Double> share = doubles().between(0, 1);
    return opportunities.zip(
        share,
        share,
        (n, u, v) -> {
          int recency = Math.min((int) Math.floor(u * (n + 1)), n);
          int x = Math.min((int) Math.floor(v * (recency + 1)), recency);
          return new History(x, x == 0 ? 0 : recency, n);
        });
  }

  @Test
  void nonIntegerTimes_areRejected() {
    PurchaseModel m = model(typicalParameters());
    assertRejects("t must be a whole number >= 0, was 2.5", () -> m.expectedPurchases(2.5));
    assertRejects(
        "t must be a whole number >= 0, was 2.5",
        () -> m.conditionalExpectedPurchases(2.5, 1, 2, 6));
    assertRejects("age must be a whole number >= 0, was 6.5", () -> m.probabilityAlive(1, 2, 6.5));
  }
}
