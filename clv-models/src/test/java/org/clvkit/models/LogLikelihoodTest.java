package org.clvkit.models;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.clvkit.models.bgbb.BgBbFitter;
import org.clvkit.models.bgbb.BgBbModel;
import org.clvkit.models.bgbb.BgBbParameters;
import org.clvkit.models.bgnbd.BgNbdFitter;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.CdnowHistories;
import org.clvkit.models.gammagamma.GammaGammaFitter;
import org.clvkit.models.gammagamma.GammaGammaModel;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.mbgnbd.MbgNbdFitter;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The fitters' public {@link LogLikelihood}: at given parameters it equals the models' own
 * per-customer log-likelihoods summed over the raw rows (the kernels sum compressed patterns in
 * another order, hence 1e-10 relative), its gradient matches central differences in the
 * log-parameters, and it rejects parameters outside the domain with the checks' wording.
 */
class LogLikelihoodTest {
  private static final Tolerance SAME_SUM = Tolerance.relative(1e-10);
  // Central differences with step 1e-5 in ln θ on sums of size 1e4: truncation ~1e-10 · f''',
  // rounding ~1e-16 · 1e4 / 1e-5 = 1e-7.
  private static final Tolerance DIFFERENCES =
      Tolerance.absolute(1e-5).or(Tolerance.relative(1e-6));

  private static final CustomerHistories CDNOW = CdnowHistories.load();

  private static void check(LogLikelihood f, double[] parameters, double perCustomerSum) {
    SAME_SUM.check(f.model(), perCustomerSum, f.value(parameters));
    GradientChecks.matchesCentralDifferences(
        f.model() + " d/d ln θ",
        (theta, gradient) -> {
          double[] natural = new double[theta.length];
          for (int k = 0; k < theta.length; k++) {
            natural[k] = Math.exp(theta[k]);
          }
          return f.value(natural, gradient);
        },
        logs(parameters),
        1e-5,
        DIFFERENCES);
  }

  private static double[] logs(double[] values) {
    double[] out = new double[values.length];
    for (int k = 0; k < values.length; k++) {
      out[k] = Math.log(values[k]);
    }
    return out;
  }

  private static double sum(PurchaseModel model, CustomerHistories data) {
    double total = 0;
    for (int i = 0; i < data.size(); i++) {
      total +=
          data.weight(i) * model.logLikelihood(data.frequency(i), data.recency(i), data.age(i));
    }
    return total;
  }

  @Test
  void purchaseModels_equalPerCustomerSumsAndDifferences() {
    // CDNOW estimates (Fader, Hardie and Lee 2005; Batislam et al. 2007 as fitted by BTYDplus).
    double[] bgNbd = {0.2426, 4.4136, 0.7929, 2.4259};
    double[] mbgNbd = {0.5248, 6.1831, 0.8914, 1.6140};
    double[] paretoNbd = {0.5533, 10.578, 0.6061, 11.669};
    LogLikelihood f = BgNbdFitter.create().logLikelihood(CDNOW);
    assertEquals(List.of("r", "alpha", "a", "b"), f.parameterNames());
    assertEquals(2357.0, f.customers());
    check(f, bgNbd, sum(BgNbdModel.of(org.clvkit.models.bgnbd.BgNbdParameters.of(bgNbd)), CDNOW));
    check(
        MbgNbdFitter.create().logLikelihood(CDNOW),
        mbgNbd,
        sum(MbgNbdModel.of(org.clvkit.models.mbgnbd.MbgNbdParameters.of(mbgNbd)), CDNOW));
    check(
        ParetoNbdFitter.create().logLikelihood(CDNOW),
        paretoNbd,
        sum(ParetoNbdModel.of(ParetoNbdParameters.of(paretoNbd)), CDNOW));
  }

  @Test
  void bgBb_equalsPerCustomerSum() {
    CustomerHistories data =
        CustomerHistories.of(
            new double[] {0, 1, 3, 6, 2},
            new double[] {0, 2, 5, 6, 6},
            new double[] {6, 6, 6, 6, 6});
    double[] parameters = {1.204, 0.750, 0.657, 2.783};
    check(
        BgBbFitter.create().logLikelihood(data),
        parameters,
        sum(BgBbModel.of(BgBbParameters.of(parameters)), data));
  }

  @Test
  void gammaGamma_equalsPerCustomerSumOverRepeatCustomers() {
    double[] x = {0, 1, 2, 2, 5, 3};
    double[] m = {0, 10.0, 22.35, 22.35, 31.5, 0};
    double[] parameters = {6.2493, 3.7443, 15.4443};
    GammaGammaModel model = GammaGammaModel.of(GammaGammaParameters.of(parameters));
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0 && m[i] > 0) {
        sum += model.logLikelihood(x[i], m[i]);
      }
    }
    LogLikelihood f = GammaGammaFitter.create().logLikelihood(x, m);
    assertEquals(3, f.patterns());
    check(f, parameters, sum);
  }

  @Test
  void value_rejectsBadParameters() {
    LogLikelihood f = BgNbdFitter.create().logLikelihood(CDNOW);
    assertRejects(
        "parameters has length 3 but parameterNames has length 4", () -> f.value(1.0, 2.0, 3.0));
    assertRejects("alpha must be finite and > 0, was -1.0", () -> f.value(1.0, -1.0, 1.0, 1.0));
    assertRejects(
        "gradient has length 2 but needs at least 4",
        () -> f.value(new double[] {1, 1, 1, 1}, new double[2]));
  }
}
