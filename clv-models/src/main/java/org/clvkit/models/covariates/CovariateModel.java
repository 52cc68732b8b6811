package org.clvkit.models.covariates;

import java.util.List;
import java.util.Optional;
import org.clvkit.models.Model;

/**
 * A model whose customers' rates depend on their covariates: {@link
 * org.clvkit.models.paretonbd.ParetoNbdCovariateModel}, {@link
 * org.clvkit.models.bgnbd.BgNbdCovariateModel}, {@link org.clvkit.models.sbg.SbgCovariateModel} or
 * {@link org.clvkit.models.paretonbd.ParetoNbdTimeVaryingModel}. A {@link Model} like every other:
 * its {@link #parameterNames()} are its type's base parameters followed by one coefficient per
 * covariate and process, named {@code process.covariate} ({@code purchase.gender=m}, {@code
 * dropout.age}; the sBG's processes are {@code alpha} and {@code beta}), a coefficient shared by
 * both processes under both names; {@link #logLikelihood(org.clvkit.models.CustomerHistories)}
 * reads the covariate row of each customer from {@link
 * org.clvkit.models.CustomerHistories#covariates()}; {@link org.clvkit.models.io.ModelFiles} saves
 * and loads it. Immutable and thread-safe like every model.
 */
public interface CovariateModel extends Model {

  /** The covariates a covariate row of this model holds, in order. */
  List<String> covariateNames();

  /**
   * The covariate fit's own report (the coefficient table with constrained coefficients, the
   * objective, the likelihood-ratio test); empty when the model was built from known values or
   * loaded from a file. {@link #fitReport()} gives the shared part, also for a loaded model.
   */
  Optional<CovariateFitReport> covariateFitReport();
}
