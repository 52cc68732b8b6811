package org.clvkit.models.ggomnbd;

/**
 * The likelihood integrals of many patterns at once, on one fixed quadrature over the data's own
 * time grid. Each pattern's integral runs over [t_x, T], and in a daily (or weekly) log every t_x
 * and T is one of a few hundred distinct times: the panels between consecutive distinct times, each
 * cut into equal pieces with the 8-point Gauss–Legendre rule, carry every pattern's integral as a
 * sum of whole panels. The integrand e^{h(τ)}, h(τ) = G(τ) − (r+x) ln(α+τ) with G(τ) = bτ − (s+1)
 * ln B(τ), depends on x only through the power, so the node quantities (G, ln(α+τ), 1/(α+τ), ln B,
 * 1/B and ∂G/∂b) are computed once per evaluation and each distinct x costs one exponential and a
 * few multiply-adds per node; within one x, the panels' prefix and suffix sums give every pattern's
 * integral by one subtraction (the one that loses fewer digits; a direct sum over the pattern's
 * panels when both would lose more than three).
 *
 * <p>Error control: a piece of width w is accepted when (w/2)·max|h'| &lt;= {@link #SPREAD} over
 * it, with |h'| bounded by (r+x_max)/(α+τ) + b(1 + (s+1) e^{bτ}/B(τ)), and w is at most {@link
 * #REACH} times the distance from the piece to the nearest singularity of the integrand (τ = −α
 * from the power, and the zero of B, about 1/(b e^{bτ}/B(τ)) away). For e^{cz} on [−1, 1] the
 * 8-point rule's error is below 2.2e-18 c^16 e^c, 7e-15 of the integral at c = 1.5, and a
 * singularity at twice the width away leaves a Bernstein ellipse of parameter 9.9, 9.9^−16 ≈ 1e-16:
 * each panel's value is then accurate to about 1e-14 relative, and a pattern's integral, a sum of
 * positive panels, as well. Patterns whose x lies beyond the cut (the heaviest buyers, whose sharp
 * integrands would need many pieces for everyone), whose integral underflows relative to the
 * largest integrand value, or evaluations needing more than {@link #WORK} node-x products per
 * pattern are left to the adaptive rule ({@link #integrate} says which).
 *
 * <p>Not thread-safe: holds the node arrays of the last evaluation.
 */
final class GgompertzNbdPanels {
  /** Positive nodes of the 8-point Gauss–Legendre rule on [−1, 1]. */
  private static final double[] NODE = {
    0.183434642495649804939476142360184,
    0.525532409916328985817739049189246,
    0.796666477413626739591553936475830,
    0.960289856497536231683560868569473
  };

  /** Their weights. */
  private static final double[] WEIGHT = {
    0.362683783378361982965150449277196,
    0.313706645877887287337962201986601,
    0.222381034453374470544355994426241,
    0.101228536290376259152531354309962
  };

  /** Largest half-width times the integrand's log-slope on one piece. */
  static final double SPREAD = 1.5;

  /** Largest width as a share of the distance to the nearest singularity. */
  static final double REACH = 0.5;

  /** Most node-x products per grid pattern before the evaluation is left to the adaptive rule. */
  static final double WORK = 200;

  /** Share of the patterns (by count, heaviest buyers last) kept on the grid. */
  static final double KEPT = 0.995;

  /** Digits a prefix or suffix difference may lose (1e3) before a direct sum is used. */
  private static final double CANCELLATION = 1e3;

  /** Integrals below this share of the largest node value are left to the adaptive rule. */
  private static final double UNDERFLOW = 1e-280;

  private final double[] times;
  private final int[] lower;
  private final int[] upper;
  private final double[] xValues;
  private final int[] groupStart;
  private final int[] members;
  private final int gridPatterns;

  // Per evaluation: node arrays (grown as needed) and panel sums.
  private int nodes;
  private double[] weight = new double[0];
  private double[] growth = new double[0];
  private double[] logShift = new double[0];
  private double[] inverseShift = new double[0];
  private double[] growthSlope = new double[0];
  private double[] logB = new double[0];
  private double[] inverseB = new double[0];
  private double[] power = new double[0];
  private final int[] panelEnd;
  private final double[] prefix;
  private final double[] suffix;
  private final double[] panels6;

