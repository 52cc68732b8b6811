package org.clvkit.models.cnbd;

import org.clvkit.models.CustomerHistories;
import org.clvkit.models.GradientChecks;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/** The fitter's likelihood: its analytic gradient and its agreement with the model's. */
class CnbdLikelihoodTest {
  private static final CustomerHistories DATA =
      CustomerHistories.of(
          new double[] {0, 1, 2, 7, 25, 3},
          new double[] {0, 1.71, 30.43, 29.57, 50.2, 12},
          new double[] {38.86, 38.86, 38.86, 31.57, 52, 14},
          new double[] {40, 3, 2, 1, 1, 5});

  @Test
  void gradient_matchesCentralDifferences() {
    for (int k : new int[] {1, 2, 4}) {
      for (int dropout = 0; dropout <= 1; dropout++) {
        CnbdLikelihood likelihood = new CnbdLikelihood("test", k, dropout, DATA, 3.0);
        MaximumLikelihood.Objective objective = likelihood.objective(2.5);
        GradientChecks.matchesCentralDifferences(
            "k=" + k + " dropout=" + dropout + " d LL / d log-parameter ",
            objective::value,
            new double[] {-0.6, 0.9, -0.2, 0.7},
            1e-6,
            Tolerance.relative(1e-6).or(Tolerance.absolute(1e-7)));
      }
    }
  }

  /** The fitter's log-likelihood (in any time scale) is the sum of the model's, litt included. */
  @Test
  void value_equalsTheModelsLogLikelihood() {
    double[] litt = {0, 0.5, 2.1, 9.0, 40.2, 3.0};
    CnbdParameters p = new CnbdParameters(3, 0.5, 2, 0.3, 0.6);
    LogLikelihood mbg = MbgCnbdFitter.create().logLikelihood(DATA, litt);
    LogLikelihood bg = BgCnbdFitter.create().logLikelihood(DATA, litt);
    Tolerance close = Tolerance.relative(1e-12);
    close.check("MBG", MbgCnbdModel.of(p).logLikelihood(DATA, litt), mbg.value(p.toArray()));
    close.check("BG", BgCnbdModel.of(p).logLikelihood(DATA, litt), bg.value(p.toArray()));
    CnbdLikelihood scaled =
        new CnbdLikelihood("test", 3, 1, DATA, 3 * 0.5 + 2 * 2.1 + 9.0 + 40.2 + 5 * 3.0);
    double[] theta = {Math.log(0.5), Math.log(2 / 7.0), Math.log(0.3), Math.log(0.6)};
    close.check(
        "rescaled by 7",
        MbgCnbdModel.of(p).logLikelihood(DATA, litt),
        scaled.objective(7).value(theta, null));
  }
}
