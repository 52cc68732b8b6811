package org.clvkit.models.internal;

import java.util.Arrays;

/**
 * Maximises a smooth log-likelihood over unconstrained log-parameters: BFGS with a backtracking
 * (Armijo) line search (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., Algorithm 6.1 and
 * 3.1), followed by up to three Newton steps with a finite-difference Hessian of the analytic
 * gradient, whose inverse also gives the asymptotic covariance of the log-parameters. Not API.
 *
 * <p>The search stays inside a box {@code [-bound, bound]} on every log-parameter; an optimum on
 * the box is reported through {@link Result#boundIndex()}, never as converged. Convergence means a
 * positive-definite information matrix and either {@code ‖g‖∞ <= 1e-8 · max(1, |LL|)} (the gradient
 * noise of a sum over customers grows with |LL|) or a remaining Newton step below 1e-7 on every
 * log-parameter.
 *
 * <p>Two parts of {@link #maximize} are also offered alone for fits on large data: {@link #search},
 * the BFGS phase without the Newton polish (for the starting points, run on a sample of the data),
 * and {@link #refine}, quasi-Newton steps from a point near the optimum (on all the data), which
 * end with the same convergence test and covariance as {@link #maximize}.
 */
public final class MaximumLikelihood {
  private static final double ARMIJO = 1e-4;
  private static final double MAX_STEP = 2.0;
  private static final double GRADIENT_TOLERANCE = 1e-8;
  private static final double HESSIAN_STEP = 1e-5;
  private static final double STEP_TOLERANCE = 1e-7;

  private MaximumLikelihood() {}

  /** A log-likelihood over log-parameters. */
  public interface Objective {
    /** Number of parameters. */
    int dimension();

    /**
     * Evaluates the log-likelihood at {@code theta}.
     *
     * @param theta log-parameters (not modified)
     * @param gradient when not null, receives d LL / d theta
     * @return the log-likelihood; {@code -Infinity} or NaN where it is not defined
     */
    double value(double[] theta, double[] gradient);
  }

  /** The message of a result whose information matrix is singular or not positive definite. */
  public static final String SINGULAR =
      "the information matrix is singular or not positive definite";

  /** The outcome of one maximisation. */
  public static final class Result {
    private final double[] theta;
    private final double logLikelihood;
    private final double gradientNorm;
    private final int iterations;
    private final int evaluations;
    private final boolean converged;
    private final int boundIndex;
    private final double[][] covariance;
    private final String message;

    Result(
        double[] theta,
        double logLikelihood,
        double gradientNorm,
        int iterations,
        int evaluations,
        boolean converged,
        int boundIndex,
        double[][] covariance,
        String message) {
      this.theta = theta;
      this.logLikelihood = logLikelihood;
      this.gradientNorm = gradientNorm;
      this.iterations = iterations;
      this.evaluations = evaluations;
      this.converged = converged;
      this.boundIndex = boundIndex;
      this.covariance = covariance;
      this.message = message;
    }

    /** The log-parameters found (a copy). */
    public double[] theta() {
      return theta.clone();
    }

    /** The objective at {@link #theta()}. */
    public double logLikelihood() {
      return logLikelihood;
    }

    /** Euclidean norm of the gradient at {@link #theta()}. */
    public double gradientNorm() {
      return gradientNorm;
    }

    /** BFGS and Newton iterations. */
    public int iterations() {
      return iterations;
    }

    /** Objective evaluations. */
    public int evaluations() {
      return evaluations;
    }

    /**
     * Whether the convergence criterion was met at an interior point with a positive-definite
     * information.
     */
    public boolean converged() {
      return converged;
    }

    /** Index of a parameter on the box, or -1. */
    public int boundIndex() {
      return boundIndex;
    }

    /** Covariance of the log-parameters (inverse observed information), or null when singular. */
    public double[][] covariance() {
      if (covariance == null) {
        return null;
      }
      double[][] copy = new double[covariance.length][];
      for (int i = 0; i < copy.length; i++) {
        copy[i] = covariance[i].clone();
      }
      return copy;
    }

