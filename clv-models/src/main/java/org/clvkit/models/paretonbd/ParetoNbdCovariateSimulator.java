package org.clvkit.models.paretonbd;

import java.util.SplittableRandom;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.covariates.CovariateMatrix;

/**
 * Draws customers from a {@link ParetoNbdCovariateModel}: customer i, with covariate row z_i, has a
 * purchase rate λ_i ~ Gamma(r, α_i) and a drop-out rate μ_i ~ Gamma(s, β_i) with α_i = α₀
 * exp(−γ_purchaseᵀz_i) and β_i = β₀ exp(−γ_dropoutᵀz_i), a lifetime ~ Exp(μ_i), and Poisson
 * purchases at rate λ_i while alive — the generative story of the model's likelihood, drawn as
 * {@link ParetoNbdSimulator} draws it. Seeded: the same seed and inputs give the same customers;
 * customer i's draws come from the i-th split of the seed's generator, so they do not depend on the
 * other customers.
 */
public final class ParetoNbdCovariateSimulator {
  private final ParetoNbdCovariateModel model;
  private final long seed;

  private ParetoNbdCovariateSimulator(ParetoNbdCovariateModel model, long seed) {
    this.model = Checks.notNull("model", model);
    this.seed = seed;
  }

  /** A simulator of the model's customers with the given seed. */
  public static ParetoNbdCovariateSimulator of(ParetoNbdCovariateModel model, long seed) {
    return new ParetoNbdCovariateSimulator(model, seed);
  }

  /**
   * Histories of customers with the given covariate rows and ages (one customer per row).
   *
   * @param covariates one row per customer, holding the model's covariates (found by name)
   * @param ages each customer's time from the first purchase to the end of observation, finite and
   *     &gt;= 0, one per row
   */
  public CustomerHistories histories(CovariateMatrix covariates, double[] ages) {
    Checks.notNull("covariates", covariates);
    Checks.notEmpty("ages", ages);
    Checks.sameLength("ages", ages.length, "covariates rows", covariates.rows());
    for (int i = 0; i < ages.length; i++) {
      Checks.nonNegative(Checks.indexed("ages", i), ages[i]);
    }
    CovariateMatrix used = covariates.select(model.covariateNames());
    int k = used.columns();
    double[] z = used.values();
    double[] row = new double[k];
    int n = ages.length;
    double[] frequency = new double[n];
    double[] recency = new double[n];
    SplittableRandom root = new SplittableRandom(seed);
    double r = model.parameters().r();
    double s = model.parameters().s();
    for (int i = 0; i < n; i++) {
      System.arraycopy(z, i * k, row, 0, k);
      ParetoNbdParameters p = model.parametersFor(row);
      SplittableRandom random = root.split();
      double lambda = ParetoNbdSimulator.gamma(random, r) / p.alpha();
      double mu = ParetoNbdSimulator.gamma(random, s) / p.beta();
      double lifetime = random.nextExponential() / mu;
      double observed = Math.min(lifetime, ages[i]);
      double x = ParetoNbdSimulator.poisson(random, lambda * observed);
      frequency[i] = x;
      recency[i] = x == 0 ? 0.0 : observed * Math.exp(Math.log(1 - random.nextDouble()) / x);
    }
    return CustomerHistories.of(frequency, recency, ages);
  }
}
