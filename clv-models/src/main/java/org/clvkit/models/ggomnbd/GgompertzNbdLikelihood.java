package org.clvkit.models.ggomnbd;

import java.util.List;
import java.util.concurrent.Executor;
import org.clvkit.core.internal.Parallel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.internal.DistinctValues;
import org.clvkit.models.internal.GaussKronrod;
import org.clvkit.models.internal.LogPochhammer;
import org.clvkit.models.internal.MaximumLikelihood;
import org.clvkit.models.internal.ModelFitting;
import org.clvkit.models.internal.PatternSample;

/**
 * The Gamma-Gompertz/NBD maximum-likelihood problem over distinct (x, t_x, T) patterns, with the
 * analytic gradient in the log-parameters. Per pattern, ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln(A
 * + C) with A and C of {@link GgompertzNbdFunctions}; the derivatives of ln C come from the same
 * quadrature as C itself, the integrand e^{h(τ)} carrying the derivatives of h(τ) = bτ − (r+x)
 * ln(α+τ) − (s+1) ln B(τ):
 *
 * <pre>
 *   ∂h/∂r = −ln(α+τ),  ∂h/∂α = −(r+x)/(α+τ),  ∂h/∂b = τ (1 − (s+1) e^{bτ}/B(τ)),
 *   ∂h/∂s = −ln B(τ),  ∂h/∂β = −(s+1)/B(τ).
 * </pre>
 *
 * The quadrature is the panel rule over the data's own time grid ({@link GgompertzNbdPanels}: node
 * work shared by all patterns, one exponential per node and distinct x), and an adaptive
 * Gauss–Kronrod subdivision per pattern for the patterns and evaluations it leaves out (the
 * heaviest buyers, integrals that underflow, data without a coarse time grid). ln Γ(r+x) − ln Γ(r)
 * and ψ(r+x) are computed once per distinct x, and B(T), ln(α+T) once per distinct T.
 *
 * <p>Parallel evaluation, as for the Pareto/NBD: the patterns are summed in fixed chunks (their
 * number depends only on the number of patterns), each with its own scratch space and partial sums,
 * added in chunk order; with an executor the chunks run on it, without one in the calling thread,
 * and the result is the same bit for bit. The panel quadrature runs before, in the calling thread.
 *
 * <p>α has time exponent 1 and b −1; an instance holds scratch space and must not be used from two
 * threads at once.
 */
final class GgompertzNbdLikelihood implements ModelFitting.Problem {
  private static final List<String> NAMES = List.of("r", "alpha", "b", "s", "beta");

  /** Patterns per chunk of the pattern sums, roughly. */
  static final int CHUNK = 8_192;

  /** Most chunks of one sum. */
  static final int MAX_CHUNKS = 64;

  private final double[] x;
  private final double[] recency;
  private final double[] age;
  private final double[] weight;
  private final double customers;
  private final double purchases;
  private final double exposure;
  private final double timeScale;
  private final Executor executor;
  private final int chunks;
  private final Scratch[] scratch;
  private final double[][] chunkGradients;
  private final GgompertzNbdPanels panels;
  private final double[] gridIntegrals;
  private final double[] gridScale;
  private final double[] distinctX;
  private final int[] xIndex;
  private final double[] logRising;
  private final double[] digammaRx;
  private final double[] distinctAge;
  private final int[] ageIndex;
  private final double[] ageLogB;
  private final double[] ageLogShift;
  private final double[] ageInverseB;
  private final double[] ageShare;
  private boolean lastGrid;

  /**
   * @param data the customer histories (compressed here)
   * @param timeScale the time scale the fit will use, for the starting point
   */
  GgompertzNbdLikelihood(CustomerHistories data, double timeScale) {
    this(data, timeScale, true, null);
  }

