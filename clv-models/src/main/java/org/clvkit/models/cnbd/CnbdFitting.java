package org.clvkit.models.cnbd;

import java.util.ArrayList;
import java.util.List;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitSettings;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.internal.ModelFitting;

/**
 * The fitting procedure both (M)BG/CNBD-k fitters share: maximum likelihood over r, α, a, b at a
 * fixed k ({@link ModelFitting}), and the choice of k by BTYDplus's grid ({@code
 * xbgcnbd.EstimateParameters}): k = 1, 2, … up to k_max, stopping early when the log-likelihood
 * fell twice in a row (k &gt; 2 and LL_k &lt; LL_{k−1} &lt; LL_{k−2}) or when a fit failed at some
 * k &gt; 1, and keeping the k of the largest log-likelihood (the first on ties).
 */
final class CnbdFitting {
  private CnbdFitting() {}

  /** A fitted parameter set with its report, before the model is built. */
  record Fit(CnbdParameters parameters, FitReport report) {}

  /**
   * Fits at a fixed k.
   *
   * @param littSum Σ w_i litt_i, 0 without a litt column
   */
  static Fit fitAt(
      String model,
      int dropout,
      int k,
      CustomerHistories data,
      double littSum,
      FitSettings settings) {
    CnbdLikelihood problem = new CnbdLikelihood(model, k, dropout, data, littSum);
    double timeScale = ModelFitting.defaultTimeScale(problem.maxAge());
    ModelFitting.Outcome outcome = ModelFitting.fit(problem, timeScale, settings);
    double[] p = outcome.parameters();
    CnbdParameters parameters = new CnbdParameters(k, p[0], p[1], p[2], p[3]);
    FitReport inner = outcome.report();
    List<ParameterEstimate> estimates = new ArrayList<>();
    if (!inner.estimates().isEmpty()) {
      // k is held fixed in the maximisation: its estimate carries no standard error.
      estimates.add(new ParameterEstimate("k", k, 0, k, k));
      estimates.addAll(inner.estimates());
    }
    FitReport report =
        new FitReport(
            inner.model(),
            estimates,
            inner.diagnostics(),
            inner.customers(),
            inner.patterns(),
            inner.penalty(),
            inner.startingPointSample());
    return new Fit(parameters, report);
  }

  /**
   * Fits at each k of the grid and keeps the best.
   *
   * @param litt one value per row of {@code data}, validated
   */
  static Fit fitBest(
      String model,
      int dropout,
      int maxK,
      CustomerHistories data,
      double[] litt,
      FitSettings settings) {
    double littSum = littSum(data, litt);
    Fit best = null;
    double previous = Double.NaN;
    double beforePrevious = Double.NaN;
    for (int k = 1; k <= maxK; k++) {
      Fit fit;
      try {
        fit = fitAt(model, dropout, k, data, littSum, settings);
      } catch (FitFailedException | IllegalStateException e) {
        if (k == 1) {
          throw e;
        }
        break;
      }
      double ll = fit.report().diagnostics().logLikelihood();
      if (best == null || ll > best.report().diagnostics().logLikelihood()) {
        best = fit;
      }
      if (k > 2 && ll < previous && previous < beforePrevious) {
        break;
      }
      beforePrevious = previous;
      previous = ll;
    }
    return best;
  }

  /** Σ w_i litt_i after checking each row's litt. */
  static double littSum(CustomerHistories data, double[] litt) {
    Checks.notNull("litt", litt);
    Checks.sameLength("litt", litt.length, "frequency", data.size());
    double sum = 0;
    for (int i = 0; i < litt.length; i++) {
      CnbdModelBase.checkLitt(data.frequency(i), litt[i], i);
      sum += data.weight(i) * litt[i];
    }
    return sum;
  }

  /** The error when k is to be chosen and no litt column is given. */
  static RuntimeException missingLitt(String id) {
    return Checks.fail(
        "litt is required to choose k for %s: give each customer's sum of log inter-purchase"
            + " times (the summary's litt column) or fix k with withK",
        id);
  }

  /**
   * The log-likelihood over {@code k, r, alpha, a, b} in the data's units, with k a whole number
   * (its gradient entry is 0: k is discrete).
   */
  static LogLikelihood logLikelihood(
      String model, int dropout, CustomerHistories data, double littSum) {
    Checks.notNull("data", data);
    CustomerHistories patterns = data.compressed();
    return new LogLikelihood() {
      private CnbdLikelihood cached;

      @Override
      public String model() {
        return model;
      }

      @Override
      public List<String> parameterNames() {
        return CnbdModelBase.NAMES;
      }

      @Override
      public double customers() {
        return patterns.totalWeight();
      }

      @Override
      public int patterns() {
        return patterns.size();
      }

      @Override
      public double value(double[] parameters, double[] gradient) {
        CnbdParameters p = CnbdParameters.of(parameters);
        if (gradient != null && gradient.length < 5) {
          throw Checks.fail("gradient has length %d but needs at least %d", gradient.length, 5);
        }
        if (cached == null || cached.k() != p.k()) {
          cached = new CnbdLikelihood(model, p.k(), dropout, patterns, littSum);
        }
        double[] theta = {Math.log(p.r()), Math.log(p.alpha()), Math.log(p.a()), Math.log(p.b())};
        double[] inner = gradient == null ? null : new double[4];
        double value = cached.objective(1.0).value(theta, inner);
        if (gradient != null) {
          gradient[0] = 0;
          System.arraycopy(inner, 0, gradient, 1, 4);
        }
        return value;
      }
    };
  }
}
