package org.clvkit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.clvkit.models.bgnbd.CdnowHistories;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The {@link LogLikelihood} contract for every registry model ({@link ModelTypes#all()}): the
 * fitter's log-likelihood of data its model applies to is finite at interior parameters, gives its
 * gradient with respect to the log-parameters whenever asked (no model may refuse), leaves the
 * parameters unmodified, returns the same value with and without the gradient, and the gradient
 * matches central differences of the value in ln θ. Most models have analytic gradients, checked to
 * 1e-5; the Pareto/GGG's likelihood is a quadrature and its gradient central differences itself
 * (step 1e-3, {@code ParetoGggFitter.GRADIENT_STEP}), so for it the check is against differences
 * with another step (1e-4) at a looser 1e-3 relative or 1e-2 absolute: it can still fail, if the
 * gradient were of the wrong sign, scale or parameter order.
 */
class LogLikelihoodContractTest {
  private static final Tolerance ANALYTIC = Tolerance.absolute(1e-5).or(Tolerance.relative(1e-6));
  private static final Tolerance NUMERIC = Tolerance.absolute(1e-2).or(Tolerance.relative(1e-3));

  @Test
  void everyRegistryModel_givesItsGradientAndItMatchesDifferences() {
    List<String> checked = new ArrayList<>();
    for (ModelType<?> type : ModelTypes.all()) {
      LogLikelihood f = type.fitter().logLikelihood(dataFor(type.id()));
      int p = f.parameterNames().size();
      // The CNBD-k models' k is a whole number chosen by a grid, not a continuous parameter: it
      // is held at 2 and its gradient entry is 0.
      boolean[] whole = new boolean[p];
      double[] parameters = new double[p];
      for (int j = 0; j < p; j++) {
        whole[j] = type.id().endsWith("cnbd") && f.parameterNames().get(j).equals("k");
        parameters[j] = whole[j] ? 2 : 0.7 + 0.15 * j;
      }
      double[] copy = parameters.clone();
      double[] gradient = new double[p];
      double value = f.value(parameters, gradient);
      assertTrue(Double.isFinite(value), type.id() + ": value not finite");
      assertEquals(value, f.value(parameters), 0.0, type.id() + ": value depends on the gradient");
      boolean numeric = type.id().equals("pggg");
      double h = numeric ? 1e-4 : 1e-5;
      Tolerance tolerance = numeric ? NUMERIC : ANALYTIC;
      for (int j = 0; j < p; j++) {
        assertEquals(copy[j], parameters[j], 0.0, type.id() + ": parameters modified");
        assertTrue(Double.isFinite(gradient[j]), type.id() + ": gradient " + j + " not finite");
        if (whole[j]) {
          assertEquals(0.0, gradient[j], 0.0, type.id() + ": gradient of the whole k");
          continue;
        }
        double[] up = parameters.clone();
        double[] down = parameters.clone();
        up[j] *= Math.exp(h);
        down[j] *= Math.exp(-h);
        double differences = (f.value(up) - f.value(down)) / (2 * h);
        tolerance.check(
            type.id() + " d/d ln " + f.parameterNames().get(j), differences, gradient[j]);
      }
      checked.add(type.id());
    }
    assertEquals(ModelTypes.all().size(), checked.size());
  }

  /** Data each kind of model applies to. */
  private static CustomerHistories dataFor(String id) {
    switch (id) {
      case "gg":
        return CustomerHistories.of(
                new double[] {1, 2, 2, 5, 3, 1},
                new double[] {1, 2, 3, 5, 4, 2},
                new double[] {5, 5, 6, 6, 6, 6})
            .withMonetaryValue(new double[] {10.0, 22.35, 18.0, 31.5, 12.0, 40.0});
      case "sbg":
      case "bdw":
        // Contract histories: x renewals of n periods, churned when x < n.
        return CustomerHistories.of(
            new double[] {0, 1, 2, 5, 6, 6, 3},
            new double[] {0, 1, 2, 5, 6, 6, 3},
            new double[] {6, 6, 6, 6, 6, 6, 6});
      case "bgbb":
        return CustomerHistories.of(
            new double[] {0, 1, 3, 6, 2},
            new double[] {0, 2, 5, 6, 6},
            new double[] {6, 6, 6, 6, 6});
      default:
        // The first 60 CDNOW customers with a litt column (Σ ln of x gaps of mean t_x / x, minus
        // a spread term, so litt <= x ln(t_x / x) as Jensen's inequality requires).
        CustomerHistories cdnow = CdnowHistories.load();
        int n = 60;
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] litt = new double[n];
        for (int i = 0; i < n; i++) {
          x[i] = cdnow.frequency(i);
          tx[i] = cdnow.recency(i);
          age[i] = cdnow.age(i);
          litt[i] = x[i] > 0 ? x[i] * (Math.log(tx[i] / x[i]) - 0.2) : 0;
        }
        return CustomerHistories.of(x, tx, age).withLitt(litt);
    }
  }
}
