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
import org.clvkit.models.covariates.TimeVaryingCovariates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Coverage of the 95 % intervals of the time-varying Pareto/NBD coefficients over 200 seeded
 * replications of 1,500 simulated customers each, with calendar covariates common to all customers
 * (a promotion flag and a yearly wave per 4-week period, {@link
 * ParetoNbdTimeVaryingFitterTest#calendar}) acting on both processes: each of the four intervals
 * holds its true coefficient in about 95 % of the replications. Minutes, so it runs only with
 * {@code -Dclvkit.coverage=true}, like {@link ParetoNbdCovariateCoverageTest}:
 *
 * <pre>
 * mvn -B -q -pl clv-models -am test -Dtest=ParetoNbdTimeVaryingCoverageTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dclvkit.coverage=true
 * </pre>
 *
 * The counts are written to {@code target/paretonbd-time-varying-coverage.txt}.
 */
@EnabledIfSystemProperty(named = "clvkit.coverage", matches = "true")
class ParetoNbdTimeVaryingCoverageTest {
  private static final int REPLICATIONS = 200;
  private static final int CUSTOMERS = 1_500;
  private static final List<String> NAMES = List.of("promo", "season");
  private static final double[] TRUTH = {0.5, -0.3, -0.4, 0.6};

  @Test
  void intervals_coverTrueCoefficientsAbout95Percent() throws IOException {
    ParetoNbdTimeVaryingModel truth =
        ParetoNbdTimeVaryingModel.of(
            new ParetoNbdParameters(0.8, 8.0, 0.7, 20.0),
            NAMES,
            new double[] {TRUTH[0], TRUTH[1]},
            NAMES,
            new double[] {TRUTH[2], TRUTH[3]});
    int fits = 0;
    int failed = 0;
    int[] covered = new int[4];
    for (int rep = 0; rep < REPLICATIONS; rep++) {
      SplittableRandom random = new SplittableRandom(3000 + rep);
      double[] ages = new double[CUSTOMERS];
      TimeVaryingCovariates tv = ParetoNbdTimeVaryingFitterTest.calendar(random, ages);
      CustomerHistories data =
          ParetoNbdTimeVaryingFitterTest.days(
              ParetoNbdTimeVaryingSimulator.of(truth, 7000 + rep).histories(tv, ages));
      CovariateFitReport report;
      try {
        report =
            ParetoNbdTimeVaryingFitter.create().fit(data, tv).covariateFitReport().orElseThrow();
      } catch (FitFailedException e) {
        failed++;
        continue;
      }
      fits++;
      for (int j = 0; j < 4; j++) {
        covered[j] += report.coefficients().get(j).covers(TRUTH[j]) ? 1 : 0;
      }
    }
    StringBuilder summary =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "replications %d of %d customers: %d fits converged, %d failed;",
                REPLICATIONS,
                CUSTOMERS,
                fits,
                failed));
    String[] names = {"purchase.promo", "purchase.season", "dropout.promo", "dropout.season"};
    for (int j = 0; j < 4; j++) {
      summary.append(
          String.format(
              Locale.ROOT,
              " %s covered %d (%.3f)",
              names[j],
              covered[j],
              (double) covered[j] / fits));
    }
    summary.append(System.lineSeparator());
    Files.writeString(
        Path.of("target", "paretonbd-time-varying-coverage.txt"),
        summary.toString(),
        StandardCharsets.UTF_8);
    // Binomial(200, 0.95): 0.95 ± 3 standard deviations (0.046) is [0.904, 0.996].
    assertTrue(failed <= REPLICATIONS / 20, summary.toString());
    for (int j = 0; j < 4; j++) {
      double rate = (double) covered[j] / fits;
      assertTrue(rate >= 0.90 && rate <= 0.996, summary.toString());
    }
  }
}
