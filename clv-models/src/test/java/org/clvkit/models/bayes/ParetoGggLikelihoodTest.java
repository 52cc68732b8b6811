package org.clvkit.models.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.clvkit.testing.ReferenceTable;
import org.junit.jupiter.api.Test;

/**
 * The Pareto/GGG marginal log-likelihood (λ and μ in closed form, k and the drop-out time by
 * Gauss–Kronrod) against an independent computation that integrates λ numerically ({@code
 * src/test/python/pggg_reference.py}, scipy), at BTYDplus's test parameters and its vignette's
 * grocery estimates.
 */
class ParetoGggLikelihoodTest {

  @Test
  void customer_matchesTheIndependentQuadrature() {
    ReferenceTable table = ReferenceTable.load("pggg_likelihood.csv");
    for (int row = 0; row < table.size(); row++) {
      ParetoGggParameters p =
          new ParetoGggParameters(
              table.number(row, "t"),
              table.number(row, "gamma"),
              table.number(row, "r"),
              table.number(row, "alpha"),
              table.number(row, "s"),
              table.number(row, "beta"));
      double actual =
          ParetoGggLikelihood.customer(
              p,
              table.number(row, "x"),
              table.number(row, "t_x"),
              table.number(row, "T"),
              table.number(row, "litt"));
      assertEquals(table.number(row, "loglik"), actual, 1e-6, "row " + row);
    }
  }
}
