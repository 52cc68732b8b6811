package org.clvkit.models.covariates;

import java.io.Serializable;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.core.Checks;

/**
 * The likelihood-ratio test of a covariate model against the same model without covariates: the
 * statistic {@code 2 (LL − LL₀)} is asymptotically χ² with as many degrees of freedom as there are
 * coefficients when all coefficients are 0 (Wilks 1938). With an L2 penalty the fitted LL is not
 * the maximum and the test is only indicative.
 *
 * @param statistic 2 (LL − LL₀), finite (may be slightly negative from rounding or a penalty)
 * @param degreesOfFreedom the number of coefficients, &gt; 0
 * @param pValue P(χ²_df &gt;= statistic), in [0, 1]
 * @param restrictedLogLikelihood LL₀, the log-likelihood of the model without covariates
 */
public record LikelihoodRatioTest(
    double statistic, int degreesOfFreedom, double pValue, double restrictedLogLikelihood)
    implements Serializable {

  /** Validates the fields. */
  public LikelihoodRatioTest {
    Checks.finite("statistic", statistic);
    Checks.positive("degreesOfFreedom", degreesOfFreedom);
    Checks.probability("pValue", pValue);
    Checks.finite("restrictedLogLikelihood", restrictedLogLikelihood);
  }

  /**
   * The test from the two log-likelihoods.
   *
   * @param logLikelihood LL of the covariate model, unpenalised
   * @param restrictedLogLikelihood LL₀ of the model without covariates
   * @param degreesOfFreedom number of coefficients
   */
  public static LikelihoodRatioTest of(
      double logLikelihood, double restrictedLogLikelihood, int degreesOfFreedom) {
    Checks.positive("degreesOfFreedom", degreesOfFreedom);
    double statistic = 2 * (logLikelihood - restrictedLogLikelihood);
    // The χ² upper tail as the regularised upper incomplete gamma Q(df/2, statistic/2).
    double p =
        statistic <= 0 ? 1.0 : Gamma.regularizedGammaQ(0.5 * degreesOfFreedom, 0.5 * statistic);
    return new LikelihoodRatioTest(
        statistic, degreesOfFreedom, Math.max(0, Math.min(1, p)), restrictedLogLikelihood);
  }
}
