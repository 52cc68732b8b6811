package org.clvkit.models;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.SplittableRandom;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The {@link PurchaseModelContract} in continuous time ({@link ContinuousPurchaseModel}): any
 * horizon and time &gt;= 0, and the time unit is only a unit.
 */
public abstract class ContinuousPurchaseModelContract extends PurchaseModelContract {

  @Override
  protected double horizon(double logT) {
    return Math.pow(10, logT);
  }

  @Override
  protected double half(double t) {
    return t / 2;
  }

  @Override
  protected History randomHistory(SplittableRandom random) {
    double age = 0.5 + random.nextDouble() * 60;
    double x = random.nextInt(4) == 0 ? 0 : random.nextInt(30);
    return new History(x, x == 0 ? 0 : random.nextDouble() * age, age);
  }

  @Override
  protected Gen<History> histories() {
    Gen<Double> age = doubles().between(-1, 4).map(e -> Math.pow(10, e));
    Gen<Integer> frequency =
        integers()
            .between(0, 4)
            .zip(
                doubles().between(0, 1),
                (d, u) -> d == 0 ? 0 : (int) Math.round(Math.pow(10, (d - 1 + u))));
    Gen<Double> share = doubles().between(0, 1);
    return frequency.zip(age, share, (x, t, u) -> new History(x, x == 0 ? 0 : u * t, t));
  }

  @Test
  void fit_rescalingTimeChangesNothing() {
    CustomerHistories weeks = simulate(typicalParameters(), 2_000, 19);
    CustomerHistories days = weeks.rescaled(1.0 / 7);
    PurchaseModel inWeeks = fit(weeks);
    PurchaseModel inDays = fit(days);
    Tolerance close = Tolerance.relative(1e-6);
    for (int i = 0; i < 10; i++) {
      double f = weeks.frequency(i);
      double r = weeks.recency(i);
      double a = weeks.age(i);
      close.check(
          "P(alive) " + i,
          inWeeks.probabilityAlive(f, r, a),
          inDays.probabilityAlive(f, 7 * r, 7 * a));
      close.check(
          "E[Y(10 weeks)] " + i,
          inWeeks.conditionalExpectedPurchases(10, f, r, a),
          inDays.conditionalExpectedPurchases(70, f, 7 * r, 7 * a));
    }
  }
}
