package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.clvkit.models.bayes.ParetoNbdHbModel;
import org.clvkit.models.io.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --mcmc CHAINS,BURNIN,ITERATIONS,THIN} and {@code --seed} set how the MCMC fits run, and
 * are recorded in the model file; a malformed value is a usage error naming the option before
 * anything is read.
 */
class McmcOptionTest {
  @TempDir Path dir;

  private ParetoNbdHbModel fit(Path summary, String out, Object... options) throws IOException {
    Object[] args = new Object[6 + options.length];
    args[0] = "fit";
    args[1] = summary;
    args[2] = "-m";
    args[3] = "pnbd-hb";
    args[4] = "-o";
    args[5] = dir.resolve(out);
    System.arraycopy(options, 0, args, 6, options.length);
    Cli.Result r = Cli.run(args);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    return ModelFiles.load(dir.resolve(out).resolve("pnbd-hb.properties"), ParetoNbdHbModel.class)
        .model();
  }

  @Test
  void mcmc_setsChainsBurnInAndIterations_andSeedChangesTheDraws() throws IOException {
    Path summary = CdnowSample.summary(dir);
    ParetoNbdHbModel a = fit(summary, "a", "--mcmc", "2,50,200,10");
    assertEquals(2, a.chains());
    assertEquals(50, a.burnin());
    assertEquals(200, a.iterations());
    ParetoNbdHbModel same = fit(summary, "b", "--mcmc", "2,50,200,10");
    assertArrayEquals(
        a.parameterValues(), same.parameterValues(), "the same settings and seed: the same fit");
    ParetoNbdHbModel other = fit(summary, "c", "--mcmc", "2,50,200,10", "--seed", "7");
    assertNotEquals(
        a.parameterValues()[0], other.parameterValues()[0], "another seed: other draws");
  }

  @Test
  void fitOutput_isThePosteriorAndHowTheChainsRan_notAnOptimisersTable() throws IOException {
    Path summary = CdnowSample.summary(dir);
    Cli.Result r =
        Cli.run(
            "fit", summary, "-m", "pnbd-hb,bgnbd", "--mcmc", "2,50,200,10", "-o", dir.resolve("p"));
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    String out = r.out();
    assertTrue(
        out.contains(
            "Pareto/NBD (HB) fitted by MCMC on 2357 customers: 2 chains of 200 iterations after 50"
                + " burn-in"),
        out);
    ParetoNbdHbModel m =
        ModelFiles.load(dir.resolve("p").resolve("pnbd-hb.properties"), ParetoNbdHbModel.class)
            .model();
    String r0 =
        String.format(
            java.util.Locale.ROOT,
            "%-10s %13.6g %13.6g",
            "r",
            m.posterior().get(0).mean(),
            m.posterior().get(0).standardDeviation());
    assertTrue(out.contains(r0), "r's posterior mean and sd: " + out);
    assertTrue(out.contains("R-hat     ESS"), out);
    assertTrue(out.contains("log-likelihood at the posterior means"), out);
    // Seeded 2 x 200 iterations do not mix: the warning says how to run longer chains.
    assertTrue(r.err().contains("--mcmc"), r::toString);
    assertEquals(
        1, out.split("gradient norm", -1).length - 1, "only the BG/NBD (ML) prints one: " + out);
  }

  @Test
  void mcmc_malformed_isAUsageErrorNamingTheOption() throws IOException {
    Path summary = CdnowSample.summary(dir);
    for (String bad : new String[] {"4,500", "4,500,2000,x", "2,10,100,200", "0,10,100,10"}) {
      Cli.Result r =
          Cli.run("fit", summary, "-m", "pnbd-hb", "--mcmc", bad, "-o", dir.resolve("m"));
      assertEquals(ExitCodes.USAGE, r.code(), r::toString);
      assertTrue(r.err().contains("--mcmc"), r::toString);
    }
  }
}
