package org.clvkit.models.paretonbd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.covariates.TimeVaryingCovariates;
import org.clvkit.models.internal.CovariateLayout;

/**
 * Draws customers from a {@link ParetoNbdTimeVaryingModel}: λ ~ Gamma(r, α₀), μ ~ Gamma(s, β₀); in
 * period k the purchase rate is λ a_k and the drop-out hazard μ c_k (a_k = exp(γ_purchaseᵀx_k), c_k
 * = exp(γ_dropoutᵀx_k)). The lifetime τ solves μ C(τ) = E with E ~ Exp(1), and the purchases are a
 * unit Poisson process in the time λ A(t), mapped back through A⁻¹ — the generative story of the
 * model's likelihood. Seeded: customer i's draws come from the i-th split of the seed's generator.
 */
public final class ParetoNbdTimeVaryingSimulator {
  private final ParetoNbdTimeVaryingModel model;
  private final long seed;

  private ParetoNbdTimeVaryingSimulator(ParetoNbdTimeVaryingModel model, long seed) {
    this.model = Checks.notNull("model", model);
    this.seed = seed;
  }

  /** A simulator of the model's customers with the given seed. */
  public static ParetoNbdTimeVaryingSimulator of(ParetoNbdTimeVaryingModel model, long seed) {
    return new ParetoNbdTimeVaryingSimulator(model, seed);
  }

  /**
   * Histories of customers with the given covariate periods and ages (one customer per row).
   *
   * @param covariates each customer's periods, holding the model's covariates (found by name)
   * @param ages each customer's time from the first purchase to the end of observation, finite and
   *     &gt;= 0
   */
  public CustomerHistories histories(TimeVaryingCovariates covariates, double[] ages) {
    return simulate(covariates, ages, null);
  }

  /**
   * The covariates with the repeat purchases ({@link TimeVaryingCovariates#withRepeatPurchases}) of
   * the customers that {@link #histories} draws with the same arguments: their histories and these
   * go together to the likelihood of the purchase times.
   *
   * @param covariates each customer's periods, holding the model's covariates (found by name)
   * @param ages as in {@link #histories}
   */
  public TimeVaryingCovariates withRepeatPurchases(
      TimeVaryingCovariates covariates, double[] ages) {
    int[] counts = new int[ages.length];
    double[][] times = {new double[16]};
    int[] size = {0};
    simulate(
        covariates,
        ages,
        (i, t) -> {
          counts[i]++;
          if (size[0] == times[0].length) {
            times[0] = Arrays.copyOf(times[0], 2 * size[0]);
          }
          times[0][size[0]++] = t;
        });
    int[] offsets = new int[ages.length + 1];
    for (int i = 0; i < ages.length; i++) {
      offsets[i + 1] = offsets[i] + counts[i];
    }
    return covariates.withRepeatPurchases(offsets, Arrays.copyOf(times[0], size[0]));
  }

  /** Receives each repeat purchase of customer i at time t, customers in order. */
  private interface PurchaseSink {
    void accept(int customer, double time);
  }

  private CustomerHistories simulate(
      TimeVaryingCovariates covariates, double[] ages, PurchaseSink sink) {
    Checks.notNull("covariates", covariates);
    Checks.notEmpty("ages", ages);
    Checks.sameLength("ages", ages.length, "covariates customers", covariates.customers());
    for (int i = 0; i < ages.length; i++) {
      Checks.nonNegative(
          Checks.indexed("ages", i), Checks.finite(Checks.indexed("ages", i), ages[i]));
    }
    TimeVaryingCovariates used = covariates.select(model.covariateNames());
    CovariateLayout layout =
        CovariateLayout.resolve(
            model.covariateNames(),
            new org.clvkit.models.covariates.CovariateSettings(
                model.purchaseCovariates(), model.dropoutCovariates(), java.util.List.of(), 0, 0));
    double[] coefficients = new double[layout.coefficients()];
    double[] gp = model.purchaseCoefficients();
    double[] gd = model.dropoutCoefficients();
    System.arraycopy(gp, 0, coefficients, 0, gp.length);
    System.arraycopy(gd, 0, coefficients, gp.length, gd.length);
    double[] starts = used.starts();
    double[] rows = used.values();
    int[] offsets = used.offsets();
    int k = layout.columns();
    int n = ages.length;
    double[] frequency = new double[n];
    double[] recency = new double[n];
    SplittableRandom root = new SplittableRandom(seed);
    ParetoNbdParameters p = model.parameters();
    for (int i = 0; i < n; i++) {
      SplittableRandom random = root.split();
      double lambda = ParetoNbdSimulator.gamma(random, p.r()) / p.alpha();
      double mu = ParetoNbdSimulator.gamma(random, p.s()) / p.beta();
      double hazard = random.nextExponential() / mu; // C(τ) at death
      double age = ages[i];
      // Walk the periods within [0, age], stopping at death.
      double cumulativeC = 0;
      double purchaseClock = random.nextExponential() / lambda; // A at the next purchase
      double cumulativeA = 0;
      double x = 0;
      double last = 0;
      for (int q = offsets[i]; q < offsets[i + 1]; q++) {
        double lo = Math.min(Math.max(starts[q], 0), age);
        double hi = q + 1 < offsets[i + 1] ? Math.min(Math.max(starts[q + 1], 0), age) : age;
        if (!(hi > lo)) {
          continue;
        }
        double a = Math.exp(layout.purchaseIndex(coefficients, rows, q * k));
        double c = Math.exp(layout.dropoutIndex(coefficients, rows, q * k));
        double end = hi;
        boolean dies = cumulativeC + c * (hi - lo) >= hazard;
        if (dies) {
          end = lo + (hazard - cumulativeC) / c;
        }
        while (cumulativeA + a * (end - lo) >= purchaseClock) {
          last = lo + (purchaseClock - cumulativeA) / a;
          x++;
          if (sink != null) {
            sink.accept(i, Math.min(last, age));
          }
          purchaseClock += random.nextExponential() / lambda;
        }
        cumulativeA += a * (end - lo);
        cumulativeC += c * (end - lo);
        if (dies) {
          break;
        }
      }
      frequency[i] = x;
      recency[i] = x == 0 ? 0 : Math.min(last, age);
    }
    return CustomerHistories.of(frequency, recency, ages.clone());
  }
}
