package org.clvkit.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.cnbd.CnbdParameters;
import org.clvkit.models.cnbd.CnbdSimulator;
import org.clvkit.models.cnbd.MbgCnbdFitter;
import org.clvkit.models.cnbd.MbgCnbdModel;
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
 * The MBG/CNBD-k fit on simulated customers: Erlang-2 buyers with CDNOW-like rates (k = 2, r =
 * 0.55, α = 3, a = 0.9, b = 1.6, weeks), ages uniform on 27–39 weeks, simulated once per trial with
 * a fixed seed by {@link CnbdSimulator}. {@code chooseK} is the default fit (k searched over 1..12
 * with BTYDplus's early stop, from each customer's litt); {@code fixedK} fits at k = 2 only, the
 * cost comparable with the other models' fits. Compression to patterns, the starting-point search
 * and the standard errors are inside the timed operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class CnbdFitBenchmark {
  /** Number of customers. */
  @Param({"1000000"})
  public int customers;

  CustomerHistories histories;
  double[] litt;

  /** Simulates the customers. */
  @Setup(Level.Trial)
  public void setup() {
    SplittableRandom random = new SplittableRandom(42);
    double[] ages = new double[customers];
    for (int i = 0; i < customers; i++) {
      ages[i] = 27 + 12 * random.nextDouble();
    }
    CnbdSimulator simulator = CnbdSimulator.mbgCnbd(new CnbdParameters(2, 0.55, 3.0, 0.9, 1.6), 42);
    histories = simulator.histories(ages);
    litt = simulator.litt(ages);
  }

  /** The default fit: k chosen over 1..12. */
  @Benchmark
  public MbgCnbdModel chooseK() {
    return MbgCnbdFitter.create().fit(histories, litt);
  }

  /** The fit at the known k = 2. */
  @Benchmark
  public MbgCnbdModel fixedK() {
    return MbgCnbdFitter.create().withK(2).fit(histories, litt);
  }
}
