package org.clvkit.models.paretonbd;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import org.clvkit.core.Checks;
import org.clvkit.core.internal.Parallel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.FitStatus;
import org.clvkit.models.Fitter;
import org.clvkit.models.LogLikelihood;
import org.clvkit.models.ModelType;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.clvkit.models.covariates.CovariateSettings;
import org.clvkit.models.covariates.TimeVaryingCovariates;
import org.clvkit.models.internal.CovariateFitParts;
import org.clvkit.models.internal.CovariateLayout;
import org.clvkit.models.internal.CovariateLogLikelihood;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;

/**
 * Fits the Pareto/NBD with time-varying covariates ({@link ParetoNbdTimeVaryingModel}) by maximum
 * likelihood. Immutable and reusable. With covariates that carry the repeat purchases per period
 * ({@link TimeVaryingCovariates#withRepeatPurchases}) it maximises the likelihood of the purchase
 * times, as Bachmann, Meierer &amp; Näf and CLVTools do; without them, that of the summary (see
 * {@link ParetoNbdTimeVaryingModel}).
 *
 * <p>Procedure, as {@link ParetoNbdCovariateFitter}'s: the model without covariates is fitted first
 * (its log-likelihood is the restricted one of the likelihood-ratio test, its parameters with all
 * coefficients 0 the starting point); then BFGS over (ln r, ln α₀, ln s, ln β₀, coefficients) with
 * the analytic gradient (the kernel's derivatives with respect to each period's ln a_k and ln c_k,
 * chained through ln a_k = γ_purchaseᵀx_k) and a Newton polish whose inverse Hessian gives the
 * standard errors, in a time unit that puts the largest age at 10 periods. Penalties and
 * constraints as CLVTools defines them ({@link CovariateSettings}); the report gives the
 * unpenalised log-likelihood beside the objective. Patterns are evaluated one by one, in chunks on
 * the executor, summed in chunk order: bit-identical with and without an executor. Customers with
 * the same (frequency, recency, age, covariate path) share one term (see {@link Likelihood}): the
 * report's patterns are those, its groups the distinct paths. There is no sampling phase.
 */
public final class ParetoNbdTimeVaryingFitter implements Fitter<ParetoNbdTimeVaryingModel> {
  private static final String MODEL = "Pareto/NBD with time-varying covariates";
  private static final double BOUND = CovariateFits.BOUND;
  private static final int CHUNK = 256;
  private static final int MAX_CHUNKS = 64;

  /**
   * A variance of a log-parameter or coefficient above this (a standard error above 10) means a
   * flat direction: the fit is reported as singular, not with standard errors.
   */
  private static final double MAX_VARIANCE = 100.0;

  private final FitSettings settings;
  private final CovariateSettings covariates;
  private final Executor executor;

  private ParetoNbdTimeVaryingFitter(
      FitSettings settings, CovariateSettings covariates, Executor executor) {
    this.settings = settings;
    this.covariates = covariates;
    this.executor = executor;
  }

  /** A fitter with default settings: every covariate acts on both processes, no penalty. */
  public static ParetoNbdTimeVaryingFitter create() {
    return new ParetoNbdTimeVaryingFitter(FitSettings.DEFAULT, CovariateSettings.DEFAULT, null);
  }

  /** The fit settings. */
  @Override
  public FitSettings settings() {
    return settings;
  }

  /** The covariate settings. */
  public CovariateSettings covariateSettings() {
    return covariates;
  }

  /** This fitter with other fit settings (their penalty and extra starts are not used). */
  @Override
  public ParetoNbdTimeVaryingFitter withSettings(FitSettings value) {
    return new ParetoNbdTimeVaryingFitter(Checks.notNull("settings", value), covariates, executor);
  }

  /** This fitter with other covariate settings. */
  public ParetoNbdTimeVaryingFitter withCovariateSettings(CovariateSettings value) {
    return new ParetoNbdTimeVaryingFitter(settings, Checks.notNull("covariates", value), executor);
  }

  /** This fitter evaluating the likelihood on {@code value}; the caller owns the executor. */
  @Override
  public ParetoNbdTimeVaryingFitter withExecutor(Executor value) {
    return new ParetoNbdTimeVaryingFitter(settings, covariates, value);
  }