    /** "converged" or what went wrong. */
    public String message() {
      return message;
    }
  }

  /**
   * Maximises {@code objective} from {@code start}.
   *
   * @param objective the log-likelihood
   * @param start starting log-parameters (must give a finite value)
   * @param maxIterations BFGS iteration cap
   * @param bound the box half-width on every log-parameter
   */
  public static Result maximize(
      Objective objective, double[] start, int maxIterations, double bound) {
    Counter f = new Counter(objective);
    Search search = bfgs(f, start, maxIterations, bound, GRADIENT_TOLERANCE);
    if (search.failure != null) {
      return search.failure;
    }
    int n = search.x.length;
    double[] x = search.x;
    double[] g = search.g;
    double fx = search.fx;
    int iterations = search.iterations;
    String stop = search.stop;
    double[] p = new double[n];
    double[] xn = new double[n];
    double[] gn = new double[n];

    // Newton polish with a finite-difference Hessian; its inverse is the covariance.
    double[][] covariance = null;
    for (int newton = 0; newton < 3; newton++) {
      double[][] hess = hessian(f, x, bound);
      if (hess == null) {
        break;
      }
      covariance = inverseSpd(negate(hess));
      if (covariance == null) {
        break;
      }
      if (maxAbs(g) <= GRADIENT_TOLERANCE * Math.max(1, Math.abs(fx)) * 1e-2) {
        break;
      }
      multiply(covariance, g, p);
      double t = 1.0;
      boolean improved = false;
      for (int k = 0; k < 20; k++) {
        for (int i = 0; i < n; i++) {
          xn[i] = x[i] + t * p[i];
        }
        clip(xn, bound);
        double fn = f.value(xn, gn);
        if (Double.isFinite(fn) && allFinite(gn) && fn >= fx) {
          System.arraycopy(xn, 0, x, 0, n);
          System.arraycopy(gn, 0, g, 0, n);
          fx = fn;
          improved = true;
          break;
        }
        t *= 0.5;
      }
      iterations++;
      if (!improved) {
        break;
      }
    }
    return outcome(x, g, fx, iterations, f.count, covariance, stop, bound);
  }

  /**
   * The BFGS phase of {@link #maximize} alone, without the Newton polish and its Hessians, to a
   * gradient criterion of the caller's: for choosing among starting points on a sample of the data,
   * where the optimum need not be known to more than a few digits. The result has no covariance; it
   * counts as converged when {@code ‖g‖∞ <= tolerance · max(1, |LL|)} at an interior point.
   *
   * @param objective the log-likelihood
   * @param start starting log-parameters
   * @param maxIterations BFGS iteration cap
   * @param bound the box half-width on every log-parameter
   * @param tolerance the relative gradient criterion ({@link #maximize} uses 1e-8)
   */
  public static Result search(
      Objective objective, double[] start, int maxIterations, double bound, double tolerance) {
    Counter f = new Counter(objective);
    Search search = bfgs(f, start, maxIterations, bound, tolerance);
    if (search.failure != null) {
      return search.failure;
    }
    double[] x = search.x;
    double[] g = search.g;
    int boundIndex = boundIndex(x, bound);
    boolean converged = boundIndex < 0 && maxAbs(g) <= tolerance * Math.max(1, Math.abs(search.fx));
    String message =
        boundIndex >= 0
            ? "parameter " + boundIndex + " reached its bound"
            : converged ? "converged" : "not converged: " + search.stop;
    return new Result(
        x,
        search.fx,
        Math.sqrt(dot(g, g)),
        search.iterations,
        f.count,
        converged,
        boundIndex,
        null,
        message);
  }

