package org.clvkit.models;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * A model with known parameters, fitted or given: the supertype of every clvkit model (BG/NBD,
 * MBG/NBD, Pareto/NBD, BG/BB, sBG, Gamma-Gamma, ..., and the covariate models of {@link
 * org.clvkit.models.covariates.CovariateModel}, whose parameter names add one coefficient per
 * covariate and process to their type's). Implementations are immutable, thread-safe and {@link
 * Serializable}; {@link org.clvkit.models.io.ModelFiles} saves and loads any of them through its
 * {@link #type()}.
 *
 * <p>Sub-interfaces add what a family of models answers: {@link PurchaseModel} (how many purchases
 * and for how long), with {@link ContinuousPurchaseModel} and {@link DiscretePurchaseModel} for the
 * two time domains; {@link org.clvkit.models.sbg.SbgModel} (contract retention) and {@link
 * org.clvkit.models.gammagamma.GammaGammaModel} (spend) answer their own questions.
 */
public interface Model extends Serializable {

  /** The model's type: its short id, display name, parameter names, fitter and factory. */
  ModelType<?> type();

  /** The model's display name, e.g. {@code "BG/NBD"}; the same as {@code type().name()}. */
  default String name() {
    return type().name();
  }

  /**
   * The parameter names in the literature's order; the same as {@code type().parameterNames()},
   * except for a covariate model, which adds its coefficients ({@code purchase.X}, {@code
   * dropout.X}) after them.
   */
  default List<String> parameterNames() {
    return type().parameterNames();
  }

  /** The parameter values in the order of {@link #parameterNames()}, as a new array. */
  double[] parameterValues();

  /** How the model was fitted; empty when it was built from known parameters. */
  Optional<FitReport> fitReport();

  /**
   * The log-likelihood of a data set under this model: the weighted sum over its rows of each
   * customer's log-likelihood, the quantity the model's fitter maximises (without its penalty), in
   * the data's units. Rows the model does not describe are left out as its fitter leaves them out
   * (the Gamma-Gamma uses only rows with repeat purchases and spend).
   *
   * @param data customer histories with the columns the model needs
   * @throws org.clvkit.core.ClvArgumentException when a row is outside the model's domain or a
   *     needed column is missing
   */
  double logLikelihood(CustomerHistories data);
}
