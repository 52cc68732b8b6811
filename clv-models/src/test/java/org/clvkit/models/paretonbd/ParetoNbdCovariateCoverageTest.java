package org.clvkit.models.paretonbd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Coverage of the 95 % intervals of the Pareto/NBD covariate coefficients over 200 seeded
 * replications of 2,000 simulated customers each (one 0/1 covariate in both processes): the
 * intervals hold the true coefficients in about 95 % of the replications. About a minute, so it
 * runs only with {@code -Dclvkit.coverage=true}:
 *
 * <pre>
 * mvn -B -q -pl clv-models -am test -Dtest=ParetoNbdCovariateCoverageTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dclvkit.coverage=true
 * </pre>
 *
 * The counts are written to {@code target/paretonbd-covariate-coverage.txt}.
 */
@EnabledIfSystemProperty(named = "clvkit.coverage", matches = "true")
class ParetoNbdCovariateCoverageTest {
  private static final int REPLICATIONS = 200;
  private static final int CUSTOMERS = 2_000;
  private static final double PURCHASE = 0.4;
  private static final double DROPOUT = -0.6;

  @Test
  void intervals_coverTrueCoefficientsAbout95Percent() throws IOException {
    ParetoNbdCovariateModel truth =
        ParetoNbdCovariateModel.of(
            new ParetoNbdParameters(0.8, 8.0, 0.6, 12.0),
            List.of("x"),
            new double[] {PURCHASE},
            List.of("x"),
            new double[] {DROPOUT});
    int fits = 0;
    int failed = 0;
    int purchaseCovered = 0;
    int dropoutCovered = 0;
    for (int rep = 0; rep < REPLICATIONS; rep++) {
      SplittableRandom random = new SplittableRandom(1000 + rep);
      double[] x = new double[CUSTOMERS];
      for (int i = 0; i < CUSTOMERS; i++) {
        x[i] = random.nextBoolean() ? 1 : 0;
      }
      CovariateMatrix z = CovariateMatrix.ofColumns(List.of("x"), x);
      CustomerHistories data =
          ParetoNbdCovariateFitterTest.days(
              ParetoNbdCovariateSimulator.of(truth, 5000 + rep)
                  .histories(z, ParetoNbdCovariateFitterTest.ages(CUSTOMERS, 9000 + rep)));
      CovariateFitReport report;
      try {
        report = ParetoNbdCovariateFitter.create().fit(data, z).covariateFitReport().orElseThrow();
      } catch (FitFailedException e) {
        failed++;
        continue;
      }
      fits++;
      purchaseCovered += report.coefficient("purchase.x").covers(PURCHASE) ? 1 : 0;
      dropoutCovered += report.coefficient("dropout.x").covers(DROPOUT) ? 1 : 0;
    }
    double purchaseRate = (double) purchaseCovered / fits;
    double dropoutRate = (double) dropoutCovered / fits;
    String summary =
        String.format(
            Locale.ROOT,
            "replications %d of %d customers: %d fits converged, %d failed;"
                + " purchase.x covered %d (%.3f), dropout.x covered %d (%.3f)%n",
            REPLICATIONS,
            CUSTOMERS,
            fits,
            failed,
            purchaseCovered,
            purchaseRate,
            dropoutCovered,
            dropoutRate);
    Files.writeString(
        Path.of("target", "paretonbd-covariate-coverage.txt"), summary, StandardCharsets.UTF_8);
    // Binomial(200, 0.95): 0.95 ± 3 standard deviations (0.046) is [0.904, 0.996].
    assertTrue(failed <= REPLICATIONS / 20, summary);
    assertTrue(purchaseRate >= 0.90 && purchaseRate <= 0.995, summary);
    assertTrue(dropoutRate >= 0.90 && dropoutRate <= 0.995, summary);
  }
}
