package org.clvkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmark suite and prints one table: time per operation and customers per second of
 * every benchmark method and parameter set, with the performance issue's target where a method
 * answers a row of its table at 1,000,000 customers.
 *
 * <pre>
 * java -cp clv-bench/target/benchmarks.jar org.clvkit.bench.Suite [regex] [--quick]
 *     [--customers N[,N...]]
 * </pre>
 *
 * <p>{@code regex} selects benchmarks as JMH's include pattern does (found in the full name {@code
 * org.clvkit.bench.Class.method}; default: every {@code …Benchmark} class). {@code --quick} runs 1
 * warmup and 2 measurement iterations of 1 s instead of each class's own settings; {@code
 * --customers} restricts the {@code customers} parameter (classes without it are unaffected). Every
 * benchmark runs in one fork with {@code -Xmx4g}; JMH passes this JVM's own options to the fork
 * too, so {@code java -Dclvkit.bench.synthetic=PATH -cp ... Suite} times {@link SyntheticCdnow}'s
 * loaded file. JMH's JSON result is written to {@value #RESULTS}, relative to the working directory
 * (run from the project root); the table goes to standard output after JMH's own log. Times are
 * JMH's average per operation with its 99.9% error (none with two iterations or fewer, as with
 * {@code --quick}).
 */
public final class Suite {
  /** Where JMH's JSON result is written, relative to the working directory. */
  static final String RESULTS = "clv-bench/target/jmh/results.json";

  /** Benchmarks run when no regex is given: every {@code …Benchmark} class of this package. */
  static final String ALL = "org\\.clvkit\\.bench\\.[A-Za-z0-9]*Benchmark\\.";

  /** Number of customers at which the targets apply. */
  static final int TARGET_CUSTOMERS = 1_000_000;

  /** Marks a parameter that a benchmark does not have. */
  static final int NONE = -1;

  /**
   * A row of the table and its target time.
   *
   * @param row the row's name
   * @param millis the target, milliseconds per operation at {@link #TARGET_CUSTOMERS}
   */
  record Target(String row, double millis) {}

  /** The targets, by {@code Class.method} of the method that answers the row. */
  static final Map<String, Target> TARGETS =
      Map.of(
          "BgNbdFitBenchmark.fit", new Target("BG/NBD fit", 500),
          "ParetoNbdFitBenchmark.fit", new Target("Pareto/NBD fit", 1500),
          "GammaGammaFitBenchmark.fit", new Target("Gamma-Gamma fit", 200),
          "BgNbdScoringBenchmark.batch", new Target("scoring", 100),
          "ClvBenchmark.batch", new Target("CLV (12 weeks)", 300),
          "ClvBenchmark.batchMonths", new Target("CLV (12 months)", 300),
          "SummariesBenchmark.summarize", new Target("summaries", 700),
          "GeneratorBenchmark.customers", new Target("generator", 2000));

  /**
   * One measured benchmark method and parameter set.
   *
   * @param benchmark the class's simple name
   * @param method the method
   * @param customers the {@code customers} parameter, or {@link #NONE}
   * @param threads the {@code threads} parameter, or {@link #NONE}
   * @param millis time per operation, milliseconds (NaN if JMH's unit is not a time per op)
   * @param errorMillis JMH's error of the time (NaN when it has none: two iterations or fewer)
   */
  record Row(
      String benchmark,
      String method,
      int customers,
      int threads,
      double millis,
      double errorMillis) {
    /** Customers per second, NaN without a customers parameter. */
    double customersPerSecond() {
      return customers == NONE ? Double.NaN : customers / (millis / 1000);
    }

    /** The target for this row, or null when it has none at this size. */
    Target target() {
      return customers == TARGET_CUSTOMERS ? TARGETS.get(benchmark + "." + method) : null;
    }
  }

  /**
   * The parsed command line.
   *
   * @param include JMH include regex
   * @param quick whether to run the short configuration
   * @param customers values of the customers parameter, empty for each class's own
   */
  record Arguments(String include, boolean quick, List<String> customers) {}

  private Suite() {}

