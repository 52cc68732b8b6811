package org.clvkit.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.clvkit.models.special.SpecialFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The special functions behind the models (the "special functions" benchmark, no row of its
 * table): one operation is one pass of one function over {@value #ARGUMENTS} seeded arguments, its
 * values written to an output column. This class has no {@code customers} parameter: its size is
 * the fixed number of arguments, so the time per argument is the score divided by {@value
 * #ARGUMENTS}.
 *
 * <p>The arguments are those the models use, at parameters scattered by a factor e^U, U ~
 * Uniform[−1, 1], around the published CDNOW estimates (Pareto/NBD r = 0.553, α = 10.58, s = 0.606,
 * β = 11.67; BG/NBD r = 0.243; Gamma-Gamma p = 6.25, q = 3.74), with the frequencies, recencies and
 * ages of {@link SyntheticCdnow#generate(int, long)} rows:
 *
 * <ul>
 *   <li>{@code log2F1}, {@code log2F1OneMinus}, {@code log2F1AndDerivatives}: the Pareto/NBD
 *       likelihood's {@code 2F1(r+s+x, b; r+s+x+1; z)} at t = t_x or T, with b = s+1, z =
 *       (α−β)/(α+t) when α ≥ β and b = r+x, z = (β−α)/(β+t) otherwise; {@code log2F1OneMinus} is
 *       given 1 − z = (min(α, β)+t)/(max(α, β)+t) for the same arguments (the likelihood picks one
 *       of the two by z &lt;= 1/2; here every argument goes through each), {@code
 *       log2F1AndDerivatives} the gap r+x or s+1 (the fit's gradient);
 *   <li>{@code confluentU}: the Pareto/NBD DERT's ln U(s, s; δ(β+T)), δ from 0.0005 to 0.05 per
 *       week (log-uniform);
 *   <li>{@code incompleteGamma}: ln Γ(1 − s, δ(β+T)), the same arguments as U reaches it;
 *   <li>{@code logPochhammer}: ln Γ(r+x) − ln Γ(r) of the BG/NBD and Pareto/NBD (even indices) and
 *       ln Γ(px+q) − ln Γ(px) of the Gamma-Gamma (odd indices, repeat customers' x).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SpecialFunctionsBenchmark {
  /** Number of arguments of one pass. */
  public static final int ARGUMENTS = 10_000;

  /** Seed of the arguments. */
  static final long SEED = 20_261_125L;

  final int size;
  // 2F1(a, b; a + 1; z) with 1 − z and the gap a − b + 1.
  final double[] a;
  final double[] b;
  final double[] z;
  final double[] oneMinusZ;
  final double[] gap;
  // ln U(s, s; y) and ln Γ(1 − s, y).
  final double[] shape;
  final double[] y;
  // ln Γ(x + δ) − ln Γ(x).
  final double[] pochhammerX;
  final double[] pochhammerDelta;
  final double[] out;
  final double[] derivatives;

  /** A benchmark over {@value #ARGUMENTS} arguments. */
  public SpecialFunctionsBenchmark() {
    this(ARGUMENTS);
  }

  /** A benchmark over {@code size} arguments (the smoke test's smaller size). */
  SpecialFunctionsBenchmark(int size) {
    this.size = size;
    a = new double[size];
    b = new double[size];
    z = new double[size];
    oneMinusZ = new double[size];
    gap = new double[size];
    shape = new double[size];
    y = new double[size];
    pochhammerX = new double[size];
    pochhammerDelta = new double[size];
    out = new double[size];
    derivatives = new double[4 * size];
  }

  /** Draws the arguments. */
  @Setup(Level.Trial)
  public void setup() {
    SyntheticCdnow rows = SyntheticCdnow.generate(size, SEED);
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < size; i++) {
      double x = rows.frequency()[i];
      double t = random.nextBoolean() ? rows.recency()[i] : rows.age()[i];
      double r = scatter(random, 0.553);
      double alpha = scatter(random, 10.58);
      double s = scatter(random, 0.606);
      double beta = scatter(random, 11.67);
      double max = Math.max(alpha, beta);
      double min = Math.min(alpha, beta);
      a[i] = r + s + x;
      b[i] = alpha >= beta ? s + 1 : r + x;
      gap[i] = alpha >= beta ? r + x : s + 1;
      z[i] = (max - min) / (max + t);
      oneMinusZ[i] = (min + t) / (max + t);
      double delta = Math.exp(random.nextDouble(Math.log(0.0005), Math.log(0.05)));
      shape[i] = s;
      y[i] = delta * (beta + rows.age()[i]);
      if (i % 2 == 0) {
        pochhammerX[i] = scatter(random, 0.243);
        pochhammerDelta[i] = x;
      } else {
        double repeat = Math.max(1, x);
        pochhammerX[i] = scatter(random, 6.25) * repeat;
        pochhammerDelta[i] = scatter(random, 3.74);
      }
    }
  }

  private static double scatter(SplittableRandom random, double value) {
    return value * Math.exp(random.nextDouble(-1, 1));
  }

  /** {@link SpecialFunctions#log2F1} over the arguments. */
  @Benchmark
  public double[] log2F1() {
    for (int i = 0; i < size; i++) {
      out[i] = SpecialFunctions.log2F1(a[i], b[i], a[i] + 1, z[i]);
    }
    return out;
  }

  /** {@link SpecialFunctions#log2F1OneMinus} over the same arguments, given 1 − z. */
  @Benchmark
  public double[] log2F1OneMinus() {
    for (int i = 0; i < size; i++) {
      out[i] = SpecialFunctions.log2F1OneMinus(a[i], b[i], a[i] + 1, oneMinusZ[i]);
    }
    return out;
  }

  /** {@link SpecialFunctions#log2F1WithDerivatives} over the same arguments (four values each). */
  @Benchmark
  public double[] log2F1AndDerivatives() {
    for (int i = 0; i < size; i++) {
      SpecialFunctions.log2F1WithDerivatives(
          a[i], b[i], gap[i], z[i], oneMinusZ[i], derivatives, 4 * i);
    }
    return derivatives;
  }

  /** {@link SpecialFunctions#logConfluentUDiagonal}, ln U(s, s; y), over the arguments. */
  @Benchmark
  public double[] confluentU() {
    for (int i = 0; i < size; i++) {
      out[i] = SpecialFunctions.logConfluentUDiagonal(shape[i], y[i]);
    }
    return out;
  }

  /** {@link SpecialFunctions#logUpperIncompleteGamma}, ln Γ(1 − s, y), over the arguments. */
  @Benchmark
  public double[] incompleteGamma() {
    for (int i = 0; i < size; i++) {
      out[i] = SpecialFunctions.logUpperIncompleteGamma(1 - shape[i], y[i]);
    }
    return out;
  }

  /** {@link SpecialFunctions#logPochhammer}, ln Γ(x + δ) − ln Γ(x), over the arguments. */
  @Benchmark
  public double[] logPochhammer() {
    for (int i = 0; i < size; i++) {
      out[i] = SpecialFunctions.logPochhammer(pochhammerX[i], pochhammerDelta[i]);
    }
    return out;
  }
}
