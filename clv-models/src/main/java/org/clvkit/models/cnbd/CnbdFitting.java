package org.clvkit.models.cnbd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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
   * @param executor where the likelihood's chunks run, or null for the calling thread
   */
  static Fit fitAt(
      String model,
      int dropout,
      int k,
      CustomerHistories data,
      double littSum,
      FitSettings settings,
      Executor executor) {
    return fitAt(model, dropout, k, CnbdPatterns.of(data), littSum, settings, executor);
  }

  private static Fit fitAt(
      String model,
      int dropout,
      int k,
      CnbdPatterns patterns,
      double littSum,
      FitSettings settings,
      Executor executor) {
    CnbdLikelihood problem = new CnbdLikelihood(model, k, dropout, patterns, littSum, executor);
    double timeScale = ModelFitting.defaultTimeScale(problem.maxAge());
    ModelFitting.Outcome outcome = ModelFitting.fit(problem, timeScale, settings);
    double[] p = outcome.parameters();
    CnbdParameters parameters = new CnbdParameters(k, p[0], p[1], p[2], p[3]);
    FitReport inner = outcome.report();
    List<ParameterEstimate> estimates = new ArrayList<>();
    if (!inner.estimates().isEmpty()) {
      // k is held fixed in the maximisation: its entry carries standard error 0 (see kEstimate).
      estimates.add(kEstimate(k));
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
   * Fits at each k of the grid and keeps the best. Without an executor the k run one after another
   * and the grid stops early as BTYDplus's does; with one, each k is a task on it (its likelihood
   * in that task's thread), a task not started once an earlier k already ended the grid, and the
   * same rule applied to the results in order of k: the same fits and the same choice as without
   * the executor.
   *
   * @param litt one value per row of {@code data}, validated
   * @param executor where the fits at the several k run, or null for the calling thread
   */
  static Fit fitBest(
      String model,
      int dropout,
      int maxK,
      CustomerHistories data,
      double[] litt,
      FitSettings settings,
      Executor executor) {
    double littSum = littSum(data, litt);
    CnbdPatterns patterns = CnbdPatterns.of(data);
    Object[] results = new Object[maxK + 1];
    if (executor == null) {
      for (int k = 1; k <= maxK; k++) {
        results[k] = attempt(model, dropout, k, patterns, littSum, settings);
        if (stopsAt(results, k)) {
          break;
        }
      }
    } else {
      CompletableFuture<?>[] futures = new CompletableFuture<?>[maxK];
      for (int k = 1; k <= maxK; k++) {
        int kk = k;
        futures[k - 1] =
            CompletableFuture.runAsync(
                () -> {
                  if (!endedBefore(results, kk)) {
                    Object result = attempt(model, dropout, kk, patterns, littSum, settings);
                    synchronized (results) {
                      results[kk] = result;
                    }
                  }
                },
                executor);
      }
      try {
        CompletableFuture.allOf(futures).join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e;
      }
    }
    if (results[1] instanceof RuntimeException failure) {
      throw failure;
    }
    Fit best = null;
    for (int k = 1; k <= maxK; k++) {
      if (results[k] instanceof Fit fit
          && (best == null
              || fit.report().diagnostics().logLikelihood()
                  > best.report().diagnostics().logLikelihood())) {
        best = fit;
      }
      if (stopsAt(results, k)) {
        break;
      }
    }
    return best;
  }

  /** The fit at k, or the exception of a failed fit. */
  private static Object attempt(
      String model,
      int dropout,
      int k,
      CnbdPatterns patterns,
      double littSum,
      FitSettings settings) {
    try {
      return fitAt(model, dropout, k, patterns, littSum, settings, null);
    } catch (FitFailedException | IllegalStateException e) {
      return e;
    }
  }

  /**
   * Whether BTYDplus's grid ends at k, given the results at 1..k: the fit at k failed, or k &gt; 2
   * and LL_k &lt; LL_{k−1} &lt; LL_{k−2}.
   */
  private static boolean stopsAt(Object[] results, int k) {
    if (!(results[k] instanceof Fit fit)) {
      return true;
    }
    if (k <= 2) {
      return false;
    }
    double ll = fit.report().diagnostics().logLikelihood();
    double previous = ((Fit) results[k - 1]).report().diagnostics().logLikelihood();
    double beforePrevious = ((Fit) results[k - 2]).report().diagnostics().logLikelihood();
    return ll < previous && previous < beforePrevious;
  }

  /** Whether the results so far already end the grid before k (then k need not be fitted). */
  private static boolean endedBefore(Object[] results, int k) {
    synchronized (results) {
      for (int j = 1; j < k; j++) {
        if (results[j] == null) {
          return false;
        }
        if (stopsAt(results, j)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The report's entry for k: chosen over the grid or fixed, not estimated, so it has no standard
   * error; {@link ParameterEstimate} holds it as 0 with the interval [k, k], and the programs that
   * print reports say so in words.
   */
  static ParameterEstimate kEstimate(int k) {
    return new ParameterEstimate("k", k, 0, k, k);
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
    CnbdPatterns patterns = CnbdPatterns.of(data);
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
        return patterns.customers;
      }

      @Override
      public int patterns() {
        return patterns.size;
      }

      @Override
      public double value(double[] parameters, double[] gradient) {
        CnbdParameters p = CnbdParameters.of(parameters);
        if (gradient != null && gradient.length < 5) {
          throw Checks.fail("gradient has length %d but needs at least %d", gradient.length, 5);
        }
        if (cached == null || cached.k() != p.k()) {
          cached = new CnbdLikelihood(model, p.k(), dropout, patterns, littSum, null);
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