  /**
   * @param data the customer histories (compressed here)
   * @param timeScale the time scale the fit will use, for the starting point
   * @param grid whether the patterns' integrals may come from {@link GgompertzNbdPanels} (false:
   *     every integral adaptive, for tests)
   * @param executor where the chunks of the pattern sums run, or null for the calling thread
   */
  GgompertzNbdLikelihood(
      CustomerHistories data, double timeScale, boolean grid, Executor executor) {
    CustomerHistories patterns = data.compressed();
    // Patterns in order of (x, t_x, T): the panels' groups are then contiguous runs whose times
    // ascend, so their integrals are read and written in memory order.
    int[] order = memoryOrder(patterns);
    this.x = select(patterns.frequencyColumn(), order);
    this.recency = select(patterns.recencyColumn(), order);
    this.age = select(patterns.ageColumn(), order);
    this.weight = select(patterns.weightColumn(), order);
    this.timeScale = timeScale;
    this.panels = grid ? new GgompertzNbdPanels(x, recency, age) : null;
    this.gridIntegrals = new double[6 * x.length];
    this.gridScale = new double[x.length];
    this.distinctX = java.util.Arrays.stream(x).distinct().sorted().toArray();
    this.xIndex = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      xIndex[i] = java.util.Arrays.binarySearch(distinctX, x[i]);
    }
    this.logRising = new double[distinctX.length];
    this.distinctAge = java.util.Arrays.stream(age).distinct().sorted().toArray();
    this.ageIndex = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      ageIndex[i] = java.util.Arrays.binarySearch(distinctAge, age[i]);
    }
    this.ageLogB = new double[distinctAge.length];
    this.ageLogShift = new double[distinctAge.length];
    this.ageInverseB = new double[distinctAge.length];
    this.ageShare = new double[distinctAge.length];
    this.executor = executor;
    this.chunks = Math.max(1, Math.min(MAX_CHUNKS, x.length / CHUNK));
    this.scratch = new Scratch[chunks];
    for (int k = 0; k < chunks; k++) {
      scratch[k] = new Scratch();
    }
    this.chunkGradients = new double[chunks][5];
    this.digammaRx = new double[distinctX.length];
    double total = 0;
    double bought = 0;
    double exposed = 0;
    for (int i = 0; i < x.length; i++) {
      total += weight[i];
      bought += weight[i] * x[i];
      exposed += weight[i] * age[i];
    }
    this.customers = total;
    this.purchases = bought;
    this.exposure = exposed;
  }

  /** Number of patterns whose integrals may come from the panels (for tests). */
  int panelPatterns() {
    return panels == null ? 0 : panels.gridPatterns();
  }

  /** Whether the last evaluation took the panel patterns' integrals from the panels (for tests). */
  boolean lastEvaluationUsedPanels() {
    return lastGrid;
  }

  /** The permutation that sorts the patterns by x, then t_x, then T (stable counting sorts). */
  private static int[] memoryOrder(CustomerHistories patterns) {
    int n = patterns.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double[][] keys = {patterns.ageColumn(), patterns.recencyColumn(), patterns.frequencyColumn()};
    int[] rank = new int[n];
    for (double[] key : keys) {
      int distinct = DistinctValues.sorted(key, rank).length;
      order = DistinctValues.sortStably(order, rank, distinct);
    }
    return order;
  }

  private static double[] select(double[] column, int[] order) {
    double[] out = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = column[order[i]];
    }
    return out;
  }

  @Override
  public String model() {
    return GgompertzNbdModel.NAME;
  }

  @Override
  public List<String> parameterNames() {
    return NAMES;
  }

  @Override
  public double[] timeExponents() {
    return new double[] {0, 1, -1, 0, 0};
  }

  /** r = 1, α from the mean purchase rate, b = 0.1, s = 1, β = 1 (in rescaled time). */
  @Override
  public double[] start() {
    double alpha = purchases > 0 ? exposure / timeScale / purchases : 10.0;
    alpha = Math.min(1e3, Math.max(1e-3, alpha));
    return new double[] {0.0, Math.log(alpha), Math.log(0.1), 0.0, 0.0};
  }

  @Override
  public double customers() {
    return customers;
  }

  @Override
  public int patterns() {
    return x.length;
  }

  /**
   * The same problem on a seeded sample of about {@code size} patterns whose weights are scaled to
   * stand for all the customers ({@link PatternSample}), for the starting-point search of large
   * fits.
   */
  @Override
  public ModelFitting.Problem sample(int size, long seed) {
    PatternSample sample = PatternSample.draw(weight, size, seed);
    CustomerHistories drawn =
        CustomerHistories.of(
            sample.select(x), sample.select(recency), sample.select(age), sample.weights());
    return new GgompertzNbdLikelihood(drawn, timeScale, panels != null, executor);
  }

  @Override
  public MaximumLikelihood.Objective objective(double scale) {
    double constant = purchases * Math.log(scale);
    return new MaximumLikelihood.Objective() {
      @Override
      public int dimension() {
        return 5;
      }

      @Override
      public double value(double[] theta, double[] gradient) {
        double[] p = new double[5];
        for (int k = 0; k < 5; k++) {
          p[k] = Math.exp(theta[k]);
        }
        try {
          return logLikelihood(p, scale, gradient) - constant;
        } catch (ArithmeticException e) {
          return Double.NEGATIVE_INFINITY; // an integral gave up far from any sensible optimum
        }
      }
    };
  }

  /**
   * The integrand e^{h(τ)−h(τ0)} with h's derivatives. Each node computes e^{−bτ} (or e^{bτ} − 1)
   * and one logarithm of B(τ) once and derives ln B(τ), e^{bτ}/B(τ), 1/B(τ) and the growth
   * difference G(τ) − G(τ0) from them, and ln(α+τ) from the log1p the integrand needs anyway (four
   * transcendental functions a node instead of eleven), with the same branches as {@link
   * GgompertzNbdFunctions#growthDifference} (the difference of times once bτ and bτ0 exceed 1); the
   * τ0 terms are set once per pattern by {@link #at}.
   */
  private static final class Integrand implements GaussKronrod.Integrand {
    double alpha;
    double b;
    double s;
    double beta;
    double rx;
    double tau0;
    private boolean large0;
    private double log1pQ0;
    private double growth0;
    private double alphaTau0;
    private double logAlphaTau0;

    /** Sets the pattern's r + x and the scaling point τ0. */
    void at(double rx, double tau0) {
      this.rx = rx;
      this.tau0 = tau0;
      double bt0 = b * tau0;
      large0 = bt0 > 1;
      log1pQ0 = large0 ? Math.log1p((beta - 1) * Math.exp(-bt0)) : 0;
      growth0 = GgompertzNbdFunctions.growth(b, s, beta, tau0);
      alphaTau0 = alpha + tau0;
      logAlphaTau0 = Math.log(alphaTau0);
    }

    @Override
    public void evaluate(double tau, double[] out) {
      double bt = b * tau;
      double logB;
      double share;
      double inverseB;
      double growthDifference;
      if (bt > 1) {
        double decay = Math.exp(-bt);
        double q = (beta - 1) * decay;
        double log1pQ = Math.log1p(q);
        logB = bt + log1pQ;
        share = 1 / (1 + q);
        inverseB = decay * share;
        growthDifference =
            large0
                ? -s * b * (tau - tau0) - (s + 1) * (log1pQ - log1pQ0)
                : -s * bt - (s + 1) * log1pQ - growth0;
      } else {
        double grown = Math.expm1(bt);
        logB = Math.log(beta + grown);
        inverseB = 1 / (beta + grown);
        share = (1 + grown) * inverseB;
        growthDifference = bt - (s + 1) * logB - growth0;
      }
      // ln(α+τ) = ln(α+τ0) + log1p((τ−τ0)/(α+τ0)), the logarithm the integrand needs anyway.
      double logRatio = Math.log1p((tau - tau0) / alphaTau0);
      double e = Math.exp(growthDifference - rx * logRatio);
      out[0] = e;
      out[1] = -e * (logAlphaTau0 + logRatio);
      out[2] = -e * rx / (alpha + tau);
      out[3] = e * tau * (1 - (s + 1) * share);
      out[4] = -e * logB;
      out[5] = -e * (s + 1) * inverseB;
    }
  }

  /**
   * The log-likelihood at parameters {@code p = r, α, b, s, β} (in time divided by {@code scale});
   * the gradient in the log-parameters.
   */
  double logLikelihood(double[] p, double scale, double[] gradient) {
    double r = p[0];
    double alpha = p[1];
    double b = p[2];
    double s = p[3];
    double beta = p[4];
    GgompertzNbdFunctions f = new GgompertzNbdFunctions(r, alpha, b, s, beta);
    boolean withGradient = gradient != null;
    double logAlpha = Math.log(alpha);
    double logBeta = Math.log(beta);
    double psiR = withGradient ? LogPochhammer.digamma(r) : 0;
    double[] d = new double[5];
    boolean grid =
        panels != null
            && panels.integrate(
                r, alpha, b, s, beta, scale, gridIntegrals, gridScale, withGradient);
    lastGrid = grid;
    for (int k = 0; k < distinctX.length; k++) {
      logRising[k] = LogPochhammer.value(r, distinctX[k]);
      digammaRx[k] = withGradient ? LogPochhammer.digamma(r + distinctX[k]) : 0;
    }
    for (int k = 0; k < distinctAge.length; k++) {
      double t = distinctAge[k] / scale;
      double logBT = GgompertzNbdFunctions.logB(b, beta, t);
      ageLogB[k] = logBT;
      ageLogShift[k] = Math.log(alpha + t);
      ageInverseB[k] = Math.exp(-logBT);
      ageShare[k] = GgompertzNbdFunctions.growthShare(b, beta, t);
    }
    Evaluation e =
        new Evaluation(f, r, alpha, b, s, beta, scale, withGradient, grid, logAlpha, logBeta, psiR);
    double total =
        Parallel.sum(
            executor,
            0,
            x.length,
            chunks,
            (chunk, from, to) -> sum(e, from, to, scratch[chunk], chunkGradients[chunk]));
    if (withGradient) {
      for (double[] partial : chunkGradients) {
        for (int k = 0; k < 5; k++) {
          d[k] += partial[k];
        }
      }
    }
    if (withGradient) {
      for (int k = 0; k < 5; k++) {
        gradient[k] = d[k] * p[k];
      }
    }
    return total;
  }

  /** The per-evaluation constants the pattern sums share (read-only in the chunks). */
  private record Evaluation(
      GgompertzNbdFunctions f,
      double r,
      double alpha,
      double b,
      double s,
      double beta,
      double scale,
      boolean withGradient,
      boolean grid,
      double logAlpha,
      double logBeta,
      double psiR) {}

  /** One chunk's scratch space: the adaptive rule's workspace, integrand and integrals. */
  private static final class Scratch {
    final GaussKronrod.Workspace workspace = new GaussKronrod.Workspace(6);
    final double[] integrals = new double[6];
    final Integrand integrand = new Integrand();
  }

  /**
   * The log-likelihood of patterns [from, to), weighted; their gradient (in the natural parameters)
   * into {@code d}, overwritten.
   */
  private double sum(Evaluation e, int from, int to, Scratch scratch, double[] d) {
    GgompertzNbdFunctions f = e.f();
    double r = e.r();
    double alpha = e.alpha();
    double b = e.b();
    double s = e.s();
    double beta = e.beta();
    double scale = e.scale();
    boolean withGradient = e.withGradient();
    boolean grid = e.grid();
    double logAlpha = e.logAlpha();
    double logBeta = e.logBeta();
    double psiR = e.psiR();
    double[] integrals = scratch.integrals;
    GaussKronrod.Workspace workspace = scratch.workspace;
    Integrand g = scratch.integrand;
    g.alpha = alpha;
    g.b = b;
    g.s = s;
    g.beta = beta;
    java.util.Arrays.fill(d, 0);
    double logDensityConstant = Math.log(s * b) + s * logBeta;
    double total = 0;
    for (int i = from; i < to; i++) {
      double xi = x[i];
      double tx = recency[i] / scale;
      double t = age[i] / scale;
      double w = weight[i];
      double rx = r + xi;
      int ti = ageIndex[i];
      double logBT = ageLogB[ti];
      double logShiftT = ageLogShift[ti];
      double logA = s * (logBeta - logBT) - rx * logShiftT;
      double logC = Double.NEGATIVE_INFINITY;
      if (tx < t) {
        double logScale;
        if (grid && panels.onGrid(i) && !Double.isNaN(gridIntegrals[6 * i])) {
          System.arraycopy(gridIntegrals, 6 * i, integrals, 0, 6);
          logScale = gridScale[i];
        } else {
          double tau0 = f.peak(rx, tx, t);
          g.at(rx, tau0);
          workspace.integrate(g, tx, t, GgompertzNbdFunctions.TOLERANCE, 0, integrals);
          logScale = f.logIntegrand(rx, tau0);
        }
        logC = logDensityConstant + logScale + Math.log(integrals[0]);
      }
      // ln(A + C) = max + log1p(u), u = e^{min − max}; the shares A/(A+C) and C/(A+C) from u.
      boolean aliveLarger = logA >= logC;
      double max = aliveLarger ? logA : logC;
      double u = Math.exp((aliveLarger ? logC : logA) - max);
      // ln(1 + u) rather than log1p(u): its absolute error, a few ulps of 1, is what the sum
      // keeps, and Math.log is an intrinsic where log1p is not
      double logSum = max + Math.log(1 + u);
      total += w * (logRising[xIndex[i]] + r * logAlpha + logSum);
      if (withGradient) {
        double larger = 1 / (1 + u);
        double alive = aliveLarger ? larger : u * larger;
        double dead = tx < t ? (aliveLarger ? u * larger : larger) : 0;
        double j0 = tx < t ? integrals[0] : 1;
        double[] c = tx < t ? integrals : null;
        // r
        double dr = digammaRx[xIndex[i]] - psiR + logAlpha - alive * logShiftT;
        double da = r / alpha - alive * rx / (alpha + t);
        double db = -alive * s * t * ageShare[ti];
        double ds = alive * (logBeta - logBT);
        double dbeta = alive * (s / beta - s * ageInverseB[ti]);
        if (c != null) {
          dr += dead * c[1] / j0;
          da += dead * c[2] / j0;
          db += dead * (1 / b + c[3] / j0);
          ds += dead * (1 / s + logBeta + c[4] / j0);
          dbeta += dead * (s / beta + c[5] / j0);
        }
        d[0] += w * dr;
        d[1] += w * da;
        d[2] += w * db;
        d[3] += w * ds;
        d[4] += w * dbeta;
      }
    }
    return total;
  }
}
