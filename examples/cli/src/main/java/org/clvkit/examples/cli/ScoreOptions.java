package org.clvkit.examples.cli;

import org.clvkit.core.lifecycle.StageRules;
import org.clvkit.core.rfm.RfmScorer;
import picocli.CommandLine.Option;

/** The scoring settings shared by {@code score} and {@code report}, in periods of the time unit. */
final class ScoreOptions {
  @Option(
      names = "--horizon",
      defaultValue = "52",
      description = "Horizon of expected purchases and CLV, in whole periods (default 52).")
  int horizon;

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

  Scoring.Settings settings() {
    if (horizon < 0) {
      throw CliException.usage("--horizon must be >= 0, was " + horizon);
    }
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
    return new Scoring.Settings(horizon, discount, margin, rules, rfmLevels);
  }
}