  /** {@link ParetoNbdTimeVaryingModel#TYPE}. */
  @Override
  public ModelType<ParetoNbdTimeVaryingModel> type() {
    return ParetoNbdTimeVaryingModel.TYPE;
  }

  @Override
  public Executor executor() {
    return executor;
  }

  /**
   * Fits the model to histories that carry time-invariant covariates ({@link
   * CustomerHistories#withCovariates}), each customer's row held constant over time ({@link
   * TimeVaryingCovariates#constant}); the estimates are then those of {@link
   * ParetoNbdCovariateFitter}'s model.
   *
   * @param data the customers' histories with one covariate row each
   * @throws org.clvkit.core.ClvArgumentException when the histories carry no covariates
   */
  @Override
  public ParetoNbdTimeVaryingModel fit(CustomerHistories data) {
    CovariateMatrix matrix = CovariateFitParts.attached(data);
    return fit(data, TimeVaryingCovariates.constant(matrix));
  }

  /**
   * The unpenalised log-likelihood this fitter maximises on histories that carry their covariates,
   * over the model's own parameters (r, α₀, s, β₀, &gt; 0) and the free coefficients ({@code
   * purchase.X}, {@code dropout.X}, {@code constrained.X}) as this fitter's covariate settings
   * choose them from the data's columns, in the data's time unit (see {@link
   * org.clvkit.models.internal.CovariateLogLikelihood}'s gradient convention: d LL / d ln θ for the
   * model's parameters, d LL / d γ for the coefficients).
   *
   * @throws org.clvkit.core.ClvArgumentException when the histories carry no covariates or the
   *     settings name a covariate they lack
   */
  @Override
  public LogLikelihood logLikelihood(CustomerHistories data) {
    CovariateMatrix matrix = CovariateFitParts.attached(data);
    return logLikelihood(data, TimeVaryingCovariates.constant(matrix));
  }

  /**
   * The unpenalised log-likelihood this fitter maximises on histories with their time-varying
   * covariates, as {@link #logLikelihood(CustomerHistories)}.
   *
   * @param data the customers' histories (raw or weighted rows)
   * @param tv one customer's covariate periods per row of {@code data}
   */
  public LogLikelihood logLikelihood(CustomerHistories data, TimeVaryingCovariates tv) {
    Checks.notNull("data", data);
    Checks.notNull("covariates", tv);
    Checks.sameLength("covariates customers", tv.customers(), "customers", data.size());
    CovariateLayout layout = CovariateLayout.resolve(tv.names(), covariates);
    Likelihood likelihood = new Likelihood(data, tv.select(layout.names()), layout, 1.0, executor);
    return new CovariateLogLikelihood(
        MODEL,
        List.of("r", "alpha0", "s", "beta0"),
        layout.coefficientNames(),
        likelihood.customers,
        data.size(),
        new Objective(likelihood, layout, false));
  }

