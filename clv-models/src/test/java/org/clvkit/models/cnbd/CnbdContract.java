package org.clvkit.models.cnbd;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.SplittableRandom;
import org.clvkit.models.ContinuousPurchaseModelContract;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.PurchaseModel;
import org.quicktheories.core.Gen;

/**
 * The {@link org.clvkit.models.PurchaseModel} contract for the (M)BG/CNBD-k, with k fixed at the
 * true value in fits (choosing k needs litt, which the contract's histories lack: see {@link
 * CnbdSimulatorTest} for k's recovery).
 *
 * <p>The robustness grid is narrower than the shared one: the expectations are exact series over
 * the Erlang phase count, whose spread is about sqrt(σ) t/β for σ = r + kx and β = α + T, and the
 * shared grid (r and α down to 1e-3 and up to 1e3, x to 1e4, ages from 0.1, horizons to 1e3)
 * reaches spreads of 1e7 and more, beyond the series' cap of 2e6 terms, where the models reject the
 * call with a message instead of answering. Here k is 1, 2, 3 or 5, r in [1e-3, 1e2], α in [1,
 * 1e3], a and b in [1e-3, 1e3], frequency up to 100 and ages from 3 to 1e4 periods.
 */
abstract class CnbdContract extends ContinuousPurchaseModelContract {
  private static final int[] KS = {1, 2, 3, 5};

  /** δ: 1 for the MBG/CNBD-k, 0 for the BG/CNBD-k. */
  abstract int dropout();

  @Override
  protected PurchaseModel model(double[] parameters) {
    CnbdParameters p = CnbdParameters.of(parameters);
    return dropout() == 1 ? MbgCnbdModel.of(p) : BgCnbdModel.of(p);
  }

  @Override
  protected int parameterCount() {
    return 5;
  }

  /** k = 2 with the MBG/NBD's CDNOW values for the others (α halved for two phases). */
  @Override
  protected double[] typicalParameters() {
    return new double[] {2, 0.55, 3.0, 0.9, 1.6};
  }

  @Override
  protected PurchaseModel fit(CustomerHistories data) {
    int k = (int) typicalParameters()[0];
    return dropout() == 1
        ? MbgCnbdFitter.create().withK(k).fit(data)
        : BgCnbdFitter.create().withK(k).fit(data);
  }

  /** Ages like CDNOW's: customers joined uniformly over 12 weeks and were observed to week 39. */
  @Override
  protected CustomerHistories simulate(double[] parameters, int customers, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] ages = new double[customers];
    for (int i = 0; i < customers; i++) {
      ages[i] = 27 + 12 * random.nextDouble();
    }
    CnbdParameters p = CnbdParameters.of(parameters);
    return (dropout() == 1 ? CnbdSimulator.mbgCnbd(p, seed) : CnbdSimulator.bgCnbd(p, seed))
        .histories(ages);
  }

  @Override
  protected Gen<double[]> parameters() {
    Gen<Integer> k = integers().between(0, KS.length - 1).map(i -> KS[i]);
    Gen<Double> r = doubles().between(-3, 2).map(e -> Math.pow(10, e));
    Gen<Double> alpha = doubles().between(0, 3).map(e -> Math.pow(10, e));
    Gen<Double> shape = doubles().between(-3, 3).map(e -> Math.pow(10, e));
    return k.zip(r, alpha, (kk, rr, aa) -> new double[] {kk, rr, aa, 0, 0})
        .zip(shape, shape, (p, a, b) -> new double[] {p[0], p[1], p[2], a, b});
  }

  @Override
  protected Gen<History> histories() {
    Gen<Double> age = doubles().between(0.5, 4).map(e -> Math.pow(10, e));
    Gen<Integer> frequency =
        integers()
            .between(0, 3)
            .zip(
                doubles().between(0, 1),
                (d, u) -> d == 0 ? 0 : (int) Math.round(Math.pow(10, (d - 1 + u))));
    Gen<Double> share = doubles().between(0, 1);
    return frequency.zip(age, share, (x, t, u) -> new History(x, x == 0 ? 0 : u * t, t));
  }
}