  /**
   * The inverse of the observed information at {@code theta} (central differences of the analytic
   * gradient, {@code 2 · dimension} evaluations), or null when it is not finite or not positive
   * definite: the covariance of the log-parameters, and a starting matrix for {@link #refine}.
   *
   * @param objective the log-likelihood
   * @param theta log-parameters
   * @param bound the box half-width on every log-parameter
   */
  public static double[][] covariance(Objective objective, double[] theta, double bound) {
    double[][] hess = hessian(new Counter(objective), theta.clone(), bound);
    return hess == null ? null : inverseSpd(negate(hess));
  }

  /**
   * A positive-definite approximation of the inverse information at {@code theta}, for starting
   * {@link #refine}: the covariance when the finite-difference information is positive definite,
   * else the inverse of the information plus the smallest multiple of the identity (tried from 1e-8
   * of its largest diagonal element, tenfold each time) that makes it so, as Nocedal &amp; Wright's
   * modified Newton method does (Numerical Optimization, 2nd ed., 2006, Algorithm 3.3); a search
   * stopped on a nearly flat ridge can have an information matrix that is not positive definite
   * there, though the maximum's is. Null when the Hessian is not finite.
   *
   * @param objective the log-likelihood
   * @param theta the point (not modified)
   * @param bound the box half-width on every log-parameter
   */
  public static double[][] inverseInformation(Objective objective, double[] theta, double bound) {
    double[][] hess = hessian(new Counter(objective), theta.clone(), bound);
    return hess == null ? null : inverseShifted(negate(hess));
  }

  /**
   * The inverse of {@code information}, or of {@code information + μ I} with the least μ of 1e-8,
   * 1e-7, … times its largest diagonal element that is positive definite; null when none up to the
   * largest diagonal element itself is.
   */
  static double[][] inverseShifted(double[][] information) {
    double[][] inverse = inverseSpd(information);
    if (inverse != null) {
      return inverse;
    }
    int n = information.length;
    double largest = 0;
    for (int i = 0; i < n; i++) {
      largest = Math.max(largest, Math.abs(information[i][i]));
    }
    if (!(largest > 0) || !Double.isFinite(largest)) {
      return null;
    }
    double[][] shifted = new double[n][];
    for (double mu = 1e-8 * largest; mu <= largest; mu *= 10) {
      for (int i = 0; i < n; i++) {
        shifted[i] = information[i].clone();
        shifted[i][i] += mu;
      }
      inverse = inverseSpd(shifted);
      if (inverse != null) {
        return inverse;
      }
    }
    return null;
  }

