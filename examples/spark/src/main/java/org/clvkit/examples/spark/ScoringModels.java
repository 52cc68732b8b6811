package org.clvkit.examples.spark;

import java.io.Serializable;
import java.time.LocalDateTime;
import org.clvkit.core.Checks;
import org.clvkit.core.lifecycle.StageRules;
import org.clvkit.core.rfm.RfmScorer;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.clv.CustomerLifetimeValue;
import org.clvkit.models.gammagamma.GammaGammaModel;

/**
 * Everything the executors need to score a customer, fitted once on the driver and broadcast: the
 * purchase and spend models, the CLV that combines them, the RFM scorer, the stage rules and the
 * forecast settings. Immutable, thread-safe and {@link Serializable} (so is every part).
 *
 * @param purchases the fitted purchase model (the type of {@link JobSettings#model()})
 * @param spend the fitted Gamma-Gamma spend model
 * @param value CLV from {@code purchases} and {@code spend} with the job's margin
 * @param rfm quantile RFM scores fitted on every customer
 * @param stageRules lifecycle stage rules, in periods of the summaries' time scale
 * @param asOf the time RFM recency is measured to (the calibration end)
 * @param horizon periods ahead for expected purchases and CLV, &gt;= 1
 * @param discountRate discount rate per period for CLV, finite and &gt; -1
 */
public record ScoringModels(
    ContinuousPurchaseModel purchases,
    GammaGammaModel spend,
    CustomerLifetimeValue value,
    RfmScorer rfm,
    StageRules stageRules,
    LocalDateTime asOf,
    int horizon,
    double discountRate)
    implements Serializable {

  /** Checks that nothing is null and the horizon and rate are in their domains. */
  public ScoringModels {
    Checks.notNull("purchases", purchases);
    Checks.notNull("spend", spend);
    Checks.notNull("value", value);
    Checks.notNull("rfm", rfm);
    Checks.notNull("stageRules", stageRules);
    Checks.notNull("asOf", asOf);
    Checks.positive("horizon", horizon);
    Checks.greaterThan("discountRate", discountRate, -1);
  }
}
