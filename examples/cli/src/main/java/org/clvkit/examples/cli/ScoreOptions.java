package org.clvkit.examples.cli;

import org.clvkit.core.lifecycle.StageRules;
import org.clvkit.core.rfm.RfmScorer;
import picocli.CommandLine.Option;

/** The scoring settings shared by {@code score} and {@code report}, in periods of the time unit. */
final class ScoreOptions {
  @Option(
      names = "--horizon",
      defaultValue = "52",
      description =
          "Horizon of expected purchases and CLV: periods of the model's time unit (default 52;"
              + " decimals allowed, e.g. 207.14) or a duration: 104w, 730d, 24m (months), 2y"
              + " (a year is 365.2425 days). With --discount > 0 it must come to whole periods.")
  String horizon;

  @Option(
      names = "--discount",
      defaultValue = "0",
      description =
          "Discount rate per period for CLV, >= 0 (default 0; e.g. 0.0018 is ~10%% a year in"
              + " weeks).")
  double discount;

  @Option(
      names = "--margin",
      defaultValue = "1",
      description = "Share of spend kept as profit, in [0, 1] (default 1: CLV is revenue).")
  double margin;

  @Option(
      names = "--established-purchases",
      defaultValue = "4",
      description =
          "Lifecycle: purchases from which an active customer is ESTABLISHED (default 4).")
  int establishedPurchases;

  @Option(
      names = "--at-risk-after",
      defaultValue = "13",
      description = "Lifecycle: quiet periods after which a customer is AT_RISK (default 13).")
  double atRiskAfter;

  @Option(
      names = "--churned-after",
      defaultValue = "26",
      description = "Lifecycle: quiet periods after which a customer is CHURNED (default 26).")
  double churnedAfter;

  @Option(
      names = "--new-period",
      defaultValue = "0",
      description =
          "Lifecycle: periods after the first purchase during which a customer stays NEW.")
  double newPeriod;

  @Option(
      names = "--rfm-levels",
      defaultValue = "5",
      description = "RFM score levels, 2 to 9 (default 5: quintiles).")
  int rfmLevels;

  /** The settings, with the horizon in periods of {@code unit}. */
  Scoring.Settings settings(TimeUnit unit) {
    double periods = Horizon.periods("--horizon", horizon, unit);
    if (!(discount >= 0) || Double.isInfinite(discount)) {
      throw CliException.usage(
          "--discount must be a finite rate >= 0 per period, was "
              + discount
              + " (a negative rate would make later value worth more than value now)");
    }
    if (!(margin >= 0 && margin <= 1)) {
      throw CliException.usage("--margin must be in [0, 1], was " + margin);
    }
    if (rfmLevels < RfmScorer.MIN_LEVELS || rfmLevels > RfmScorer.MAX_LEVELS) {
      throw CliException.usage("--rfm-levels must be in [2, 9], was " + rfmLevels);
    }
    StageRules rules =
        StageRules.of(establishedPurchases, atRiskAfter, churnedAfter).withNewPeriod(newPeriod);
    if (discount > 0 && Math.abs(periods - Math.rint(periods)) > 1e-9) {
      throw CliException.usage(
          String.format(
              "--horizon %s is %s: with --discount > 0 CLV is discounted period by period, so the"
                  + " horizon must be a whole number of periods",
              horizon, Horizon.text(periods, unit)));
    }
    if (Math.abs(periods - Math.rint(periods)) <= 1e-9) {
      periods = Math.rint(periods);
    }
    return new Scoring.Settings(periods, unit, discount, margin, rules, rfmLevels);
  }
}