  /**
   * Sets up the grid for patterns with t_x &lt; T and x up to the cut.
   *
   * @param x the patterns' frequencies
   * @param recency the patterns' t_x (raw units)
   * @param age the patterns' T (raw units)
   */
  GgompertzNbdPanels(double[] x, double[] recency, double[] age) {
    int n = x.length;
    // The cut: the x below which KEPT of the patterns with an integral lie.
    double[] sortedX = new double[n];
    int eligible = 0;
    for (int i = 0; i < n; i++) {
      if (recency[i] < age[i]) {
        sortedX[eligible++] = x[i];
      }
    }
    java.util.Arrays.sort(sortedX, 0, eligible);
    double cut =
        eligible == 0 ? -1 : sortedX[Math.min(eligible - 1, (int) Math.floor(KEPT * eligible))];
    double[] all = new double[2 * n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (recency[i] < age[i] && x[i] <= cut) {
        all[m++] = recency[i];
        all[m++] = age[i];
      }
    }
    java.util.Arrays.sort(all, 0, m);
    int distinct = 0;
    for (int i = 0; i < m; i++) {
      if (distinct == 0 || all[i] != all[distinct - 1]) {
        all[distinct++] = all[i];
      }
    }
    this.times = java.util.Arrays.copyOf(all, distinct);
    this.lower = new int[n];
    this.upper = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (recency[i] < age[i] && x[i] <= cut) {
        lower[i] = java.util.Arrays.binarySearch(times, recency[i]);
        upper[i] = java.util.Arrays.binarySearch(times, age[i]);
        kept++;
      } else {
        lower[i] = -1;
        upper[i] = -1;
      }
    }
    this.gridPatterns = kept;
    // Group the grid patterns by x.
    double[] xs = new double[kept];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (lower[i] >= 0) {
        xs[k++] = x[i];
      }
    }
    java.util.Arrays.sort(xs);
    int groups = 0;
    for (int i = 0; i < kept; i++) {
      if (groups == 0 || xs[i] != xs[groups - 1]) {
        xs[groups++] = xs[i];
      }
    }
    this.xValues = java.util.Arrays.copyOf(xs, groups);
    this.groupStart = new int[groups + 1];
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      if (lower[i] >= 0) {
        group[i] = java.util.Arrays.binarySearch(xValues, x[i]);
        groupStart[group[i] + 1]++;
      }
    }
    for (int g = 0; g < groups; g++) {
      groupStart[g + 1] += groupStart[g];
    }
    this.members = new int[kept];
    int[] fill = java.util.Arrays.copyOf(groupStart, groups);
    for (int i = 0; i < n; i++) {
      if (lower[i] >= 0) {
        members[fill[group[i]]++] = i;
      }
    }
    int panels = Math.max(0, times.length - 1);
    this.panelEnd = new int[panels];
    this.prefix = new double[6 * (panels + 1)];
    this.suffix = new double[6 * (panels + 1)];
    this.panels6 = new double[6 * panels];
  }

  /** Number of patterns on the grid. */
  int gridPatterns() {
    return gridPatterns;
  }

  /** Whether pattern {@code i} is on the grid (its integral comes from {@link #integrate}). */
  boolean onGrid(int i) {
    return lower[i] >= 0;
  }

  /**
   * The integral ∫_{t_x}^{T} e^{h(τ) − m} dτ and the integrals of e^{h−m} times ∂h/∂r, ∂h/∂α,
   * ∂h/∂b, ∂h/∂s, ∂h/∂β (as in {@link GgompertzNbdLikelihood}) of every grid pattern, at parameters
   * in time divided by {@code scale}, with m the pattern's scale.
   *
   * @param out receives pattern i's six integrals at {@code out[6 i ..]}, component 0 NaN when the
   *     pattern must be integrated adaptively; modified
   * @param logScale receives m of pattern i; modified
   * @return false when the evaluation would cost more than the adaptive rule ({@link #WORK}); then
   *     nothing is written
   */
  boolean integrate(
      double r,
      double alpha,
      double b,
      double s,
      double beta,
      double scale,
      double[] out,
      double[] logScale) {
    int panels = panelEnd.length;
    if (panels == 0 || xValues.length == 0) {
      return true;
    }
    double rxMax = r + xValues[xValues.length - 1];
    // Pieces per panel.
    long total = 0;
    for (int j = 0; j < panels; j++) {
      double lo = times[j] / scale;
      double hi = times[j + 1] / scale;
      double width = hi - lo;
      double shareMax =
          Math.max(
              GgompertzNbdFunctions.growthShare(b, beta, lo),
              GgompertzNbdFunctions.growthShare(b, beta, hi));
      double slope = rxMax / (alpha + lo) + b * (1 + (s + 1) * shareMax);
      double distance = Math.min(alpha + lo, 1 / (b * shareMax));
      double pieces =
          Math.max(
              1, Math.max(Math.ceil(0.5 * width * slope / SPREAD), width / (REACH * distance)));
      pieces = Math.ceil(pieces);
      if (!(pieces < 1e6)) {
        return false;
      }
      total += (long) pieces * 8;
      panelEnd[j] = (int) total;
    }
    if ((double) total * xValues.length > WORK * gridPatterns) {
      return false;
    }
    nodes = (int) total;
    if (weight.length < nodes) {
      int size = Math.max(nodes, 2 * weight.length);
      weight = new double[size];
      growth = new double[size];
      logShift = new double[size];
      inverseShift = new double[size];
      growthSlope = new double[size];
      logB = new double[size];
      inverseB = new double[size];
      power = new double[size];
    }
    fillNodes(alpha, b, s, beta, scale);
    for (int g = 0; g < xValues.length; g++) {
      integrateGroup(g, r + xValues[g], out, logScale);
    }
    return true;
  }

  /** The node quantities of every piece of every panel. */
  private void fillNodes(double alpha, double b, double s, double beta, double scale) {
    int at = 0;
    for (int j = 0; j < panelEnd.length; j++) {
      double lo = times[j] / scale;
      double hi = times[j + 1] / scale;
      int pieces = (panelEnd[j] - at) / 8;
      double half = 0.5 * (hi - lo) / pieces;
      for (int p = 0; p < pieces; p++) {
        double center = lo + (2 * p + 1) * half;
        for (int q = 0; q < 4; q++) {
          for (int side = -1; side <= 1; side += 2) {
            double tau = center + side * half * NODE[q];
            node(at++, tau, half * WEIGHT[q], alpha, b, s, beta);
          }
        }
      }
    }
  }

  /** One node: four transcendental functions. */
  private void node(int k, double tau, double w, double alpha, double b, double s, double beta) {
    double bt = b * tau;
    double lb;
    double share;
    double inverse;
    double g;
    if (bt > 1) {
      double decay = Math.exp(-bt);
      double q = (beta - 1) * decay;
      double log1pQ = Math.log1p(q);
      lb = bt + log1pQ;
      share = 1 / (1 + q);
      inverse = decay * share;
      g = -s * bt - (s + 1) * log1pQ;
    } else {
      double grown = Math.expm1(bt);
      lb = Math.log(beta + grown);
      inverse = 1 / (beta + grown);
      share = (1 + grown) * inverse;
      g = bt - (s + 1) * lb;
    }
    double shift = alpha + tau;
    weight[k] = w;
    growth[k] = g;
    logShift[k] = Math.log(shift);
    inverseShift[k] = 1 / shift;
    growthSlope[k] = tau * (1 - (s + 1) * share);
    logB[k] = lb;
    inverseB[k] = (s + 1) * inverse;
  }

  /** The integrals of the patterns of x-group g (r + x = rx). */
  private void integrateGroup(int g, double rx, double[] out, double[] logScale) {
    int n = nodes;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      double h = growth[k] - rx * logShift[k];
      power[k] = h;
      max = Math.max(max, h);
    }
    int panels = panelEnd.length;
    double[] pre = prefix;
    double[] suf = suffix;
    double[] panel = panels6;
    java.util.Arrays.fill(pre, 0, 6, 0);
    int k = 0;
    for (int j = 0; j < panels; j++) {
      double c0 = 0;
      double c1 = 0;
      double c2 = 0;
      double c3 = 0;
      double c4 = 0;
      double c5 = 0;
      for (int end = panelEnd[j]; k < end; k++) {
        double e = weight[k] * Math.exp(power[k] - max);
        c0 += e;
        c1 -= e * logShift[k];
        c2 -= e * inverseShift[k];
        c3 += e * growthSlope[k];
        c4 -= e * logB[k];
        c5 -= e * inverseB[k];
      }
      int o = 6 * j;
      panel[o] = c0;
      panel[o + 1] = c1;
      panel[o + 2] = c2 * rx;
      panel[o + 3] = c3;
      panel[o + 4] = c4;
      panel[o + 5] = c5;
      for (int c = 0; c < 6; c++) {
        pre[o + 6 + c] = pre[o + c] + panel[o + c];
      }
    }
    java.util.Arrays.fill(suf, 6 * panels, 6 * panels + 6, 0);
    for (int j = panels - 1; j >= 0; j--) {
      for (int c = 0; c < 6; c++) {
        suf[6 * j + c] = suf[6 * (j + 1) + c] + panel[6 * j + c];
      }
    }
    for (int m = groupStart[g]; m < groupStart[g + 1]; m++) {
      int i = members[m];
      int lo = lower[i];
      int hi = upper[i];
      int o = 6 * i;
      double fromPrefix = pre[6 * hi] - pre[6 * lo];
      double fromSuffix = suf[6 * lo] - suf[6 * hi];
      double value;
      if (pre[6 * hi] <= suf[6 * lo]) {
        value = fromPrefix;
        if (pre[6 * hi] <= CANCELLATION * value) {
          for (int c = 0; c < 6; c++) {
            out[o + c] = pre[6 * hi + c] - pre[6 * lo + c];
          }
        } else {
          value = direct(panel, lo, hi, out, o);
        }
      } else {
        value = fromSuffix;
        if (suf[6 * lo] <= CANCELLATION * value) {
          for (int c = 0; c < 6; c++) {
            out[o + c] = suf[6 * lo + c] - suf[6 * hi + c];
          }
        } else {
          value = direct(panel, lo, hi, out, o);
        }
      }
      logScale[i] = max;
      if (!(value > UNDERFLOW)) {
        out[o] = Double.NaN;
      }
    }
  }

  /** The sum of panels [lo, hi) straight from their values. */
  private static double direct(double[] panel, int lo, int hi, double[] out, int o) {
    for (int c = 0; c < 6; c++) {
      double sum = 0;
      for (int j = lo; j < hi; j++) {
        sum += panel[6 * j + c];
      }
      out[o + c] = sum;
    }
    return out[o];
  }
}
