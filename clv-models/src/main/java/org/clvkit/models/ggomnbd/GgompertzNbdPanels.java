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

  /** The fine mode's largest half-width times the integrand's log-slope on one piece. */
  static final double FINE_SPREAD = 0.25;

  /** The fine mode's largest width as a share of the distance to the nearest singularity. */
  static final double FINE_REACH = 0.12;

  /** Most pieces of the fine mode's layout before the evaluation is left to the adaptive rule. */
  static final int MAX_PIECES = 100_000;

  /** The 8 nodes on [−1, 1] in the order the pieces hold them: −z0, z0, −z1, z1, … */
  private static final double[] ORDERED_NODE = new double[8];

  /** Their Gauss weights. */
  private static final double[] GAUSS_WEIGHT = new double[8];

  /**
   * Coefficients of W_q(z) = ∫_{−1}^{z} ℓ_q(u) du in powers of z, ℓ_q the Lagrange polynomial of
   * node q.
   */
  private static final double[][] ANTIDERIVATIVE = new double[8][9];

  static {
    for (int q = 0; q < 4; q++) {
      ORDERED_NODE[2 * q] = -NODE[q];
      ORDERED_NODE[2 * q + 1] = NODE[q];
      GAUSS_WEIGHT[2 * q] = WEIGHT[q];
      GAUSS_WEIGHT[2 * q + 1] = WEIGHT[q];
    }
    for (int q = 0; q < 8; q++) {
      double[] poly = {1};
      for (int m = 0; m < 8; m++) {
        if (m == q) {
          continue;
        }
        double d = ORDERED_NODE[q] - ORDERED_NODE[m];
        double[] next = new double[poly.length + 1];
        for (int k = 0; k < poly.length; k++) {
          next[k + 1] += poly[k] / d;
          next[k] -= poly[k] * ORDERED_NODE[m] / d;
        }
        poly = next;
      }
      double[] a = ANTIDERIVATIVE[q];
      double atMinusOne = 0;
      for (int k = 0; k < 8; k++) {
        a[k + 1] = poly[k] / (k + 1);
        atMinusOne += a[k + 1] * ((k & 1) == 0 ? -1 : 1);
      }
      a[0] = -atMinusOne;
    }
  }

  /** Largest half-width times the integrand's log-slope on one piece. */
  static final double SPREAD = 1.5;

  /** Largest width as a share of the distance to the nearest singularity. */
  static final double REACH = 0.5;

  /** Most node-x products per grid pattern before the evaluation is left to the adaptive rule. */
  static final double WORK = 200;

  /** Share of the patterns (by count, heaviest buyers last) kept on the grid. */
  static final double KEPT = 0.9999;

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

  // The interpolated mode's per-evaluation layout.
  private double[] bounds = new double[0];
  private double[] nodeValues = new double[0];
  private double[] pieceSums = new double[0];
  private double[] piecePrefix = new double[0];
  private double[] pieceSuffix = new double[0];
  private int[] timePiece = new int[0];
  private double[] timeZ = new double[0];
  private int components = 6;

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
   * @param withGradient whether the derivative integrals are wanted (without, the interpolated mode
   *     may leave them unset)
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
      double[] logScale,
      boolean withGradient) {
    components = withGradient ? 6 : 1;
    int panels = panelEnd.length;
    if (panels == 0 || xValues.length == 0) {
      return true;
    }
    if ((double) panels * 8 * xValues.length > WORK * gridPatterns) {
      // not a coarse grid: even one piece per panel costs more than the adaptive rule
      return interpolate(r, alpha, b, s, beta, scale, out, logScale);
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
        total = Long.MAX_VALUE / 16;
        break;
      }
      total += (long) pieces * 8;
      panelEnd[j] = (int) total;
    }
    if ((double) total * xValues.length > WORK * gridPatterns) {
      return interpolate(r, alpha, b, s, beta, scale, out, logScale);
    }
    nodes = (int) total;
    grow(nodes);
    fillNodes(alpha, b, s, beta, scale);
    for (int g = 0; g < xValues.length; g++) {
      integrateGroup(g, r + xValues[g], out, logScale);
    }
    return true;
  }

  /** Node arrays for at least {@code n} nodes. */
  private void grow(int n) {
    if (weight.length < n) {
      int size = Math.max(n, 2 * weight.length);
      weight = new double[size];
      growth = new double[size];
      logShift = new double[size];
      inverseShift = new double[size];
      growthSlope = new double[size];
      logB = new double[size];
      inverseB = new double[size];
      power = new double[size];
    }
  }

  /**
   * The interpolated mode, for data whose times are not on a coarse grid (every t_x and T its own):
   * one layout of pieces over [min t_x, max T] whose widths are bounded by {@link #FINE_SPREAD} and
   * {@link #FINE_REACH}, the 8-point rule's node values computed once per evaluation (and one
   * exponential per node and distinct x), every x's cumulative integral at the piece boundaries by
   * prefix and suffix sums, and each pattern's integral from t_x to T as the whole pieces between
   * them plus the two partial pieces at the ends, integrated exactly over the degree-7 polynomial
   * through the piece's 8 node values ({@link #partialWeights}): no transcendental function per
   * pattern. On a piece where the integrand's log-slope times the half-width is at most c, that
   * interpolant's error is below c^8 e^c max|∏(z − z_q)| / 8! ≈ c^8 e^c · 5e-7 of the integrand,
   * 1.3e-11 at c = 0.25; a singularity 2/{@link #FINE_REACH} half-widths beyond the piece bounds it
   * by the Bernstein ellipse ρ^−8 with ρ ≈ 4/REACH, 1e-12 at REACH = 0.12.
   *
   * @return false when the layout would need more than {@link #MAX_PIECES} pieces
   */
  private boolean interpolate(
      double r,
      double alpha,
      double b,
      double s,
      double beta,
      double scale,
      double[] out,
      double[] logScale) {
    double rxMax = r + xValues[xValues.length - 1];
    double from = times[0] / scale;
    double to = times[times.length - 1] / scale;
    int pieces = 0;
    double tau = from;
    if (bounds.length == 0) {
      bounds = new double[1024];
    }
    bounds[0] = from;
    while (tau < to) {
      double width =
          fineWidth(tau, GgompertzNbdFunctions.growthShare(b, beta, tau), rxMax, alpha, b, s);
      double end = Math.min(to, tau + width);
      double shareMax =
          Math.max(
              GgompertzNbdFunctions.growthShare(b, beta, tau),
              GgompertzNbdFunctions.growthShare(b, beta, end));
      width = Math.min(width, fineWidth(tau, shareMax, rxMax, alpha, b, s));
      double next = width < to - tau ? tau + width : to;
      if (!(next > tau) || pieces >= MAX_PIECES) {
        return false;
      }
      pieces++;
      if (bounds.length <= pieces) {
        bounds = java.util.Arrays.copyOf(bounds, 2 * bounds.length);
      }
      bounds[pieces] = next;
      tau = next;
    }
    if (pieces == 0) {
      return false;
    }
    nodes = 8 * pieces;
    grow(nodes);
    if (nodeValues.length < 6 * nodes) {
      nodeValues = new double[Math.max(6 * nodes, 2 * nodeValues.length)];
      pieceSums = new double[6 * (pieces + 1)];
      piecePrefix = new double[6 * (pieces + 1)];
      pieceSuffix = new double[6 * (pieces + 1)];
    } else if (pieceSums.length < 6 * (pieces + 1)) {
      pieceSums = new double[6 * (pieces + 1)];
      piecePrefix = new double[6 * (pieces + 1)];
      pieceSuffix = new double[6 * (pieces + 1)];
    }
    int at = 0;
    for (int j = 0; j < pieces; j++) {
      double lo = bounds[j];
      double half = 0.5 * (bounds[j + 1] - lo);
      double center = lo + half;
      for (int q = 0; q < 4; q++) {
        for (int side = -1; side <= 1; side += 2) {
          node(at++, center + side * half * NODE[q], half * WEIGHT[q], alpha, b, s, beta);
        }
      }
    }
    // Each distinct time's piece and position z in [-1, 1] within it.
    if (timePiece.length < times.length) {
      timePiece = new int[times.length];
      timeZ = new double[times.length];
    }
    int j = 0;
    for (int k = 0; k < times.length; k++) {
      double t = times[k] / scale;
      while (j < pieces - 1 && t >= bounds[j + 1]) {
        j++;
      }
      double half = 0.5 * (bounds[j + 1] - bounds[j]);
      double z = (t - (bounds[j] + half)) / half;
      timePiece[k] = j;
      timeZ[k] = Math.max(-1, Math.min(1, z));
    }
    for (int g = 0; g < xValues.length; g++) {
      interpolateGroup(g, r + xValues[g], pieces, out, logScale);
    }
    return true;
  }

  /** The widest piece from τ allowed by the fine mode's slope and singularity bounds. */
  private static double fineWidth(
      double tau, double shareMax, double rxMax, double alpha, double b, double s) {
    double slope = rxMax / (alpha + tau) + b * (1 + (s + 1) * shareMax);
    double distance = Math.min(alpha + tau, 1 / (b * shareMax));
    return Math.min(2 * FINE_SPREAD / slope, FINE_REACH * distance);
  }

  /** The integrals of the patterns of x-group g in the interpolated mode. */
  private void interpolateGroup(int g, double rx, int pieces, double[] out, double[] logScale) {
    int n = nodes;
    double max = powers(rx);
    double[] v = nodeValues;
    for (int k = 0; k < n; k++) {
      double e = Math.exp(power[k] - max);
      int o = 6 * k;
      v[o] = e;
      v[o + 1] = -e * logShift[k];
      v[o + 2] = -e * inverseShift[k] * rx;
      v[o + 3] = e * growthSlope[k];
      v[o + 4] = -e * logB[k];
      v[o + 5] = -e * inverseB[k];
    }
    double[] sums = pieceSums;
    double[] pre = piecePrefix;
    double[] suf = pieceSuffix;
    for (int j = 0; j < pieces; j++) {
      int o = 6 * j;
      for (int c = 0; c < 6; c++) {
        sums[o + c] = 0;
      }
      for (int q = 0; q < 8; q++) {
        int k = 8 * j + q;
        double w = weight[k];
        for (int c = 0; c < 6; c++) {
          sums[o + c] += w * v[6 * k + c];
        }
      }
    }
    prefixAndSuffix(sums, pieces, pre, suf);
    double[] wl = new double[8];
    double[] wu = new double[8];
    double[] middle = new double[6];
    for (int m = groupStart[g]; m < groupStart[g + 1]; m++) {
      int i = members[m];
      int jl = timePiece[lower[i]];
      int ju = timePiece[upper[i]];
      int o = 6 * i;
      partialWeights(timeZ[upper[i]], wu);
      partialWeights(timeZ[lower[i]], wl);
      if (jl == ju) {
        double half = 0.5 * (bounds[jl + 1] - bounds[jl]);
        for (int q = 0; q < 8; q++) {
          wu[q] = half * (wu[q] - wl[q]);
        }
        combine(v, 48 * jl, wu, out, o, false);
      } else {
        // whole pieces jl+1 .. ju-1, then the tail of piece jl and the head of piece ju
        wholePieces(sums, pre, suf, jl + 1, ju, middle, 0);
        double halfL = 0.5 * (bounds[jl + 1] - bounds[jl]);
        double halfU = 0.5 * (bounds[ju + 1] - bounds[ju]);
        for (int q = 0; q < 8; q++) {
          wl[q] = halfL * (GAUSS_WEIGHT[q] - wl[q]);
          wu[q] = halfU * wu[q];
        }
        combine(v, 48 * jl, wl, out, o, false);
        combine(v, 48 * ju, wu, out, o, true);
        for (int c = 0; c < 6; c++) {
          out[o + c] += middle[c];
        }
      }
      logScale[i] = max;
      if (!(out[o] > UNDERFLOW)) {
        out[o] = Double.NaN;
      }
    }
  }

  /**
   * out[o ..] (=, or += when {@code add}) the first {@link #components} components of Σ_q w_q v[at
   * + 6q ..].
   */
  private void combine(double[] v, int at, double[] w, double[] out, int o, boolean add) {
    for (int c = 0; c < components; c++) {
      double sum = 0;
      for (int q = 0; q < 8; q++) {
        sum += w[q] * v[at + 6 * q + c];
      }
      out[o + c] = add ? out[o + c] + sum : sum;
    }
  }

  /**
   * The weights W_q(z) = ∫_{−1}^{z} ℓ_q(u) du of the 8 node values (in node order) that integrate
   * their interpolating polynomial from −1 to z; W_q(1) is the node's Gauss weight.
   */
  static void partialWeights(double z, double[] w) {
    double z2 = z * z;
    double z3 = z2 * z;
    double z4 = z2 * z2;
    double z5 = z4 * z;
    double z6 = z3 * z3;
    double z7 = z6 * z;
    double z8 = z4 * z4;
    for (int q = 0; q < 8; q++) {
      double[] c = ANTIDERIVATIVE[q];
      w[q] =
          c[0] + c[1] * z + c[2] * z2 + c[3] * z3 + c[4] * z4 + c[5] * z5 + c[6] * z6 + c[7] * z7
              + c[8] * z8;
    }
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
    double max = powers(rx);
    int panels = panelEnd.length;
    double[] pre = prefix;
    double[] suf = suffix;
    double[] panel = panels6;
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
    }
    prefixAndSuffix(panel, panels, pre, suf);
    for (int m = groupStart[g]; m < groupStart[g + 1]; m++) {
      int i = members[m];
      int lo = lower[i];
      int hi = upper[i];
      int o = 6 * i;
      double value = wholePieces(panel, pre, suf, lo, hi, out, o);
      logScale[i] = max;
      if (!(value > UNDERFLOW)) {
        out[o] = Double.NaN;
      }
    }
  }

  /** The exponents h(τ_k) of the nodes for r + x = rx, into {@code power}; returns the largest. */
  private double powers(double rx) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < nodes; k++) {
      double h = growth[k] - rx * logShift[k];
      power[k] = h;
      max = Math.max(max, h);
    }
    return max;
  }

  /** The prefix and suffix sums (6 components each) of {@code count} panels' values. */
  private static void prefixAndSuffix(double[] panel, int count, double[] pre, double[] suf) {
    java.util.Arrays.fill(pre, 0, 6, 0);
    for (int j = 0; j < count; j++) {
      for (int c = 0; c < 6; c++) {
        pre[6 * j + 6 + c] = pre[6 * j + c] + panel[6 * j + c];
      }
    }
    java.util.Arrays.fill(suf, 6 * count, 6 * count + 6, 0);
    for (int j = count - 1; j >= 0; j--) {
      for (int c = 0; c < 6; c++) {
        suf[6 * j + c] = suf[6 * (j + 1) + c] + panel[6 * j + c];
      }
    }
  }

  /**
   * The sum of panels [lo, hi) into {@code out[o ..]}: a difference of prefix sums or of suffix
   * sums, whichever subtracts the smaller total, or a direct sum when that difference would lose
   * more than three digits; returns component 0.
   */
  private static double wholePieces(
      double[] panel, double[] pre, double[] suf, int lo, int hi, double[] out, int o) {
    boolean fromPrefix = pre[6 * hi] <= suf[6 * lo];
    double total = fromPrefix ? pre[6 * hi] : suf[6 * lo];
    double value = fromPrefix ? pre[6 * hi] - pre[6 * lo] : suf[6 * lo] - suf[6 * hi];
    if (!(total <= CANCELLATION * value)) {
      return direct(panel, lo, hi, out, o);
    }
    for (int c = 0; c < 6; c++) {
      out[o + c] =
          fromPrefix ? pre[6 * hi + c] - pre[6 * lo + c] : suf[6 * lo + c] - suf[6 * hi + c];
    }
    return value;
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
