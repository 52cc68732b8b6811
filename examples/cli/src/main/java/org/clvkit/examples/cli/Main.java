package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.io.ModelFileException;
import org.clvkit.models.io.ModelFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code clv} command: customer lifetime value from a transaction log, on the command line.
 *
 * <pre>
 * clv report                                   # the bundled CDNOW sample, with charts
 * clv report orders.csv -o report              # your own log
 * clv summarize orders.csv -o summary.csv      # per-customer summary
 * clv fit summary.csv --model bgnbd --model gg # fit, print estimates, save model files
 * clv score summary.csv --purchase-model bgnbd.properties --spend-model gg.properties
 * clv value discounted --margin 100 --retention 0.8 --discount 0.1
 * </pre>
 *
 * <p>Exit codes are listed in {@link ExitCodes}.
 */
@Command(
    name = "clv",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Customer lifetime value from a transaction log: summaries, BG/NBD-family and Gamma-Gamma"
            + " models, scores, CLV formulas and an HTML report with charts.",
    subcommands = {
      SummarizeCommand.class,
      FitCommand.class,
      ScoreCommand.class,
      ReportCommand.class,
      ValueCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "-o/--output is what a command produces (a file, or a folder for fit and report). A failed"
          + " or killed run leaves earlier outputs untouched.",
      ExitCodes.HELP
    })
public final class Main implements Runnable {
  @Spec CommandSpec spec;

  /**
   * Runs {@code clv} and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = execute(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs {@code clv} without exiting: the entry point for tests and for embedding.
   *
   * @param args the command line
   * @param out standard output
   * @param err standard error: messages, the progress bar
   * @return the exit code ({@link ExitCodes})
   */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(Main::handle);
    cli.setParameterExceptionHandler(
        (e, args1) -> {
          CommandLine c = e.getCommandLine();
          c.getErr().println("error: " + e.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          c.getErr().flush();
          return ExitCodes.USAGE;
        });
    int code;
    try {
      code = cli.execute(args);
    } catch (OutOfMemoryError e) {
      code = outOfMemory(err);
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The one line printed when the heap runs out, anywhere: what happened and what to do. Exit code
   * {@link ExitCodes#SOFTWARE}; no stack trace.
   */
  static int outOfMemory(PrintWriter err) {
    long max = Runtime.getRuntime().maxMemory() >> 20;
    long raised = Math.max(1, 4 * max / 1024);
    err.println(
        "error: out of memory (Java heap of "
            + max
            + " MiB): raise it with -Xmx, e.g. "
            + ("clv".equals(System.getProperty("clv.launcher"))
                ? "CLV_JAVA_OPTS=-Xmx" + raised + "g clv"
                : "java -Xmx" + raised + "g -jar clv.jar")
            + " ... (summaries need about 200 bytes per customer, fits about 100"
            + " bytes per customer and model)");
    err.flush();
    return ExitCodes.SOFTWARE;
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    int code;
    if (e.getCause() instanceof OutOfMemoryError) {
      return outOfMemory(err);
    }
    if (e instanceof CliException) {
      CliException c = (CliException) e;
      err.println("error: " + c.getMessage());
      if (c.hint() != null) {
        err.println("hint: " + c.hint());
      }
      code = c.exitCode();
    } else if (e instanceof FitFailedException) {
      err.println("error: fit failed: " + e.getMessage());
      code = ExitCodes.FIT;
    } else if (e instanceof ModelFileException) {
      err.println("error: " + e.getMessage());
      code = ExitCodes.DATA;
    } else if (e instanceof ClvArgumentException) {
      err.println("error: " + e.getMessage());
      code = ExitCodes.USAGE;
    } else if (e instanceof IOException || e instanceof UncheckedIOException) {
      err.println("error: " + e.getMessage());
      code = ExitCodes.IO;
    } else {
      err.println("internal error (please report it with what follows): " + e);
      e.printStackTrace(err);
      code = ExitCodes.SOFTWARE;
    }
    err.flush();
    return code;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "a command must be given: summarize, fit, score, report or value (clv report runs on the"
            + " bundled CDNOW sample)");
  }

  /** The version of the clvkit library inside. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"clv (clvkit " + ModelFiles.libraryVersion() + ")"};
    }
  }
}
