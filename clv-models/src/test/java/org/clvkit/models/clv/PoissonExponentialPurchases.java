package org.clvkit.models.clv;

import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.special.Gamma;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.ModelType;
import org.clvkit.models.PurchaseModel;

/**
 * A purchase model whose answers are known in closed form, for testing CLV: every customer buys at
 * the Poisson rate λ while alive and lives an exponential time with rate μ (the individual level of
 * the Pareto/NBD, without heterogeneity); μ = 0 means customers never leave.
 *
 * <p>P(alive | x, t_x, T) = 1 / (1 + μ/(λ + μ) (e^{(λ+μ)(T − t_x)} − 1)); E[Y(t) | history] =
 * P(alive) (λ/μ)(1 − e^{−μt}) (λ t when μ = 0); E[X(t)] = (λ/μ)(1 − e^{−μt}).
 */
record PoissonExponentialPurchases(double lambda, double mu) implements PurchaseModel {
  /** A type for the tests: known parameters only, there is no fitter. */
  static final ModelType<PoissonExponentialPurchases> TYPE =
      ModelType.of(
          "poisson-exponential",
          "Poisson/exponential",
          PoissonExponentialPurchases.class,
          List.of("lambda", "mu"),
          (p, report, extras) -> new PoissonExponentialPurchases(p[0], p[1]),
          () -> {
            throw new IllegalStateException("the test model has no fitter");
          });

  @Override
  public ModelType<PoissonExponentialPurchases> type() {
    return TYPE;
  }

  @Override
  public Optional<FitReport> fitReport() {
    return Optional.empty();
  }

  @Override
  public double[] parameterValues() {
    return new double[] {lambda, mu};
  }

  /** Expected purchases while alive in (0, t] for a customer alive at 0. */
  private double alivePurchases(double t) {
    return mu == 0 ? lambda * t : lambda * -Math.expm1(-mu * t) / mu;
  }

  @Override
  public double expectedPurchases(double t) {
    return alivePurchases(t);
  }

  @Override
  public double probabilityOfPurchases(int n, double t) {
    // Alive through t: Poisson(λt); died at s < t: ∫ μ e^{−μs} Pois(n; λs) ds
    //   = μ λ^n / (λ+μ)^{n+1} · P(n + 1, (λ+μ) t).
    double alive =
        Math.exp(-mu * t - lambda * t + n * Math.log(lambda * t) - Gamma.logGamma(n + 1));
    if (mu == 0) {
      return alive;
    }
    double died =
        mu
            * Math.exp(n * Math.log(lambda) - (n + 1) * Math.log(lambda + mu))
            * Gamma.regularizedGammaP(n + 1, (lambda + mu) * t);
    return alive + died;
  }

  @Override
  public double conditionalExpectedPurchases(
      double t, double frequency, double recency, double age) {
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return probabilityAlive(frequency, recency, age) * alivePurchases(t);
  }

  @Override
  public double probabilityAlive(double frequency, double recency, double age) {
    CustomerHistories.validateRow(frequency, recency, age, -1);
    return 1 / (1 + mu / (lambda + mu) * Math.expm1((lambda + mu) * (age - recency)));
  }

  @Override
  public double logLikelihood(double frequency, double recency, double age) {
    double alive = -(lambda + mu) * age;
    double died =
        Math.log(mu / (lambda + mu))
            + Math.log(Math.exp(-(lambda + mu) * recency) - Math.exp(-(lambda + mu) * age));
    double max = Math.max(alive, died);
    return frequency * Math.log(lambda)
        + max
        + Math.log(Math.exp(alive - max) + Math.exp(died - max));
  }

  @Override
  public void conditionalExpectedPurchases(
      double t,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] out,
      int from,
      int to) {
    for (int i = from; i < to; i++) {
      out[i] = conditionalExpectedPurchases(t, frequency[i], recency[i], age[i]);
    }
  }

  @Override
  public void probabilityAlive(
      double[] frequency, double[] recency, double[] age, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      out[i] = probabilityAlive(frequency[i], recency[i], age[i]);
    }
  }
}