  /**
   * Fits the model.
   *
   * @param data the customers' histories (raw or weighted rows)
   * @param tv one customer's covariate periods per row of {@code data}
   * @throws FitFailedException when the fit fails and the settings do not allow that
   * @throws org.clvkit.core.ClvArgumentException if the covariates do not match the histories
   */
  public ParetoNbdTimeVaryingModel fit(CustomerHistories data, TimeVaryingCovariates tv) {
    Checks.notNull("data", data);
    Checks.notNull("covariates", tv);
    Checks.sameLength("covariates customers", tv.customers(), "customers", data.size());
    CovariateLayout layout = CovariateLayout.resolve(tv.names(), covariates);
    TimeVaryingCovariates used = tv.select(layout.names());
    double timeScale = ModelFitting.defaultTimeScale(data.maxAge());
    double logScale = Math.log(timeScale);
    Likelihood likelihood = new Likelihood(data, used, layout, timeScale, executor);

    ParetoNbdModel restricted =
        CovariateFits.restricted(likelihood.histories(), settings, executor);
    double restrictedLl = restricted.fitReport().orElseThrow().diagnostics().logLikelihood();
    int restrictedEvaluations = restricted.fitReport().orElseThrow().diagnostics().evaluations();

    int k = layout.coefficients();
    double[] start = CovariateFits.start(restricted, logScale, k);
    Objective penalised = new Objective(likelihood, layout, true);
    MaximumLikelihood.Result best =
        MaximumLikelihood.maximize(penalised, start, settings.maxIterations(), BOUND);

    double[] theta = best.theta();
    double[] values = CovariateFits.values(theta, logScale);
    double ll = new Objective(likelihood, layout, false).value(theta, null);
    if (!Double.isFinite(ll)) {
      throw new IllegalStateException(MODEL + " log-likelihood is not finite at the estimates");
    }
    double n = likelihood.customers;
    double objective = -ll / n + layout.penalty(theta, 4);
    int bound = best.boundIndex();
    String offending = bound < 0 ? "" : CovariateFits.name(layout, bound);
    double[][] covariance = best.covariance();
    String singular = null;
    if (best.converged()) {
      for (int i = 0; i < 4 + k && singular == null; i++) {
        double variance = covariance == null ? Double.NaN : covariance[i][i];
        if (!(variance < MAX_VARIANCE)) {
          offending = CovariateFits.name(layout, i);
          singular =
              String.format(
                  Locale.ROOT,
                  "the information is singular: the standard error of %s is %.3g (a covariate"
                      + " constant over all periods and customers, or collinear covariates, cannot"
                      + " be told apart from alpha0 and beta0)",
                  offending,
                  Math.sqrt(variance));
        }
      }
    }
    if (!best.converged()
        && bound < 0
        && covariance == null
        && best.message().contains("singular")) {
      singular =
          CovariateFits.describe(
              best, layout, theta, values); // the optimiser found the flat direction
    }
    boolean converged = best.converged() && singular == null;
    FitDiagnostics diagnostics =
        new FitDiagnostics(
            converged,
            best.iterations(),
            best.evaluations() + restrictedEvaluations + 1,
            ll,
            best.gradientNorm(),
            converged
                ? "converged"
                : singular != null ? singular : CovariateFits.describe(best, layout, theta, values),
            converged
                ? FitStatus.CONVERGED
                : singular != null
                    ? FitStatus.SINGULAR_INFORMATION
                    : bound >= 0 ? FitStatus.NO_INTERIOR_MAXIMUM : FitStatus.NOT_CONVERGED,
            offending);
    if (!converged && !settings.allowNonConverged()) {
      throw new FitFailedException(MODEL, diagnostics);
    }
    CovariateFitReport report =
        CovariateFitParts.report(
            MODEL,
            CovariateFits.NAMES,
            values,
            theta,
            converged ? covariance : null,
            layout,
            diagnostics,
            objective,
            n,
            likelihood.patternCount(),
            likelihood.pathCount(),
            covariates,
            restrictedLl);
    return CovariateFits.model(ParetoNbdTimeVaryingModel::fitted, values, theta, layout, report);
  }

  /**
   * The weighted log-likelihood of the customers with positive weight, times divided by the time
   * scale, with its gradient over θ = (ln r, ln α₀, ln s, ln β₀, coefficients). Holds work arrays:
   * one evaluation at a time.
   *
   * <p>Compression: customers are grouped by covariate path (their periods' starts on the customer
   * clock, rows and, when known, repeat purchases per period, compared bit for bit, −0 as 0), and
   * customers with the same (frequency, recency, age, path) share one term with the summed weight
   * (summed in row order). With covariates per calendar period common to all customers (seasons,
   * campaigns) the path is set by the first purchase's time within the calendar (and, with the
   * repeat purchases per period, by the periods of the repeat purchases), so a customer base has
   * few paths and its patterns are far fewer than its customers. The paths' ln a_k and ln c_k are
   * computed once per evaluation; a pattern's periods are copied into its chunk's scratch, so that
   * nothing is shared between chunks. No allocation per customer or pattern.
   */
  static final class Likelihood {
    private final Executor executor;
    private final CovariateLayout layout;
    private final double[] frequency;
    private final double[] recency;
    private final double[] age;
    private final double[] weight;
    private final double[] rawRecency;
    private final double[] rawAge;
    private final int[] path;
    private final int[] pathOffsets;
    private final double[] pathStarts;
    private final double[] pathRows;
    private final double[] pathCounts; // null when the repeat purchases per period are not known
    private final double[] pathLa;
    private final double[] pathLc;
    private final int pathCount;
    private final int[] chunkStart;
    private final int pathChunks;
    private final double[][] chunkWork;
    private final double[][] chunkGradient;
    private final double[][][] chunkPeriods;
    final double customers;
    final double purchases;

