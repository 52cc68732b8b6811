package org.clvkit.models.bgbb;

import org.clvkit.models.internal.LogPochhammer;
import org.clvkit.testing.ReferenceTable;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The expected number of survived opportunities, S(γ, d, m), on both sides of its branch points.
 */
class BgBbFunctionsTest {

  @Test
  void survivedOpportunities_matchesTheIndependentComputation() {
    ReferenceTable table = ReferenceTable.load("bgbb_independent_survived.csv");
    for (int r = 0; r < table.size(); r++) {
      double gamma = table.number(r, "gamma");
      double d = table.number(r, "d");
      double m = table.number(r, "m");
      Tolerance.relative(1e-12)
          .check(
              "S(" + gamma + ", " + d + ", " + m + ")",
              table.number(r, "value"),
              BgBbFunctions.survivedOpportunities(gamma, d, m));
    }
  }

  @Test
  void reducedLogPochhammerAtZero_isTheDigammaTheKernelNeeds() {
    // survivedOpportunities takes ψ(x) = LogPochhammer.reduced(x, 0) at γ = 1; the table holds
    // mpmath's digamma at the kernel's former branch points (16, and 49 where commons-math3 changes
    // method), to the tolerance the kernel's own ψ met before it was replaced.
    ReferenceTable table = ReferenceTable.load("bgbb_independent_digamma.csv");
    for (int r = 0; r < table.size(); r++) {
      double x = table.number(r, "x");
      Tolerance.relative(1e-15)
          .or(Tolerance.absolute(1e-15))
          .check("digamma(" + x + ")", table.number(r, "digamma"), LogPochhammer.reduced(x, 0));
    }
  }

  @Test
  void survivedOpportunities_isContinuousAcrossTheDirectLimit() {
    double[][] cases = {
      {0.657, 2.783}, {1.0, 3.0}, {1 + 1e-7, 10}, {1 - 2e-6, 10}, {30, 0.01}, {0.01, 500}
    };
    long m = BgBbFunctions.DIRECT_LIMIT;
    for (double[] c : cases) {
      double below = BgBbFunctions.survivedOpportunities(c[0], c[1], m);
      double above = BgBbFunctions.survivedOpportunities(c[0], c[1], m + 1);
      // One more opportunity adds E[(1−θ)^(m+1)], computed here as the product of its factors.
      double next = 1;
      for (long j = 0; j <= m; j++) {
        next *= (c[1] + j) / (c[0] + c[1] + j);
      }
      // The increment is a difference of two sums: exact to 1e-10 of itself or 1e-15 of the sum.
      Tolerance.relative(1e-10)
          .or(Tolerance.absolute(1e-15 * above))
          .check("S(m+1) − S(m) at gamma " + c[0] + ", d " + c[1], next, above - below);
    }
  }
}