  /**
   * Quasi-Newton iteration from a point near the optimum, as the last phase of a fit whose starting
   * points were searched on a sample of the data: BFGS started from {@code inverse} (the covariance
   * of the sample's optimum, say, which is close to the data's) with unit steps first, stopping at
   * the tighter gradient criterion of {@link #maximize}'s Newton polish (1e-10 of |LL|); a step
   * that changes the log-likelihood by less than its rounding (1e-12 of |LL|) is accepted when it
   * shrinks the gradient. The covariance comes from a finite-difference Hessian at the final point,
   * and convergence is judged as in {@link #maximize}. A result that did not converge means that
   * the start was not near a regular maximum; the caller then falls back to {@link #maximize}.
   *
   * @param objective the log-likelihood
   * @param start log-parameters near the maximum
   * @param inverse a positive-definite approximation of the inverse information at {@code start}
   *     (not modified), or null to compute one at {@code start}
   * @param maxSteps cap on the steps
   * @param bound the box half-width on every log-parameter
   */
  public static Result refine(
      Objective objective, double[] start, double[][] inverse, int maxSteps, double bound) {
    int n = objective.dimension();
    Counter f = new Counter(objective);
    double[] x = start.clone();
    clip(x, bound);
    double[] g = new double[n];
    double fx = f.value(x, g);
    if (!Double.isFinite(fx) || !allFinite(g)) {
      return new Result(
          x,
          Double.NEGATIVE_INFINITY,
          Double.NaN,
          0,
          f.count,
          false,
          -1,
          null,
          "the log-likelihood is not finite at the starting point " + Arrays.toString(x));
    }
    double[][] h = null;
    boolean fresh = false; // whether h is the inverse information at x itself
    if (inverse != null) {
      h = new double[n][];
      for (int i = 0; i < n; i++) {
        h[i] = inverse[i].clone();
      }
    }
    double[] p = new double[n];
    double[] xn = new double[n];
    double[] gn = new double[n];
    double[] s = new double[n];
    double[] y = new double[n];
    double[] hy = new double[n];
    int iterations = 0;
    String stop = "step limit " + maxSteps + " reached";
    while (true) {
      double size = maxAbs(g);
      if (size <= GRADIENT_TOLERANCE * Math.max(1, Math.abs(fx)) * 1e-2) {
        stop = "gradient criterion met";
        break;
      }
      if (iterations == maxSteps) {
        break;
      }
      if (h == null) {
        double[][] hess = hessian(f, x, bound);
        h = hess == null ? null : inverseShifted(negate(hess));
        fresh = true;
        if (h == null) {
          stop = "the information matrix is singular or not positive definite";
          break;
        }
      }
      multiply(h, g, p);
      double slope = dot(g, p);
      double largest = maxAbs(p);
      if (largest > MAX_STEP) {
        scale(p, MAX_STEP / largest);
        slope = dot(g, p);
      }
      boolean accepted = false;
      double fn = Double.NaN;
      if (slope > 0) {
        double noise = 1e-12 * Math.abs(fx);
        double t = 1.0;
        for (int k = 0; k < 12; k++) {
          for (int i = 0; i < n; i++) {
            xn[i] = x[i] + t * p[i];
          }
          clip(xn, bound);
          fn = f.value(xn, gn);
          if (Double.isFinite(fn) && allFinite(gn)) {
            if (fn >= fx + ARMIJO * t * slope
                || (Math.abs(fn - fx) <= noise && maxAbs(gn) < size)) {
              accepted = true;
              break;
            }
          }
          t *= 0.5;
        }
      }
      iterations++;
      if (!accepted) {
        if (fresh) {
          stop = "the Newton step found no increase";
          break;
        }
        h = null; // start again from the information at x
        continue;
      }
      for (int i = 0; i < n; i++) {
        s[i] = xn[i] - x[i];
        y[i] = g[i] - gn[i];
      }
      System.arraycopy(xn, 0, x, 0, n);
      System.arraycopy(gn, 0, g, 0, n);
      fx = fn;
      fresh = false;
      double sy = dot(s, y);
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
        bfgsUpdate(h, s, y, sy, hy);
      }
    }
    double[][] covariance = null;
    double[][] hess = hessian(f, x, bound);
    if (hess != null) {
      covariance = inverseSpd(negate(hess));
    }
    return outcome(x, g, fx, iterations, f.count, covariance, stop, bound);
  }

  /** The state after the BFGS phase, or the failure at the starting point. */
  private static final class Search {
    double[] x;
    double[] g;
    double fx;
    int iterations;
    String stop;
    Result failure;
  }

  private static Search bfgs(
      Counter f, double[] start, int maxIterations, double bound, double tolerance) {
    int n = f.objective.dimension();
    Search out = new Search();
    double[] x = start.clone();
    clip(x, bound);
    double[] g = new double[n];
    double fx = f.value(x, g);
    if (!Double.isFinite(fx) || !allFinite(g)) {
      out.failure =
          new Result(
              x,
              Double.NEGATIVE_INFINITY,
              Double.NaN,
              0,
              f.count,
              false,
              -1,
              null,
              "the log-likelihood is not finite at the starting point " + Arrays.toString(x));
      return out;
    }
    // Work on phi = -LL; gradient of phi is -g.
    double[][] h = identity(n);
    boolean firstUpdate = true;
    double[] p = new double[n];
    double[] xn = new double[n];
    double[] gn = new double[n];
    double[] s = new double[n];
    double[] y = new double[n];
    double[] hy = new double[n];
    int iterations = 0;
    String stop = "iteration limit " + maxIterations + " reached";
    boolean searchOk = true;
    while (iterations < maxIterations) {
      if (maxAbs(g) <= tolerance * Math.max(1, Math.abs(fx))) {
        stop = "gradient criterion met";
        break;
      }
      iterations++;
      // p = H * g (ascent direction for LL since grad phi = -g).
      multiply(h, g, p);
      double slope = dot(g, p);
      if (!(slope > 0)) {
        h = identity(n);
        firstUpdate = true;
        System.arraycopy(g, 0, p, 0, n);
        slope = dot(g, g);
      }
      double largest = maxAbs(p);
      if (largest > MAX_STEP) {
        scale(p, MAX_STEP / largest);
        slope = dot(g, p);
      }
      double t = 1.0;
      double fn = Double.NaN;
      searchOk = false;
      for (int k = 0; k < 60; k++) {
        for (int i = 0; i < n; i++) {
          xn[i] = x[i] + t * p[i];
        }
        clip(xn, bound);
        double actualSlope = 0;
        for (int i = 0; i < n; i++) {
          actualSlope += g[i] * (xn[i] - x[i]);
        }
        fn = f.value(xn, gn);
        if (Double.isFinite(fn)
            && allFinite(gn)
            && fn >= fx + ARMIJO * Math.min(actualSlope, t * slope)) {
          searchOk = true;
          break;
        }
        t *= 0.5;
      }
      if (!searchOk) {
        stop = "the line search found no increase";
        break;
      }
      for (int i = 0; i < n; i++) {
        s[i] = xn[i] - x[i];
        y[i] = g[i] - gn[i]; // gradient change of phi
      }
      double sy = dot(s, y);
      double change = fn - fx;
      System.arraycopy(xn, 0, x, 0, n);
      System.arraycopy(gn, 0, g, 0, n);
      fx = fn;
      if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
        if (firstUpdate) {
          double gamma = sy / dot(y, y);
          for (int i = 0; i < n; i++) {
            Arrays.fill(h[i], 0);
            h[i][i] = gamma;
          }
          firstUpdate = false;
        }
        bfgsUpdate(h, s, y, sy, hy);
      }
      if (change <= 1e-15 * Math.max(1, Math.abs(fx)) && maxAbs(s) <= 1e-12) {
        stop = "no further progress";
        break;
      }
    }
    out.x = x;
    out.g = g;
    out.fx = fx;
    out.iterations = iterations;
    out.stop = stop;
    return out;
  }

  /** The convergence decision shared by {@link #maximize} and {@link #refine}. */
  private static Result outcome(
      double[] x,
      double[] g,
      double fx,
      int iterations,
      int evaluations,
      double[][] covariance,
      String stop,
      double bound) {
    int n = x.length;
    double gradientNorm = Math.sqrt(dot(g, g));
    int boundIndex = boundIndex(x, bound);
    boolean gradientOk = maxAbs(g) <= GRADIENT_TOLERANCE * Math.max(1, Math.abs(fx));
    if (!gradientOk && covariance != null) {
      // Scale-free alternative: the remaining Newton step changes no log-parameter by more than
      // 1e-7.
      double[] p = new double[n];
      multiply(covariance, g, p);
      gradientOk = maxAbs(p) <= STEP_TOLERANCE;
    }
    String message;
    boolean converged = false;
    if (boundIndex >= 0) {
      message = "parameter " + boundIndex + " reached its bound";
    } else if (covariance == null) {
      message = SINGULAR;
    } else if (!gradientOk) {
      message =
          "not converged: "
              + stop
              + String.format(java.util.Locale.ROOT, ", gradient max %.3g", maxAbs(g));
    } else {
      message = "converged";
      converged = true;
    }
    return new Result(
        x,
        fx,
        gradientNorm,
        iterations,
        evaluations,
        converged,
        boundIndex,
        boundIndex >= 0 ? null : covariance,
        message);
  }

  private static int boundIndex(double[] x, double bound) {
    for (int i = 0; i < x.length; i++) {
      if (Math.abs(x[i]) >= bound - 1e-3) {
        return i;
      }
    }
    return -1;
  }

  /** Central differences of the analytic gradient, symmetrised; null when not finite. */
  private static double[][] hessian(Counter f, double[] x, double bound) {
    int n = x.length;
    double[][] hess = new double[n][n];
    double[] xp = x.clone();
    double[] gp = new double[n];
    double[] gm = new double[n];
    for (int j = 0; j < n; j++) {
      double h = HESSIAN_STEP * Math.max(1, Math.abs(x[j]));
      xp[j] = x[j] + h;
      double fp = f.value(xp, gp);
      xp[j] = x[j] - h;
      double fm = f.value(xp, gm);
      xp[j] = x[j];
      if (!Double.isFinite(fp) || !Double.isFinite(fm) || !allFinite(gp) || !allFinite(gm)) {
        return null;
      }
      for (int i = 0; i < n; i++) {
        hess[i][j] = (gp[i] - gm[i]) / (2 * h);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double m = 0.5 * (hess[i][j] + hess[j][i]);
        hess[i][j] = m;
        hess[j][i] = m;
      }
    }
    return hess;
  }

  /**
   * Inverse of a symmetric positive-definite matrix by Cholesky; null when not positive definite or
   * when its condition (ratio of extreme pivots) exceeds 1e14.
   */
  static double[][] inverseSpd(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    double minPivot = Double.POSITIVE_INFINITY;
    double maxPivot = 0;
    for (int j = 0; j < n; j++) {
      double d = a[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (!(d > 0) || !Double.isFinite(d)) {
        return null;
      }
      minPivot = Math.min(minPivot, d);
      maxPivot = Math.max(maxPivot, d);
      l[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < n; i++) {
        double v = a[i][j];
        for (int k = 0; k < j; k++) {
          v -= l[i][k] * l[j][k];
        }
        l[i][j] = v / l[j][j];
      }
    }
    if (maxPivot > 1e14 * minPivot) {
      return null;
    }
    double[][] inv = new double[n][n];
    double[] e = new double[n];
    double[] z = new double[n];
    for (int c = 0; c < n; c++) {
      Arrays.fill(e, 0);
      e[c] = 1;
      for (int i = 0; i < n; i++) {
        double v = e[i];
        for (int k = 0; k < i; k++) {
          v -= l[i][k] * z[k];
        }
        z[i] = v / l[i][i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double v = z[i];
        for (int k = i + 1; k < n; k++) {
          v -= l[k][i] * inv[k][c];
        }
        inv[i][c] = v / l[i][i];
      }
    }
    return inv;
  }

  private static void bfgsUpdate(double[][] h, double[] s, double[] y, double sy, double[] hy) {
    int n = s.length;
    multiply(h, y, hy);
    double yhy = dot(y, hy);
    double rho = 1.0 / sy;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        h[i][j] += rho * ((1 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
      }
    }
  }

  private static final class Counter {
    private final Objective objective;
    private int count;

    Counter(Objective objective) {
      this.objective = objective;
    }

    double value(double[] x, double[] g) {
      count++;
      double v = objective.value(x, g);
      return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }
  }

  private static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  private static double[][] negate(double[][] m) {
    double[][] r = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      r[i] = m[i].clone();
      for (int j = 0; j < r[i].length; j++) {
        r[i][j] = -r[i][j];
      }
    }
    return r;
  }

  private static void multiply(double[][] m, double[] v, double[] out) {
    for (int i = 0; i < m.length; i++) {
      double sum = 0;
      for (int j = 0; j < v.length; j++) {
        sum += m[i][j] * v[j];
      }
      out[i] = sum;
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static void scale(double[] a, double factor) {
    for (int i = 0; i < a.length; i++) {
      a[i] *= factor;
    }
  }

  private static void clip(double[] x, double bound) {
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.max(-bound, Math.min(bound, x[i]));
    }
  }

  private static boolean allFinite(double[] a) {
    for (double v : a) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
