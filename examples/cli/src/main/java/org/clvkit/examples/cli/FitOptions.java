package org.clvkit.examples.cli;

import java.util.List;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.Fitter;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;
import org.clvkit.models.bayes.McmcSettings;
import org.clvkit.models.bayes.ParetoGggFitter;
import org.clvkit.models.bayes.ParetoNbdHbFitter;
import picocli.CommandLine.Option;

/** The fit settings shared by {@code fit} and {@code report}: maximum likelihood and MCMC. */
final class FitOptions {
  @Option(
      names = "--penalty",
      paramLabel = "[MODEL=]L",
      split = ",",
      description =
          "L2 penalty on the log-parameters (default 0: plain maximum likelihood), for every"
              + " model (--penalty 0.01) or per model (--penalty bgnbd=0.01,gg=0); a model"
              + " not named keeps 0.")
  List<String> penalty;

  @Option(
      names = "--starts",
      defaultValue = "3",
      description = "Starting points of the optimiser (default 3).")
  int starts;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the perturbed starting points and of the MCMC chains (default 42).")
  long seed;

  @Option(
      names = "--max-iterations",
      defaultValue = "1000",
      description = "Iteration cap per starting point (default 1000).")
  int maxIterations;

  @Option(
      names = "--allow-non-converged",
      description = "Keep and save a fit that did not converge (flagged) instead of failing.")
  boolean allowNonConverged;

  @Option(
      names = "--mcmc",
      paramLabel = "CHAINS,BURNIN,ITERATIONS,THIN",
      description =
          "How the MCMC fits (pnbd-hb, pggg) run: chains, burn-in iterations, iterations kept per"
              + " chain, thinning of the customers' draws (default 4,500,2000,10, as BTYDplus's"
              + " examples); the chains run on the machine's cores, with the same result on any"
              + " number of them.")
  String mcmc;

  /**
   * The MCMC settings of {@code --mcmc} with {@code --seed}.
   *
   * @throws CliException usage, naming the option and its value, when they are not 4 whole numbers
   *     the samplers accept
   */
  McmcSettings mcmcSettings() {
    if (mcmc == null) {
      return McmcSettings.DEFAULT.withSeed(seed);
    }
    String[] parts = mcmc.split(",", -1);
    String usage =
        "--mcmc must be CHAINS,BURNIN,ITERATIONS,THIN (4 whole numbers, e.g. 4,500,2000,10), was \""
            + mcmc
            + "\"";
    if (parts.length != 4) {
      throw CliException.usage(usage);
    }
    int[] v = new int[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        throw CliException.usage(usage);
      }
    }
    try {
      return new McmcSettings(v[0], v[1], v[2], v[3], seed);
    } catch (ClvArgumentException e) {
      throw CliException.usage("--mcmc " + mcmc + ": " + e.getMessage());
    }
  }

  /** {@code kind}'s fitter with these settings: {@link #settings}, and {@code --mcmc} for MCMC. */
  @SuppressWarnings("unchecked") // withMcmc returns the fitter's own class
  <M extends Model> Fitter<M> fitter(ModelType<M> kind) {
    Fitter<M> f = kind.fitter().withSettings(settings(kind));
    if (f instanceof ParetoNbdHbFitter hb) {
      return (Fitter<M>) hb.withMcmc(mcmcSettings());
    }
    if (f instanceof ParetoGggFitter pggg) {
      return (Fitter<M>) pggg.withMcmc(mcmcSettings());
    }
    return f;
  }

  /** The settings of {@code kind}'s fit: its own penalty. */
  FitSettings settings(ModelType<?> kind) {
    return new FitSettings(penalty(kind), starts, seed, maxIterations, allowNonConverged);
  }

  private double penalty(ModelType<?> kind) {
    if (penalty == null) {
      return 0;
    }
    double all = 0;
    Double own = null;
    for (String item : penalty) {
      String text = item.strip();
      int eq = text.indexOf('=');
      String value = eq < 0 ? text : text.substring(eq + 1).strip();
      double v;
      try {
        v = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw CliException.usage(
            "--penalty must be a finite number >= 0, or MODEL=number, was \"" + item + "\"");
      }
      if (eq < 0) {
        all = v;
      } else if (ModelChoice.parse("--penalty", text.substring(0, eq), Model.class, "")
          .id()
          .equals(kind.id())) {
        own = v;
      }
    }
    return own != null ? own : all;
  }
}
