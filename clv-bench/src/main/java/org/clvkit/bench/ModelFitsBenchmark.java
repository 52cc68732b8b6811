package org.clvkit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bdw.BdwFitter;
import org.clvkit.models.bdw.BdwModel;
import org.clvkit.models.bdw.BdwParameters;
import org.clvkit.models.bdw.BdwSimulator;
import org.clvkit.models.diagnostics.ModelComparison;
import org.clvkit.models.ggomnbd.GgompertzNbdFitter;
import org.clvkit.models.ggomnbd.GgompertzNbdModel;
import org.clvkit.models.ggomnbd.GgompertzNbdParameters;
import org.clvkit.models.ggomnbd.GgompertzNbdSimulator;
import org.clvkit.models.nbd.NbdFitter;
import org.clvkit.models.nbd.NbdModel;
import org.clvkit.models.nbd.NbdParameters;
import org.clvkit.models.nbd.NbdSimulator;
import org.clvkit.models.paretonbd.ParetoNbdFitter;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.models.paretonbd.ParetoNbdSimulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 18's speed target for the newer maximum-likelihood models: their fits on 1M customers
 * within 3× of Pareto/NBD's fit, and the cost of the report's model comparison.
 *
 * <p>Inputs (seeded, made once per trial): each continuous-time model is fitted to {@code
 * customers} customers simulated from itself, so that every fit has an interior maximum (a
 * Pareto/NBD fitted to GGompertz/NBD data, or the reverse, runs to a boundary): Pareto/NBD with
 * CDNOW's estimates r = 0.553, α = 10.58, s = 0.606, β = 11.67 (Fader, Hardie and Lee 2005), NBD
 * with r = 0.385, α = 12.07 (its fit to CDNOW), GGompertz/NBD with r = 0.8, α = 8, b = 0.05, s =
 * 1.2, β = 2 (the GGompertz/NBD contract test's parameters). All share one set of ages, uniform in
 * [24.3, 42.8] weeks (the span of CDNOW's 39-week calibration ages), and recency and age are
 * rounded to whole days (1/7 week) as a daily transaction log gives them; seed {@link #SEED}. The
 * beta-discrete-Weibull, a contractual model, is fitted to {@code customers} lifetimes simulated
 * with α = 0.8, β = 2.5, c = 0.6 over 8 periods ({@link BdwSimulator}).
 *
 * <p>Each operation builds its fitter and starts from the raw columns, so compression to distinct
 * patterns, the starting-point search and the standard errors are inside the timed operation.
 * {@link #reportComparison()} is what {@code clv report} does to choose a model without a holdout,
 * on the Pareto/NBD customers: fit every continuous purchase model of {@link ModelTypes} and
 * compare them with {@link ModelComparison#of}; a model that cannot be fitted is left out after its
 * attempt, as the report does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ModelFitsBenchmark {
  /** The seed of the simulated customers. */
  public static final long SEED = 20_261_206L;

  /** Number of customers. */
  @Param({"1000000"})
  public int customers;

  /**
   * How recency and age are given: {@code days}, rounded to whole days as a daily log gives them (a
   * coarse time grid: a few hundred distinct times), or {@code continuous}, as simulated (every
   * customer's t_x and T distinct).
   */
  @Param({"days"})
  public String times;

  CustomerHistories paretoNbdData;
  CustomerHistories nbdData;
  CustomerHistories ggompertzNbdData;
  double[] lifetimes;
  boolean[] churned;

  /** Simulates the customers and the lifetimes. */
  @Setup(Level.Trial)
  public void setup() {
    SplittableRandom random = new SplittableRandom(SEED);
    double[] ages = new double[customers];
    for (int i = 0; i < customers; i++) {
      ages[i] = 24.3 + (42.8 - 24.3) * random.nextDouble();
    }
    paretoNbdData =
        days(
            ParetoNbdSimulator.of(new ParetoNbdParameters(0.553, 10.58, 0.606, 11.67), SEED)
                .histories(ages));
    nbdData = days(NbdSimulator.of(new NbdParameters(0.385, 12.07), SEED).histories(ages));
    ggompertzNbdData =
        days(
            GgompertzNbdSimulator.of(new GgompertzNbdParameters(0.8, 8.0, 0.05, 1.2, 2.0), SEED)
                .histories(ages));
    BdwSimulator bdw = BdwSimulator.of(new BdwParameters(0.8, 2.5, 0.6));
    lifetimes = bdw.lifetimes(customers, 8, SEED);
    churned = bdw.churned(customers, 8, SEED);
  }

  /** The histories with recency and age rounded to whole days, or as simulated. */
  private CustomerHistories days(CustomerHistories weeks) {
    if ("continuous".equals(times)) {
      return weeks;
    }
    double[] r = weeks.recencyColumn();
    double[] a = weeks.ageColumn();
    double[] rr = new double[r.length];
    double[] ar = new double[a.length];
    for (int i = 0; i < r.length; i++) {
      rr[i] = Math.rint(r[i] * 7) / 7;
      ar[i] = Math.rint(a[i] * 7) / 7;
    }
    return CustomerHistories.of(weeks.frequencyColumn(), rr, ar);
  }

  /** Baseline: the Pareto/NBD fit. */
  @Benchmark
  public ParetoNbdModel paretoNbd() {
    return ParetoNbdFitter.create().fit(paretoNbdData);
  }

  /** The NBD fit. */
  @Benchmark
  public NbdModel nbd() {
    return NbdFitter.create().fit(nbdData);
  }

  /** The GGompertz/NBD fit. */
  @Benchmark
  public GgompertzNbdModel ggompertzNbd() {
    return GgompertzNbdFitter.create().fit(ggompertzNbdData);
  }

  /** The beta-discrete-Weibull fit to one lifetime per customer. */
  @Benchmark
  public BdwModel bdw() {
    return BdwFitter.create().fitLifetimes(lifetimes, churned);
  }

  /** Every continuous purchase model of the registry fitted, then compared by BIC. */
  @Benchmark
  public ModelComparison reportComparison() {
    List<PurchaseModel> models = new ArrayList<>();
    for (ModelType<? extends ContinuousPurchaseModel> type :
        ModelTypes.all(ContinuousPurchaseModel.class)) {
      try {
        models.add(type.fitter().fit(paretoNbdData));
      } catch (RuntimeException e) {
        // left out, as the report leaves out a model that cannot be fitted
      }
    }
    return ModelComparison.of(models, paretoNbdData);
  }

  /**
   * The Pareto/NBD and GGompertz/NBD fits alternately on the same simulated customers, each timed
   * by the calling thread's CPU time as well as wall time, with the system load average: figures
   * that stay meaningful on a shared machine. Usage: {@code java -cp benchmarks.jar
   * org.clvkit.bench.ModelFitsBenchmark [customers=10000] [rounds=3] [times=days|continuous]}; the
   * first round includes the JIT's warm-up.
   *
   * @param args the number of customers and of rounds
   */
  public static void main(String[] args) {
    ModelFitsBenchmark state = new ModelFitsBenchmark();
    state.customers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    state.times = args.length > 2 ? args[2] : "days";
    state.setup();
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    java.lang.management.OperatingSystemMXBean system =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int round = 1; round <= rounds; round++) {
      for (int which = 0; which < 2; which++) {
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        Object model = which == 0 ? state.paretoNbd() : state.ggompertzNbd();
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        double wallSeconds = (System.nanoTime() - wall) / 1e9;
        System.out.printf(
            java.util.Locale.ROOT,
            "round %d %-13s %d customers (%s): cpu %.3f s, wall %.3f s, load average %.1f (%s)%n",
            round,
            which == 0 ? "Pareto/NBD" : "GGompertz/NBD",
            state.customers,
            state.times,
            cpuSeconds,
            wallSeconds,
            system.getSystemLoadAverage(),
            model instanceof PurchaseModel m && m.fitReport().isPresent()
                ? m.fitReport().get().diagnostics().message()
                    + ", "
                    + m.fitReport().get().diagnostics().evaluations()
                    + " evaluations, "
                    + m.fitReport().get().patterns()
                    + " patterns"
                : "");
      }
    }
  }
}