  /**
   * Runs the suite.
   *
   * @param args {@code [regex] [--quick] [--customers N[,N...]]}
   */
  public static void main(String[] args) throws RunnerException, IOException {
    Arguments arguments;
    try {
      arguments = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: java -cp clv-bench/target/benchmarks.jar org.clvkit.bench.Suite [regex] [--quick]"
              + " [--customers N[,N...]]");
      System.exit(2);
      return;
    }
    Path results = Path.of(RESULTS);
    Files.createDirectories(results.getParent());
    Collection<RunResult> runs = new Runner(options(arguments)).run();
    List<Row> rows = new ArrayList<>();
    for (RunResult run : runs) {
      rows.add(row(run));
    }
    System.out.println();
    System.out.print(table(rows));
    System.out.println("JMH JSON result: " + results.toAbsolutePath());
  }

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException for an unknown option, a second regex, or a customers value
   *     that is not a positive integer
   */
  static Arguments parse(String[] args) {
    String include = null;
    boolean quick = false;
    List<String> customers = List.of();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--quick")) {
        quick = true;
      } else if (arg.equals("--customers")) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("--customers needs a value, e.g. --customers 1000000");
        }
        customers = customers(args[++i]);
      } else if (arg.startsWith("--customers=")) {
        customers = customers(arg.substring("--customers=".length()));
      } else if (arg.startsWith("-")) {
        throw new IllegalArgumentException("unknown option " + arg);
      } else if (include != null) {
        throw new IllegalArgumentException("only one regex, was " + include + " and " + arg);
      } else {
        include = arg;
      }
    }
    return new Arguments(include == null ? ALL : include, quick, customers);
  }

  private static List<String> customers(String list) {
    List<String> values = new ArrayList<>();
    for (String value : list.split(",", -1)) {
      String trimmed = value.trim();
      int n;
      try {
        n = Integer.parseInt(trimmed);
      } catch (NumberFormatException e) {
        n = 0;
      }
      if (n <= 0) {
        throw new IllegalArgumentException(
            "--customers must be positive integers, was " + (trimmed.isEmpty() ? list : trimmed));
      }
      values.add(Integer.toString(n));
    }
    return List.copyOf(values);
  }

  /** JMH's options for the parsed command line. */
  static Options options(Arguments arguments) {
    ChainedOptionsBuilder builder =
        new OptionsBuilder()
            .include(arguments.include())
            .forks(1)
            .jvmArgsAppend("-Xmx4g")
            .resultFormat(ResultFormatType.JSON)
            .result(RESULTS);
    if (arguments.quick()) {
      builder
          .warmupIterations(1)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(2)
          .measurementTime(TimeValue.seconds(1));
    }
    if (!arguments.customers().isEmpty()) {
      builder.param("customers", arguments.customers().toArray(String[]::new));
    }
    return builder.build();
  }

  /** The table row of a JMH result. */
  static Row row(RunResult run) {
    Result<?> primary = run.getPrimaryResult();
    return row(
        run.getParams().getBenchmark(),
        run.getParams()::getParam,
        primary.getScore(),
        primary.getScoreError(),
        primary.getScoreUnit());
  }

  /**
   * The table row of a benchmark's result.
   *
   * @param benchmark JMH's full name, {@code package.Class.method}
   * @param params the benchmark's parameter values by name, null for a parameter it lacks
   * @param score the score
   * @param error the score's error
   * @param unit the score's unit, such as {@code ms/op}
   */
  static Row row(
      String benchmark, Function<String, String> params, double score, double error, String unit) {
    int dot = benchmark.lastIndexOf('.');
    String method = benchmark.substring(dot + 1);
    String type = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
    double toMillis = millisPer(unit);
    return new Row(
        type,
        method,
        intParam(params.apply("customers")),
        intParam(params.apply("threads")),
        score * toMillis,
        error * toMillis);
  }

  private static int intParam(String value) {
    return value == null ? NONE : Integer.parseInt(value);
  }

  /** Milliseconds in one unit of a JMH time-per-operation unit; NaN for other units. */
  static double millisPer(String unit) {
    return switch (unit) {
      case "s/op" -> 1e3;
      case "ms/op" -> 1;
      case "us/op" -> 1e-3;
      case "ns/op" -> 1e-6;
      default -> Double.NaN;
    };
  }

  /**
   * The plain-text table of the rows, in their order: benchmark, method, customers, threads, time
   * per operation in ms with JMH's error, customers per second ({@code -} without a customers
   * parameter) and, for a row of the table at {@value #TARGET_CUSTOMERS} customers, its
   * target and whether the time meets it.
   */
  static String table(List<Row> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(
        new String[] {
          "benchmark",
          "method",
          "customers",
          "threads",
          "ms/op",
          "error",
          "customers/s",
          "target",
          "met"
        });
    for (Row row : rows) {
      Target target = row.target();
      cells.add(
          new String[] {
            row.benchmark(),
            row.method(),
            row.customers() == NONE ? "-" : String.format(Locale.ROOT, "%,d", row.customers()),
            row.threads() == NONE ? "-" : Integer.toString(row.threads()),
            number("%,.3f", row.millis()),
            Double.isNaN(row.errorMillis()) ? "" : "± " + number("%,.3f", row.errorMillis()),
            row.customers() == NONE ? "-" : number("%,.0f", row.customersPerSecond()),
            target == null ? "" : target.row() + " ≤ " + number("%,.0f", target.millis()) + " ms",
            target == null ? "" : row.millis() <= target.millis() ? "yes" : "no"
          });
    }
    int[] widths = new int[cells.get(0).length];
    for (String[] line : cells) {
      for (int c = 0; c < line.length; c++) {
        widths[c] = Math.max(widths[c], line[c].length());
      }
    }
    // Text columns left-aligned, numbers right-aligned.
    boolean[] left = {true, true, false, false, false, false, false, true, true};
    StringBuilder out = new StringBuilder();
    for (String[] line : cells) {
      StringBuilder text = new StringBuilder();
      for (int c = 0; c < line.length; c++) {
        String pad = " ".repeat(widths[c] - line[c].length());
        text.append(c == 0 ? "" : "  ").append(left[c] ? line[c] + pad : pad + line[c]);
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String number(String format, double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "n/a";
  }
}
