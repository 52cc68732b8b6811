package org.clvkit.models.covariates;

import java.io.Serializable;
import java.util.List;
import org.clvkit.core.Checks;

/**
 * Which covariates act on which process of a covariate model, which of them share one coefficient
 * between the processes, and the L2 penalty per process, as CLVTools defines them.
 *
 * <p>Penalty (CLVTools' {@code reg.lambdas}): the fit minimises the mean negative log-likelihood
 * per customer plus {@code λ_purchase · ‖γ_purchase‖² + λ_dropout · ‖γ_dropout‖²}, where a
 * constrained coefficient counts in both sums; the model's own parameters are not penalised. With
 * both λ at 0 (the default) the fit is plain maximum likelihood.
 *
 * @param purchase the covariates of the purchase process, or null for every column of the matrix
 * @param dropout the covariates of the drop-out process, or null for every column of the matrix
 * @param constrained covariates whose coefficient is shared by both processes (each must be a
 *     covariate of both); empty for none
 * @param purchasePenalty λ_purchase, finite and &gt;= 0
 * @param dropoutPenalty λ_dropout, finite and &gt;= 0
 */
public record CovariateSettings(
    List<String> purchase,
    List<String> dropout,
    List<String> constrained,
    double purchasePenalty,
    double dropoutPenalty)
    implements Serializable {

  /** Every covariate in both processes, no constraint, no penalty. */
  public static final CovariateSettings DEFAULT =
      new CovariateSettings(null, null, List.of(), 0, 0);

  /** Validates and copies the lists. */
  public CovariateSettings {
    purchase = purchase == null ? null : distinct("purchase", purchase);
    dropout = dropout == null ? null : distinct("dropout", dropout);
    constrained = distinct("constrained", Checks.notNull("constrained", constrained));
    Checks.nonNegative("purchasePenalty", purchasePenalty);
    Checks.nonNegative("dropoutPenalty", dropoutPenalty);
  }

  private static List<String> distinct(String field, List<String> names) {
    for (int j = 0; j < names.size(); j++) {
      Checks.notBlank(Checks.indexed(field, j), names.get(j));
      if (names.indexOf(names.get(j)) != j) {
        throw Checks.fail("%s[%d] = %s is a duplicate", field, j, names.get(j));
      }
    }
    return List.copyOf(names);
  }

  /** These settings with other purchase covariates (null for all). */
  public CovariateSettings withPurchase(List<String> value) {
    return new CovariateSettings(value, dropout, constrained, purchasePenalty, dropoutPenalty);
  }

  /** These settings with other drop-out covariates (null for all). */
  public CovariateSettings withDropout(List<String> value) {
    return new CovariateSettings(purchase, value, constrained, purchasePenalty, dropoutPenalty);
  }

  /** These settings with other constrained covariates. */
  public CovariateSettings withConstrained(List<String> value) {
    return new CovariateSettings(purchase, dropout, value, purchasePenalty, dropoutPenalty);
  }

  /** These settings with other L2 penalties per process. */
  public CovariateSettings withPenalties(double purchaseValue, double dropoutValue) {
    return new CovariateSettings(purchase, dropout, constrained, purchaseValue, dropoutValue);
  }
}