    /** Σ w x ln(time scale): the scaled unit's log-likelihood minus the caller's. */
    final double constant;

    Likelihood(
        CustomerHistories data,
        TimeVaryingCovariates tv,
        CovariateLayout layout,
        double timeScale,
        Executor executor) {
      this.executor = executor;
      this.layout = layout;
      int n = data.size();
      int[] allOffsets = tv.offsets();
      double[] allStarts = tv.starts();
      double[] allRows = tv.values();
      double[] allCounts = tv.repeatPurchases();
      int k = layout.columns();
      // Pass 1: each kept customer's path, by open addressing on (starts, rows).
      int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
      int mask = capacity - 1;
      int[] slots = new int[capacity];
      Arrays.fill(slots, -1);
      int[] customerPath = new int[n];
      int[] firstCustomer = new int[Math.max(1, n)];
      int paths = 0;
      int pathPeriods = 0;
      int maxPeriods = 1;
      double totalWeight = 0;
      double totalPurchases = 0;
      for (int i = 0; i < n; i++) {
        double w = data.weight(i);
        if (!(w > 0)) {
          customerPath[i] = -1;
          continue;
        }
        totalWeight += w;
        totalPurchases += w * data.frequency(i);
        int from = allOffsets[i];
        int to = allOffsets[i + 1];
        if (allCounts != null) {
          double sum = 0;
          for (int q = from; q < to; q++) {
            sum += allCounts[q];
          }
          if (sum != data.frequency(i)) {
            throw Checks.fail(
                "customer %d: %s repeat purchases in its covariate periods, frequency %s",
                i, sum, data.frequency(i));
          }
        }
        long h = to - from;
        for (int q = from; q < to; q++) {
          h = (h ^ Double.doubleToLongBits(allStarts[q] + 0.0)) * 0x9E3779B97F4A7C15L;
          if (allCounts != null) {
            h = (h ^ Double.doubleToLongBits(allCounts[q])) * 0x165667B19E3779F9L;
          }
          for (int j = q * k; j < (q + 1) * k; j++) {
            h = (h ^ Double.doubleToLongBits(allRows[j] + 0.0)) * 0xC2B2AE3D27D4EB4FL;
          }
        }
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (true) {
          int g = slots[slot];
          if (g < 0) {
            slots[slot] = paths;
            firstCustomer[paths] = i;
            customerPath[i] = paths++;
            pathPeriods += to - from;
            maxPeriods = Math.max(maxPeriods, to - from);
            break;
          }
          if (samePath(allOffsets, allStarts, allRows, allCounts, k, firstCustomer[g], i)) {
            customerPath[i] = g;
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
      pathCount = paths;
      pathOffsets = new int[paths + 1];
      pathStarts = new double[pathPeriods];
      pathRows = new double[pathPeriods * k];
      pathCounts = allCounts == null ? null : new double[pathPeriods];
      for (int g = 0; g < paths; g++) {
        int i = firstCustomer[g];
        int count = allOffsets[i + 1] - allOffsets[i];
        int at = pathOffsets[g];
        for (int q = 0; q < count; q++) {
          pathStarts[at + q] = allStarts[allOffsets[i] + q] / timeScale;
        }
        System.arraycopy(allRows, allOffsets[i] * k, pathRows, at * k, count * k);
        if (allCounts != null) {
          System.arraycopy(allCounts, allOffsets[i], pathCounts, at, count);
        }
        pathOffsets[g + 1] = at + count;
      }
      // Pass 2: distinct (frequency, recency, age, path) with summed weights, in row order.
      Arrays.fill(slots, -1);
      double[] f = new double[n];
      double[] r = new double[n];
      double[] a = new double[n];
      double[] w = new double[n];
      int[] pp = new int[n];
      int distinct = 0;
      for (int i = 0; i < n; i++) {
        int g = customerPath[i];
        if (g < 0) {
          continue;
        }
        double fi = data.frequency(i);
        double ri = data.recency(i) + 0.0;
        double ai = data.age(i) + 0.0;
        long h = Double.doubleToLongBits(fi) * 0x9E3779B97F4A7C15L;
        h = (h ^ Double.doubleToLongBits(ri)) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ Double.doubleToLongBits(ai)) * 0x165667B19E3779F9L;
        h = (h ^ g) * 0xC2B2AE3D27D4EB4FL;
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (true) {
          int j = slots[slot];
          if (j < 0) {
            slots[slot] = distinct;
            f[distinct] = fi;
            r[distinct] = ri;
            a[distinct] = ai;
            w[distinct] = data.weight(i);
            pp[distinct] = g;
            distinct++;
            break;
          }
          if (pp[j] == g && f[j] == fi && r[j] == ri && a[j] == ai) {
            w[j] += data.weight(i);
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
      frequency = Arrays.copyOf(f, distinct);
      rawRecency = Arrays.copyOf(r, distinct);
      rawAge = Arrays.copyOf(a, distinct);
      recency = new double[distinct];
      age = new double[distinct];
      for (int j = 0; j < distinct; j++) {
        recency[j] = r[j] / timeScale;
        age[j] = a[j] / timeScale;
      }
      weight = Arrays.copyOf(w, distinct);
      path = Arrays.copyOf(pp, distinct);
      customers = totalWeight;
      purchases = totalPurchases;
      constant = totalPurchases * Math.log(timeScale);
      pathLa = new double[pathPeriods];
      pathLc = new double[pathPeriods];
      int chunks = Math.max(1, Math.min(MAX_CHUNKS, distinct / CHUNK));
      chunkStart = new int[chunks + 1];
      for (int c = 0; c <= chunks; c++) {
        chunkStart[c] = Parallel.boundary(0, distinct, chunks, c);
      }
      pathChunks = Math.max(1, Math.min(MAX_CHUNKS, pathPeriods / (64 * CHUNK)));
      chunkWork = new double[chunks][ParetoNbdTimeVaryingKernel.workLength(maxPeriods)];
      chunkGradient = new double[chunks][4 + layout.coefficients()];
      // Per chunk: starts, ln a, ln c, d/d ln a, d/d ln c, purchases of the pattern's periods.
      chunkPeriods = new double[chunks][6][maxPeriods];
    }

    /**
     * Whether customers i and j have the same periods (starts, rows and repeat purchases bit for
     * bit, −0 as 0).
     */
    private static boolean samePath(
        int[] offsets, double[] starts, double[] rows, double[] counts, int k, int i, int j) {
      int count = offsets[i + 1] - offsets[i];
      if (offsets[j + 1] - offsets[j] != count) {
        return false;
      }
      for (int q = 0; q < count; q++) {
        int qi = offsets[i] + q;
        int qj = offsets[j] + q;
        if (Double.doubleToLongBits(starts[qi] + 0.0)
            != Double.doubleToLongBits(starts[qj] + 0.0)) {
          return false;
        }
        if (counts != null && counts[qi] != counts[qj]) {
          return false;
        }
        for (int c = 0; c < k; c++) {
          if (Double.doubleToLongBits(rows[qi * k + c] + 0.0)
              != Double.doubleToLongBits(rows[qj * k + c] + 0.0)) {
            return false;
          }
        }
      }
      return true;
    }

    /** Distinct (frequency, recency, age, covariate path) patterns. */
    int patternCount() {
      return frequency.length;
    }

    /** The patterns without covariates, in the caller's unit: what the null model is fitted to. */
    CustomerHistories histories() {
      return CustomerHistories.of(frequency, rawRecency, rawAge, weight);
    }

    /** Distinct covariate paths. */
    int pathCount() {
      return pathCount;
    }

    /**
     * Σ w ln L at θ (α₀, β₀ in the scaled unit) and, when {@code gradient} is not null, its
     * gradient.
     */
    double value(double[] theta, double[] gradient) {
      double[] coefficients = Arrays.copyOfRange(theta, 4, theta.length);
      ParetoNbdTimeVaryingKernel kernel =
          new ParetoNbdTimeVaryingKernel(
              Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2]), Math.exp(theta[3]));
      int k = layout.columns();
      Parallel.run(
          executor,
          0,
          pathLa.length,
          pathChunks,
          (from, to) -> {
            for (int q = from; q < to; q++) {
              pathLa[q] = layout.purchaseIndex(coefficients, pathRows, q * k);
              pathLc[q] = layout.dropoutIndex(coefficients, pathRows, q * k);
            }
          });
      int chunks = chunkWork.length;
      boolean wantGradient = gradient != null;
      double ll =
          Parallel.sum(
              executor,
              0,
              chunks,
              chunks,
              (first, from, to) -> {
                double sum = 0;
                for (int c = from; c < to; c++) {
                  sum += chunk(kernel, k, c, wantGradient);
                }
                return sum;
              });
      if (wantGradient) {
        Arrays.fill(gradient, 0.0);
        for (double[] partial : chunkGradient) {
          for (int j = 0; j < gradient.length; j++) {
            gradient[j] += partial[j];
          }
        }
      }
      return ll;
    }

    private double chunk(ParetoNbdTimeVaryingKernel kernel, int k, int c, boolean wantGradient) {
      double[] work = chunkWork[c];
      double[] g = chunkGradient[c];
      double[][] periods = chunkPeriods[c];
      double[] starts = periods[0];
      double[] la = periods[1];
      double[] lc = periods[2];
      double[] ga = periods[3];
      double[] gc = periods[4];
      double[] counts = pathCounts == null ? null : periods[5];
      Arrays.fill(g, 0.0);
      double[] g4 = new double[4];
      double sum = 0;
      for (int i = chunkStart[c]; i < chunkStart[c + 1]; i++) {
        int p = path[i];
        int from = pathOffsets[p];
        int count = pathOffsets[p + 1] - from;
        System.arraycopy(pathStarts, from, starts, 0, count);
        System.arraycopy(pathLa, from, la, 0, count);
        System.arraycopy(pathLc, from, lc, 0, count);
        if (counts != null) {
          System.arraycopy(pathCounts, from, counts, 0, count);
        }
        double w = weight[i];
        sum +=
            w
                * kernel.logLikelihood(
                    frequency[i],
                    recency[i],
                    age[i],
                    starts,
                    0,
                    count,
                    la,
                    lc,
                    counts,
                    wantGradient ? g4 : null,
                    ga,
                    gc,
                    work,
                    null);
        if (wantGradient) {
          for (int j = 0; j < 4; j++) {
            g[j] += w * g4[j];
          }
          for (int q = 0; q < count; q++) {
            layout.addGradient(w * ga[q], w * gc[q], pathRows, (from + q) * k, g, 4);
          }
        }
      }
      return sum;
    }
  }

  /** LL over θ, in the scaled unit's parameters but the caller's LL, minus n · penalty. */
  static final class Objective implements MaximumLikelihood.Objective {
    private final Likelihood likelihood;
    private final CovariateLayout layout;
    private final boolean penalised;

    Objective(Likelihood likelihood, CovariateLayout layout, boolean penalised) {
      this.likelihood = likelihood;
      this.layout = layout;
      this.penalised = penalised && layout.penalised();
    }

    @Override
    public int dimension() {
      return 4 + layout.coefficients();
    }

    @Override
    public double value(double[] theta, double[] gradient) {
      double ll;
      try {
        ll = likelihood.value(theta, gradient);
      } catch (ArithmeticException e) {
        return Double.NEGATIVE_INFINITY;
      }
      ll -= likelihood.constant;
      if (penalised) {
        double n = likelihood.customers;
        ll -= n * layout.penalty(theta, 4);
        if (gradient != null) {
          layout.addPenaltyGradient(theta, -n, gradient, 4);
        }
      }
      return ll;
    }
  }
}
