package org.clvkit.core.lifecycle;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.clvkit.core.Checks;
import org.clvkit.core.internal.DenseLu;

/**
 * A discrete-time Markov chain over lifecycle stages: a {@link StageSet} and its one-period {@link
 * TransitionMatrix} {@code P}. It forecasts stage distributions, analyses chains in which churn is
 * absorbing (fundamental matrix, expected lifetime, probability of churn by a horizon), finds the
 * stationary distribution of chains with win-back, and values customers by stage with per-stage
 * margins as in Pfeifer and Carraway (2000), "Modeling customer relationships as Markov chains",
 * <i>Journal of Interactive Marketing</i> 14(2), 43–55.
 *
 * <p>Conventions: a period is one step of the chain; stage {@code i} is row {@code i} of {@code P};
 * a stage is <em>absorbing</em> when {@code P(i, i) = 1}; arrays indexed by stage have the length
 * of the stage set. Methods that need a kind of chain (absorbing, or with a unique stationary
 * distribution) check its structure exactly, from the pattern of non-zero entries, and say which
 * stage breaks the requirement. Dense linear algebra is O(n³) in the number of stages, meant for a
 * few dozen.
 *
 * <p>Immutable, thread-safe and {@link Serializable}; every returned array is a fresh copy.
 */
public final class LifecycleModel implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final double SUM_TOLERANCE = TransitionMatrix.ROW_SUM_TOLERANCE;

  private final StageSet stages;
  private final TransitionMatrix matrix;

  private LifecycleModel(StageSet stages, TransitionMatrix matrix) {
    this.stages = stages;
    this.matrix = matrix;
  }

  /**
   * A model over {@code stages} with one-period transition matrix {@code matrix}.
   *
   * @throws org.clvkit.core.ClvArgumentException when either is null or their sizes differ ({@code
   *     transitionMatrix has length 4 but stages has length 5})
   */
  public static LifecycleModel of(StageSet stages, TransitionMatrix matrix) {
    Checks.notNull("stages", stages);
    Checks.notNull("transitionMatrix", matrix);
    Checks.sameLength("transitionMatrix", matrix.size(), "stages", stages.size());
    return new LifecycleModel(stages, matrix);
  }

  /** The stages, in the order of the matrix rows. */
  public StageSet stages() {
    return stages;
  }

  /** The one-period transition matrix. */
  public TransitionMatrix transitionMatrix() {
    return matrix;
  }

  // ---------------------------------------------------------------------------------------------
  // Forecasts

  /**
   * The stage distribution after {@code periods} periods, {@code initial · P^periods}.
   *
   * @param periods number of periods ahead, {@code >= 0} ({@code 0} returns a copy of {@code
   *     initial})
   * @param initial the current stage distribution: entries in [0, 1] summing to 1 within 1e-9
   * @return the distribution, which sums to 1 up to rounding
   */
  public double[] distributionAfter(int periods, double[] initial) {
    Checks.nonNegative("periods", periods);
    double[][] path = forecast(periods, initial, false);
    return path[0];
  }

  /**
   * The stage distribution at every period from now ({@code 0}) to {@code periods}: row {@code t}
   * is {@code initial · P^t}. Arguments as {@link #distributionAfter(int, double[])}.
   *
   * @return {@code periods + 1} rows of stage probabilities
   */
  public double[][] forecast(int periods, double[] initial) {
    Checks.nonNegative("periods", periods);
    return forecast(periods, initial, true);
  }

  private double[][] forecast(int periods, double[] initial, boolean keepPath) {
    int n = stages.size();
    checkDistribution("initial", initial);
    double[][] path = new double[keepPath ? periods + 1 : 1][];
    double[] x = initial.clone();
    if (keepPath) {
      path[0] = x.clone();
    }
    double[] p = matrix.raw();
    double[] next = new double[n];
    for (int t = 1; t <= periods; t++) {
      Arrays.fill(next, 0);
      for (int i = 0; i < n; i++) {
        double xi = x[i];
        if (xi != 0) {
          for (int j = 0; j < n; j++) {
            next[j] += xi * p[i * n + j];
          }
        }
      }
      double[] swap = x;
      x = next;
      next = swap;
      if (keepPath) {
        path[t] = x.clone();
      }
    }
    if (!keepPath) {
      path[0] = x;
    }
    return path;
  }

  // ---------------------------------------------------------------------------------------------
  // Absorbing-chain analysis

  /**
   * The indices of the absorbing stages ({@code P(i, i) = 1}), in increasing order; may be empty.
   */
  public int[] absorbingStages() {
    int n = stages.size();
    int count = 0;
    int[] found = new int[n];
    for (int i = 0; i < n; i++) {
      if (matrix.isAbsorbing(i)) {
        found[count++] = i;
      }
    }
    return Arrays.copyOf(found, count);
  }

  /**
   * Whether the chain is absorbing: it has at least one absorbing stage and every other stage can
   * reach one, so that every customer eventually churns.
   */
  public boolean isAbsorbing() {
    return absorbingProblem() == null;
  }

  /**
   * The fundamental matrix {@code N = (I − Q)⁻¹} of the absorbing chain, embedded in the full stage
   * order: entry {@code (i, j)} for non-absorbing stages {@code i, j} is the expected number of
   * periods that a customer now in stage {@code i} spends in stage {@code j} before being absorbed,
   * the current period included; rows and columns of absorbing stages are 0. {@code Q} is {@code P}
   * restricted to the non-absorbing stages. Grinstead and Snell, <i>Introduction to Probability</i>
   * (1997), §11.2 (Kemeny and Snell, <i>Finite Markov Chains</i>, 1960, §3.2).
   *
   * @throws org.clvkit.core.ClvArgumentException when the chain is not absorbing (see {@link
   *     #isAbsorbing()}); the message names the first stage that cannot reach an absorbing stage
   */
  public double[][] fundamentalMatrix() {
    int n = stages.size();
    int[] open = requireAbsorbing();
    double[] inverse = transientInverse(open);
    int t = open.length;
    double[][] result = new double[n][n];
    for (int a = 0; a < t; a++) {
      for (int b = 0; b < t; b++) {
        result[open[a]][open[b]] = inverse[a * t + b];
      }
    }
    return result;
  }

  /**
   * The expected lifetime by starting stage: the expected number of periods before a customer
   * enters an absorbing stage, counting the current period, that is the row sums {@code N·1} of the
   * {@link #fundamentalMatrix()} (Grinstead and Snell, Theorem 11.5); 0 for an absorbing stage.
   * With churn the only absorbing stage, this is the expected number of periods as a customer.
   *
   * @throws org.clvkit.core.ClvArgumentException when the chain is not absorbing
   */
  public double[] expectedLifetime() {
    double[][] fundamental = fundamentalMatrix();
    double[] lifetime = new double[stages.size()];
    for (int i = 0; i < lifetime.length; i++) {
      double s = 0;
      for (double v : fundamental[i]) {
        s += v;
      }
      lifetime[i] = s;
    }
    return lifetime;
  }

  /**
   * The probabilities of ending in each absorbing stage: entry {@code (i, j)} is the probability
   * that a customer now in stage {@code i} is eventually absorbed in stage {@code j}, {@code B =
   * N·R} for non-absorbing {@code i} (Grinstead and Snell, Theorem 11.6) and the identity for
   * absorbing {@code i}; columns of non-absorbing stages are 0. Each row sums to 1.
   *
   * @throws org.clvkit.core.ClvArgumentException when the chain is not absorbing
   */
  public double[][] absorptionProbabilities() {
    int n = stages.size();
    double[][] fundamental = fundamentalMatrix();
    double[] p = matrix.raw();
    double[][] b = new double[n][n];
    for (int i = 0; i < n; i++) {
      if (matrix.isAbsorbing(i)) {
        b[i][i] = 1;
        continue;
      }
      for (int j = 0; j < n; j++) {
        if (!matrix.isAbsorbing(j)) {
          continue;
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += fundamental[i][k] * p[k * n + j];
        }
        b[i][j] = s;
      }
    }
    return b;
  }

  /**
   * The probability of churn by a horizon: for each starting stage, the probability of being in an
   * absorbing stage after {@code horizon} periods, {@code (P^horizon · 1_A)_i} with {@code A} the
   * absorbing stages. It rises with the horizon towards 1 for an absorbing chain; 1 for an
   * absorbing starting stage. Needs at least one absorbing stage, not a fully absorbing chain. For
   * a chain with win-back, where churn is not absorbing, use {@link #probabilityOfReachingBy(int,
   * int)}.
   *
   * @param horizon number of periods, {@code >= 0}
   * @throws org.clvkit.core.ClvArgumentException when no stage is absorbing
   */
  public double[] churnProbabilityBy(int horizon) {
    Checks.nonNegative("horizon", horizon);
    int n = stages.size();
    if (absorbingStages().length == 0) {
      throw noAbsorbingStage();
    }
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = matrix.isAbsorbing(i) ? 1 : 0;
    }
    return iterate(a, horizon, -1);
  }

  /**
   * The probability that a customer now in each stage is in stage {@code stage} at least once
   * within the next {@code horizon} periods (the current one included, so 1 for {@code stage}
   * itself): a first-passage probability, computed by making {@code stage} absorbing. With win-back
   * this is the probability of churning at least once by the horizon.
   *
   * @param stage the target stage index
   * @param horizon number of periods, {@code >= 0}
   */
  public double[] probabilityOfReachingBy(int stage, int horizon) {
    Checks.index("stage", stage, stages.size());
    Checks.nonNegative("horizon", horizon);
    double[] a = new double[stages.size()];
    a[stage] = 1;
    return iterate(a, horizon, stage);
  }

  /**
   * {@code horizon} times {@code a ← P·a}, holding {@code a[fixed] = 1} when {@code fixed >= 0}.
   */
  private double[] iterate(double[] a, int horizon, int fixed) {
    int n = a.length;
    double[] p = matrix.raw();
    double[] next = new double[n];
    for (int t = 0; t < horizon; t++) {
      for (int i = 0; i < n; i++) {
        if (i == fixed) {
          next[i] = 1;
          continue;
        }
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += p[i * n + j] * a[j];
        }
        next[i] = s;
      }
      double[] swap = a;
      a = next;
      next = swap;
    }
    return a;
  }

  // ---------------------------------------------------------------------------------------------
  // Stationary distribution

  /**
   * The stationary distribution {@code π = π·P}, {@code Σπ = 1}, of a chain with exactly one closed
   * class of stages (for example a chain with win-back, where every stage can reach every other):
   * the long-run share of customers in each stage. Stages outside the closed class get exactly 0;
   * for an absorbing chain with one absorbing stage the result puts all mass there.
   *
   * <p>Computed on the closed class with the Grassmann–Taksar–Heyman state-reduction algorithm
   * (Grassmann, Taksar and Heyman 1985, <i>Operations Research</i> 33(5), 1107–1116; Stewart,
   * <i>Introduction to the Numerical Solution of Markov Chains</i>, 1994, §2.7), which needs no
   * subtractions and so keeps every entry non-negative and accurate. For a periodic chain the
   * distribution exists but the forecast oscillates rather than converging to it.
   *
   * @throws org.clvkit.core.ClvArgumentException when the stationary distribution is not unique,
   *     that is the chain has two or more closed classes; the message names a stage in each of two
   *     of them
   */
  public double[] stationaryDistribution() {
    int n = stages.size();
    boolean[][] reach = reachability();
    List<Integer> closedClassLeaders = new ArrayList<>();
    boolean[] recurrent = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean closed = true;
      for (int j = 0; j < n && closed; j++) {
        if (reach[i][j] && !reach[j][i]) {
          closed = false;
        }
      }
      recurrent[i] = closed;
      if (closed) {
        boolean seen = false;
        for (int leader : closedClassLeaders) {
          if (reach[leader][i]) {
            seen = true;
            break;
          }
        }
        if (!seen) {
          closedClassLeaders.add(i);
        }
      }
    }
    if (closedClassLeaders.size() > 1) {
      throw Checks.fail(
          "the stationary distribution is not unique: stages %s and %s lie in different closed"
              + " classes",
          stages.label(closedClassLeaders.get(0)), stages.label(closedClassLeaders.get(1)));
    }
    int leader = closedClassLeaders.get(0);
    int[] members = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (recurrent[i] && reach[leader][i]) {
        members[m++] = i;
      }
    }
    double[] p = matrix.raw();
    double[] a = new double[m * m];
    for (int r = 0; r < m; r++) {
      for (int c = 0; c < m; c++) {
        a[r * m + c] = p[members[r] * n + members[c]];
      }
    }
    double[] pi = gth(a, m);
    double[] result = new double[n];
    for (int r = 0; r < m; r++) {
      result[members[r]] = pi[r];
    }
    return result;
  }

  /** GTH state reduction on an irreducible stochastic matrix {@code a} (m × m, overwritten). */
  private static double[] gth(double[] a, int m) {
    for (int k = m - 1; k > 0; k--) {
      double s = 0;
      for (int j = 0; j < k; j++) {
        s += a[k * m + j];
      }
      for (int i = 0; i < k; i++) {
        a[i * m + k] /= s;
      }
      for (int i = 0; i < k; i++) {
        double aik = a[i * m + k];
        if (aik != 0) {
          for (int j = 0; j < k; j++) {
            a[i * m + j] += aik * a[k * m + j];
          }
        }
      }
    }
    double[] pi = new double[m];
    pi[0] = 1;
    double total = 1;
    for (int j = 1; j < m; j++) {
      double s = 0;
      for (int i = 0; i < j; i++) {
        s += pi[i] * a[i * m + j];
      }
      pi[j] = s;
      total += s;
    }
    for (int j = 0; j < m; j++) {
      pi[j] /= total;
    }
    return pi;
  }

  // ---------------------------------------------------------------------------------------------
  // Valuation (Pfeifer and Carraway 2000)

  /**
   * The expected discounted value of a customer by current stage over an infinite horizon, {@code V
   * = (I − P/(1+d))⁻¹ R} (Pfeifer and Carraway 2000): {@code V_i = E[Σ_{t≥0} R(X_t)/(1+d)^t | X_0 =
   * i]}, where the margin {@code R_j} of stage {@code j} is received in every period the customer
   * spends in {@code j}, the current period included and undiscounted. Solved by LU with partial
   * pivoting; the matrix is strictly diagonally dominant for {@code d > 0}, so it is never
   * singular.
   *
   * @param margins net cash flow per period in each stage, finite (may be negative, for example a
   *     marketing cost in a stage without purchases)
   * @param discountRate discount rate per period, finite and {@code > 0} (at 0 the sum diverges)
   * @return the value of a customer in each stage
   */
  public double[] value(double[] margins, double discountRate) {
    checkMargins(margins);
    Checks.positive("discountRate", discountRate);
    int n = stages.size();
    double[] p = matrix.raw();
    double[] a = new double[n * n];
    double factor = 1.0 / (1.0 + discountRate);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i * n + j] = (i == j ? 1.0 : 0.0) - factor * p[i * n + j];
      }
    }
    return DenseLu.factor(a, n).solve(margins);
  }

  /**
   * The expected discounted value by current stage over a finite horizon, {@code V_T = Σ_{t=0}^{T}
   * (P/(1+d))^t R} (Pfeifer and Carraway 2000): the margins of the current period and of the next
   * {@code T} periods, {@code T + 1} terms in all ({@code horizon = 0} returns the margins).
   * Computed backwards as {@code V ← R + P·V/(1+d)}, O(T·n²). As {@code T} grows it converges to
   * {@link #value(double[], double)}, the gap shrinking like {@code (1+d)^−T}.
   *
   * @param margins net cash flow per period in each stage, finite
   * @param discountRate discount rate per period, finite and {@code >= 0}
   * @param horizon number of future periods, {@code >= 0}
   */
  public double[] value(double[] margins, double discountRate, int horizon) {
    checkMargins(margins);
    Checks.nonNegative("discountRate", discountRate);
    Checks.nonNegative("horizon", horizon);
    int n = stages.size();
    double[] p = matrix.raw();
    double factor = 1.0 / (1.0 + discountRate);
    double[] v = margins.clone();
    double[] next = new double[n];
    for (int t = 0; t < horizon; t++) {
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += p[i * n + j] * v[j];
        }
        next[i] = margins[i] + factor * s;
      }
      double[] swap = v;
      v = next;
      next = swap;
    }
    return v;
  }

  /**
   * The value of a customer base over an infinite horizon: {@code stageCounts · V} with {@code V}
   * from {@link #value(double[], double)}.
   *
   * @param stageCounts number of customers in each stage now, finite and {@code >= 0} (need not be
   *     whole: expected counts are fine)
   */
  public double baseValue(double[] stageCounts, double[] margins, double discountRate) {
    checkCounts(stageCounts);
    return dot(stageCounts, value(margins, discountRate));
  }

  /**
   * The value of a customer base over a finite horizon: {@code stageCounts · V_T} with {@code V_T}
   * from {@link #value(double[], double, int)}.
   */
  public double baseValue(
      double[] stageCounts, double[] margins, double discountRate, int horizon) {
    checkCounts(stageCounts);
    return dot(stageCounts, value(margins, discountRate, horizon));
  }

  // ---------------------------------------------------------------------------------------------
  // Structure and validation

  private void checkDistribution(String name, double[] distribution) {
    Checks.notNull(name, distribution);
    Checks.sameLength(name, distribution.length, "stages", stages.size());
    Checks.probability(name, distribution);
    double sum = 0;
    for (double v : distribution) {
      sum += v;
    }
    Checks.sumsToOne(name, sum, SUM_TOLERANCE);
  }

  private void checkMargins(double[] margins) {
    Checks.notNull("margins", margins);
    Checks.sameLength("margins", margins.length, "stages", stages.size());
    Checks.finite("margins", margins);
  }

  private void checkCounts(double[] counts) {
    Checks.notNull("stageCounts", counts);
    Checks.sameLength("stageCounts", counts.length, "stages", stages.size());
    Checks.nonNegative("stageCounts", counts);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** {@code reach[i][j]}: stage j can be reached from stage i in zero or more periods. */
  private boolean[][] reachability() {
    int n = stages.size();
    double[] p = matrix.raw();
    boolean[][] reach = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      reach[i][i] = true;
      for (int j = 0; j < n; j++) {
        if (p[i * n + j] > 0) {
          reach[i][j] = true;
        }
      }
    }
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        if (reach[i][k]) {
          for (int j = 0; j < n; j++) {
            reach[i][j] |= reach[k][j];
          }
        }
      }
    }
    return reach;
  }

  /** Null when the chain is absorbing, otherwise the exception that says why not. */
  private RuntimeException absorbingProblem() {
    int[] absorbing = absorbingStages();
    if (absorbing.length == 0) {
      return noAbsorbingStage();
    }
    boolean[][] reach = reachability();
    for (int i = 0; i < stages.size(); i++) {
      boolean reaches = false;
      for (int a : absorbing) {
        reaches |= reach[i][a];
      }
      if (!reaches) {
        return Checks.fail(
            "the chain is not absorbing: stage %s cannot reach an absorbing stage",
            stages.label(i));
      }
    }
    return null;
  }

  private RuntimeException noAbsorbingStage() {
    return Checks.fail(
        "the chain has no absorbing stage (a stage i with P(i, i) = 1); stages are %s",
        stages.names());
  }

  /** The non-absorbing stages of an absorbing chain, or throws. */
  private int[] requireAbsorbing() {
    RuntimeException problem = absorbingProblem();
    if (problem != null) {
      throw problem;
    }
    int n = stages.size();
    int[] open = new int[n];
    int t = 0;
    for (int i = 0; i < n; i++) {
      if (!matrix.isAbsorbing(i)) {
        open[t++] = i;
      }
    }
    return Arrays.copyOf(open, t);
  }

  /**
   * {@code (I − Q)⁻¹} over the given non-absorbing stages, row-major; empty when there are none.
   */
  private double[] transientInverse(int[] open) {
    int t = open.length;
    if (t == 0) {
      return new double[0];
    }
    int n = stages.size();
    double[] p = matrix.raw();
    double[] a = new double[t * t];
    for (int r = 0; r < t; r++) {
      for (int c = 0; c < t; c++) {
        a[r * t + c] = (r == c ? 1.0 : 0.0) - p[open[r] * n + open[c]];
      }
    }
    DenseLu lu = DenseLu.factor(a, t);
    if (lu.isSingular()) {
      // I − Q is non-singular for an absorbing chain; only extreme rounding could get here.
      throw new IllegalStateException("I - Q is numerically singular for " + matrix);
    }
    return lu.inverse();
  }

  /** Checks the sizes again after deserialization. */
  private Object readResolve() {
    return of(stages, matrix);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LifecycleModel other
        && other.stages.equals(stages)
        && other.matrix.equals(matrix);
  }

  @Override
  public int hashCode() {
    return 31 * stages.hashCode() + matrix.hashCode();
  }

  @Override
  public String toString() {
    return "LifecycleModel[stages=" + stages.names() + ", transitionMatrix=" + matrix + "]";
  }
}
