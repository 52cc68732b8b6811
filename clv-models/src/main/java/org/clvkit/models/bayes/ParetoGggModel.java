package org.clvkit.models.bayes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;
import org.clvkit.models.FitReport;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;

/**
 * The Pareto/GGG fitted by MCMC (Platzer &amp; Reutterer 2016; BTYDplus's {@code
 * pggg.mcmc.DrawParameters}): the posterior summary of the six population parameters t, γ, r, α, s,
 * β, as {@link ParetoGggFitter} produces it and {@link org.clvkit.models.io.ModelFiles} saves it.
 * Immutable, thread-safe and {@link java.io.Serializable}.
 *
 * <p>{@link #parameterValues()} are the posterior means. The {@link #fitReport()} holds one
 * estimate per parameter with the posterior mean as value, the posterior standard deviation as
 * standard error and the 2.5 % and 97.5 % posterior quantiles as interval; its diagnostics say
 * "converged" when every rank-normalised split R-hat is below 1.05 and carry the marginal
 * log-likelihood at the posterior means. {@link #posterior()} adds each parameter's R-hat and
 * effective sample size.
 *
 * <p>Individual predictions at these parameters (the posterior means for a fitted model: empirical
 * Bayes, as {@link ParetoNbdHbModel} plugs in its means), so that a saved and loaded model scores
 * any customer, old or new: {@link #probabilityAlive(double, double, double, double)} (exact, by
 * quadrature), {@link #probabilityAlive(double, double, double, double, double)}, {@link
 * #conditionalExpectedPurchases(double, double, double, double, double)} and {@link
 * #discountedExpectedPurchases(int, double, double, double, double, double)} (seeded Monte Carlo,
 * reproducible per history), each with a column form over primitive arrays. They take the
 * customer's litt (Σ ln of the inter-purchase times) besides (x, t_x, T), so the model is not a
 * {@link org.clvkit.models.ContinuousPurchaseModel}, whose methods see (x, t_x, T) only. The fitted
 * customers' full posterior (averaged over their own draws and the population's, with intervals) is
 * in {@link ParetoGggPosterior}.
 */
public final class ParetoGggModel implements Model {
  private static final long serialVersionUID = 1L;

  private static final List<String> EXTRAS;

  static {
    List<String> extras = new ArrayList<>(List.of("posterior.chains", "posterior.burnin"));
    extras.add("posterior.iterations");
    for (String name : ParetoGggFitter.NAMES) {
      extras.add("posterior.rhat." + name);
    }
    for (String name : ParetoGggFitter.NAMES) {
      extras.add("posterior.ess." + name);
    }
    EXTRAS = List.copyOf(extras);
  }

  /**
   * The model's type: id {@code "pggg"}, name {@code "Pareto/GGG"}, parameters {@code t, gamma, r,
   * alpha, s, beta} (posterior means), extras: chains, burn-in, iterations, and each parameter's
   * split R-hat and effective sample size (all 0 for a model from known parameters).
   */
  public static final ModelType<ParetoGggModel> TYPE =
      ModelType.of(
              "pggg",
              "Pareto/GGG",
              ParetoGggModel.class,
              ParetoGggFitter.NAMES,
              ParetoGggModel::restore,
              ParetoGggFitter::create)
          .withExtras(EXTRAS, ParetoGggModel::extras)
          .withEstimation(ModelType.Estimation.MCMC);

  private final ParetoGggParameters parameters;
  private final FitReport report;
  private final double[] extras;

  private ParetoGggModel(ParetoGggParameters parameters, FitReport report, double[] extras) {
    this.parameters = parameters;
    this.report = report;
    this.extras = extras;
  }

  /** A model from known parameters, with no posterior. */
  public static ParetoGggModel of(ParetoGggParameters parameters) {
    return new ParetoGggModel(
        Checks.notNull("parameters", parameters), null, new double[EXTRAS.size()]);
  }

  static ParetoGggModel fitted(
      ParetoGggParameters means,
      FitReport report,
      int chains,
      int burnin,
      int iterations,
      List<PosteriorSummary> summaries) {
    int p = ParetoGggFitter.NAMES.size();
    double[] extras = new double[EXTRAS.size()];
    extras[0] = chains;
    extras[1] = burnin;
    extras[2] = iterations;
    for (int j = 0; j < p; j++) {
      extras[3 + j] = summaries.get(j).rhat();
      extras[3 + p + j] = summaries.get(j).effectiveSampleSize();
    }
    return new ParetoGggModel(means, report, extras);
  }

  private static ParetoGggModel restore(double[] parameters, FitReport report, double[] extras) {
    ParetoGggParameters means = ParetoGggParameters.of(parameters);
    for (int j = 0; j < extras.length; j++) {
      Checks.nonNegative(EXTRAS.get(j), extras[j]);
    }
    if (report != null) {
      if (report.estimates().size() != ParetoGggFitter.NAMES.size()) {
        throw Checks.fail(
            "a fitted Pareto/GGG model must have 6 posterior estimates, had %d",
            report.estimates().size());
      }
      if (!(extras[0] >= 1)) {
        throw Checks.fail("posterior.chains must be >= 1, was %s", extras[0]);
      }
    }
    return new ParetoGggModel(means, report, extras.clone());
  }

  private static double[] extras(ParetoGggModel model) {
    return model.extras.clone();
  }

  /** The posterior means of t, γ, r, α, s, β (or the known parameters). */
  public ParetoGggParameters parameters() {
    return parameters;
  }

  /**
   * The posterior summary of t, γ, r, α, s, β with R-hat and effective sample size; empty for a
   * model from known parameters.
   */
  public List<PosteriorSummary> posterior() {
    if (report == null) {
      return List.of();
    }
    int p = ParetoGggFitter.NAMES.size();
    List<PosteriorSummary> out = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      var e = report.estimates().get(j);
      out.add(
          new PosteriorSummary(
              e.name(),
              e.value(),
              e.standardError(),
              e.lower(),
              e.upper(),
              extras[3 + j],
              extras[3 + p + j]));
    }
    return List.copyOf(out);
  }

  /** Number of chains of the fit; 0 for known parameters. */
  public int chains() {
    return (int) extras[0];
  }

  /** Burn-in iterations per chain of the fit; 0 for known parameters. */
  public int burnin() {
    return (int) extras[1];
  }

  /** Kept iterations per chain of the fit; 0 for known parameters. */
  public int iterations() {
    return (int) extras[2];
  }

  @Override
  public ModelType<ParetoGggModel> type() {
    return TYPE;
  }

  /** The posterior means {@code t, gamma, r, alpha, s, beta}. */
  @Override
  public double[] parameterValues() {
    return parameters.toArray();
  }

  @Override
  public Optional<FitReport> fitReport() {
    return Optional.ofNullable(report);
  }

  /** Simulated customers in {@link #expectedPurchases(double)}. */
  public static final int NEW_CUSTOMER_PATHS = 100_000;

  /**
   * Expected repeat purchases in (0, t] of a customer not yet acquired (first purchase at 0),
   * E[X(t)], at these parameters (the posterior means for a fitted model, as the Pareto/NBD (HB)
   * model plugs in its means): the exact E[X(t) | k, λ, μ] averaged over {@value
   * #NEW_CUSTOMER_PATHS} customers drawn from the population with seed 42 (Monte Carlo relative
   * error about 0.3 % on CDNOW-like parameters). {@link ParetoGggPosterior#newCustomerPurchases}
   * gives the posterior mean and interval over the draws instead.
   *
   * @param t horizon, finite and &gt;= 0
   */
  public double expectedPurchases(double t) {
    return expectedPurchases(t, NEW_CUSTOMER_PATHS, 42L);
  }

  /**
   * {@link #expectedPurchases(double)} with {@code paths} simulated customers from {@code seed}.
   *
   * @param t horizon, finite and &gt;= 0
   * @param paths customers drawn from the population, &gt;= 1
   * @param seed seed of the draws
   */
  public double expectedPurchases(double t, int paths, long seed) {
    Checks.finite("t", t);
    Checks.nonNegative("t", t);
    Checks.positive("paths", paths);
    return ParetoGggNewCustomers.expected(
        parameters.toArray(), t, paths, new java.util.SplittableRandom(seed));
  }

  /** Importance-sampled draws per customer in the conditional expected purchases. */
  public static final int DRAWS = 1024;

  /** Seed of the conditional expected purchases' draws (mixed with each customer's history). */
  public static final long SEED = 20261206L;

  /**
   * P(alive at T | x, t_x, T, litt; θ) at these parameters (the posterior means for a fitted model:
   * empirical Bayes, as {@link ParetoNbdHbModel} plugs in its means): the likelihood's alive term
   * integrated over k (λ and μ in closed form), divided by the whole likelihood, by the adaptive
   * Gauss–Kronrod quadrature of {@link #logLikelihood(CustomerHistories)} on one subdivision
   * (relative tolerance 1e-6; the dead term interpolated in ln k, see {@code ParetoGggLikelihood};
   * about 0.25 to 0.5 ms per customer). It leaves out the population's posterior uncertainty that
   * {@link ParetoGggPosterior#probabilityAlive()} averages over: on CDNOW the two differ by 0.02
   * per customer on average, and their sums by 0.1 %.
   *
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   * @param litt the sum of the logs of the x inter-purchase times (0 when x = 0)
   */
  public double probabilityAlive(double frequency, double recency, double age, double litt) {
    validate(frequency, recency, age, litt, -1);
    return new ParetoGggPrediction().probabilityAlive(parameters, frequency, recency, age, litt);
  }

  /**
   * P(alive at T + t | x, t_x, T, litt; θ) = P(alive at T) ((β + T)/(β + T + t))^s: given alive at
   * T the drop-out rate's posterior is Gamma(s, β + T) whatever k and λ.
   *
   * @param t time after T, finite and &gt;= 0
   */
  public double probabilityAlive(
      double t, double frequency, double recency, double age, double litt) {
    Checks.finite("t", t);
    Checks.nonNegative("t", t);
    return probabilityAlive(frequency, recency, age, litt)
        * Math.exp(-parameters.s() * Math.log1p(t / (parameters.beta() + age)));
  }

  /**
   * Expected purchases in (T, T + t] of a customer with this history, E[X(T, T+t] | x, t_x, T,
   * litt; θ], at these parameters: {@link #probabilityAlive(double, double, double, double)} times
   * the expectation given alive, estimated from {@value #DRAWS} importance-sampled draws of the
   * customer's (k, running inter-purchase time, λ) from their exact conditional posterior given θ
   * and alive at T (the drop-out integrated out exactly), one simulated continuation each (see
   * {@code ParetoGggPrediction}). Monte Carlo: the draws are seeded with {@value #SEED} mixed with
   * the history, so equal histories get equal values in any order, batch or thread, and the value
   * does not decrease in t. Monte Carlo error at CDNOW's parameters and t = 39 weeks (standard
   * deviation over 12 seeds): 1.5 to 2.6 % of the value for repeat buyers, about 5 % for customers
   * without repeat purchases (whose values are small, about 0.1: 0.005 absolute), 0.25 % on a sum
   * over 100 customers; checked in {@code ParetoGggPredictionTest}. Cost, measured on a loaded
   * 2-core machine (thread CPU time): about 0.25 ms per distinct history for P(alive) and 1.3 ms
   * for the draws (the batch forms compute each distinct (x, t_x, T, litt) once).
   *
   * @param t horizon, finite and &gt;= 0
   * @param frequency repeat purchases x
   * @param recency time of the last purchase t_x
   * @param age time since the first purchase T
   * @param litt the sum of the logs of the x inter-purchase times (0 when x = 0)
   */
  public double conditionalExpectedPurchases(
      double t, double frequency, double recency, double age, double litt) {
    return conditionalExpectedPurchases(t, frequency, recency, age, litt, DRAWS, SEED);
  }

  /**
   * {@link #conditionalExpectedPurchases(double, double, double, double, double)} with {@code
   * draws} draws from {@code seed}.
   *
   * @param draws draws per customer, &gt;= 1
   * @param seed seed of the draws (mixed with the history)
   */
  public double conditionalExpectedPurchases(
      double t, double frequency, double recency, double age, double litt, int draws, long seed) {
    checkHorizon(t);
    Checks.positive("draws", draws);
    validate(frequency, recency, age, litt, -1);
    ParetoGggPrediction kernel = new ParetoGggPrediction();
    return expected(kernel, t, Double.NaN, frequency, recency, age, litt, draws, seed, Double.NaN)[
        0];
  }

  /**
   * Expected purchases in each of the next {@code periods} periods discounted to T, Σ_k E[purchases
   * in (T + k − 1, T + k]] (1 + rate)^{−k}, from the same draws as {@link
   * #conditionalExpectedPurchases(double, double, double, double, double)} (each simulated purchase
   * discounted by its period).
   *
   * @param periods horizon in whole periods, &gt;= 0
   * @param discountRate discount rate per period, finite and &gt; −1
   */
  public double discountedExpectedPurchases(
      int periods, double discountRate, double frequency, double recency, double age, double litt) {
    checkDiscount(periods, discountRate);
    validate(frequency, recency, age, litt, -1);
    return expected(
        new ParetoGggPrediction(),
        periods,
        discountRate,
        frequency,
        recency,
        age,
        litt,
        DRAWS,
        SEED,
        Double.NaN)[1];
  }

  /**
   * Batch form of {@link #probabilityAlive(double, double, double, double)} over rows {@code [from,
   * to)}; equal histories are computed once per call.
   */
  public void probabilityAlive(
      double[] frequency,
      double[] recency,
      double[] age,
      double[] litt,
      double[] out,
      int from,
      int to) {
    compute(0, Double.NaN, frequency, recency, age, litt, out, null, null, from, to);
  }

  /**
   * Batch form of {@link #conditionalExpectedPurchases(double, double, double, double, double)}
   * over rows {@code [from, to)}; equal histories are computed once per call.
   */
  public void conditionalExpectedPurchases(
      double t,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] litt,
      double[] out,
      int from,
      int to) {
    checkHorizon(t);
    compute(t, Double.NaN, frequency, recency, age, litt, null, out, null, from, to);
  }

  /**
   * Batch form of {@link #discountedExpectedPurchases(int, double, double, double, double, double)}
   * over rows {@code [from, to)}.
   */
  public void discountedExpectedPurchases(
      int periods,
      double discountRate,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] litt,
      double[] out,
      int from,
      int to) {
    checkDiscount(periods, discountRate);
    compute(periods, discountRate, frequency, recency, age, litt, null, null, out, from, to);
  }

  /**
   * P(alive) and the conditional expected purchases over t together, over rows {@code [from, to)}
   * (the quadrature of P(alive) is shared): the values of {@link #probabilityAlive(double[],
   * double[], double[], double[], double[], int, int)} and {@link
   * #conditionalExpectedPurchases(double, double[], double[], double[], double[], double[], int,
   * int)}.
   *
   * @param alive P(alive at T) per row, or null
   * @param expected expected purchases in (T, T + t] per row, or null
   */
  public void predict(
      double t,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] litt,
      double[] alive,
      double[] expected,
      int from,
      int to) {
    checkHorizon(t);
    compute(t, Double.NaN, frequency, recency, age, litt, alive, expected, null, from, to);
  }

  /**
   * P(alive), the conditional expected purchases over {@code periods} and their discounted form
   * together, over rows {@code [from, to)}, from one quadrature and one set of draws per distinct
   * history: the values of the three column methods (each output may be null).
   *
   * @param periods horizon in whole periods, &gt;= 0
   * @param discountRate discount rate per period, finite and &gt; −1
   * @param alive P(alive at T) per row, or null
   * @param expected expected purchases in (T, T + periods] per row, or null
   * @param discounted discounted expected purchases over the periods per row, or null
   */
  public void predict(
      int periods,
      double discountRate,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] litt,
      double[] alive,
      double[] expected,
      double[] discounted,
      int from,
      int to) {
    checkDiscount(periods, discountRate);
    compute(
        periods,
        discountRate,
        frequency,
        recency,
        age,
        litt,
        alive,
        expected,
        discounted,
        from,
        to);
  }

  /**
   * P(alive at T) of every row of {@code customers}, in row order.
   *
   * @throws org.clvkit.core.ClvArgumentException when the litt column is missing
   */
  public double[] probabilityAlive(CustomerHistories customers) {
    return everyRow(customers, 0, true);
  }

  /**
   * The conditional expected purchases in (T, T + t] of every row of {@code customers}, in row
   * order.
   *
   * @throws org.clvkit.core.ClvArgumentException when the litt column is missing
   */
  public double[] conditionalExpectedPurchases(double t, CustomerHistories customers) {
    return everyRow(customers, t, false);
  }

  /** P(alive) ({@code alive}) or E[X(T, T+t]] of every row of {@code customers}. */
  private double[] everyRow(CustomerHistories customers, double t, boolean alive) {
    Checks.notNull("customers", customers);
    double[] litt = customers.littColumn();
    double[] out = new double[customers.size()];
    if (!alive) {
      checkHorizon(t);
    }
    compute(
        t,
        Double.NaN,
        customers.frequencyColumn(),
        customers.recencyColumn(),
        customers.ageColumn(),
        litt,
        alive ? out : null,
        alive ? null : out,
        null,
        0,
        out.length);
    return out;
  }

  private static void checkHorizon(double t) {
    Checks.finite("t", t);
    Checks.nonNegative("t", t);
  }

  private static void checkDiscount(int periods, double discountRate) {
    Checks.nonNegative("periods", periods);
    Checks.finite("discountRate", discountRate);
    Checks.greaterThan("discountRate", discountRate, -1);
  }

  private static void validate(double x, double tx, double age, double litt, int row) {
    CustomerHistories.validateRow(x, tx, age, row);
    Checks.finite(row < 0 ? "age" : Checks.indexed("age", row), age);
    CustomerHistories.validateLitt(x, tx, litt, row);
  }

  /** {E[X(T, T+t)], its discounted form at rate (unless NaN)}; alive NaN: computed here. */
  private double[] expected(
      ParetoGggPrediction kernel,
      double t,
      double rate,
      double x,
      double tx,
      double age,
      double litt,
      int draws,
      long seed,
      double alive) {
    double[] result = new double[2];
    if (!(t > 0)) {
      return result;
    }
    double p = Double.isNaN(alive) ? kernel.probabilityAlive(parameters, x, tx, age, litt) : alive;
    if (!(p > 0)) {
      return result;
    }
    kernel.expectedIfAlive(parameters, t, rate, x, tx, age, litt, draws, seed, result);
    result[0] *= p;
    result[1] *= p;
    return result;
  }

  /**
   * The rows' predictions, each distinct history once (the first row with it): P(alive), E[X(T,
   * T+t]] and (rate not NaN) its discounted form into the non-null outputs.
   */
  private void compute(
      double t,
      double rate,
      double[] frequency,
      double[] recency,
      double[] age,
      double[] litt,
      double[] alive,
      double[] expected,
      double[] discounted,
      int from,
      int to) {
    Checks.notNull("frequency", frequency);
    Checks.notNull("recency", recency);
    Checks.notNull("age", age);
    Checks.notNull("litt", litt);
    Checks.sameLength("recency", recency.length, "frequency", frequency.length);
    Checks.sameLength("age", age.length, "frequency", frequency.length);
    Checks.sameLength("litt", litt.length, "frequency", frequency.length);
    Checks.range(from, to, frequency.length);
    for (double[] out : new double[][] {alive, expected, discounted}) {
      if (out != null) {
        Checks.range(from, to, out.length);
      }
    }
    for (int i = from; i < to; i++) {
      validate(frequency[i], recency[i], age[i], litt[i], i);
    }
    boolean counts = (expected != null || discounted != null) && t > 0;
    int[] first = ParetoGggPrediction.firstOfPattern(frequency, recency, age, litt, from, to);
    ParetoGggPrediction kernel = new ParetoGggPrediction();
    double[] result = new double[2];
    for (int i = from; i < to; i++) {
      int j = first[i - from];
      if (j != i) {
        copy(alive, i, j);
        copy(expected, i, j);
        copy(discounted, i, j);
        continue;
      }
      double x = frequency[i];
      double tx = recency[i];
      double a = age[i];
      double l = litt[i];
      double p = alive != null || counts ? kernel.probabilityAlive(parameters, x, tx, a, l) : 0;
      if (alive != null) {
        alive[i] = p;
      }
      result[0] = 0;
      result[1] = 0;
      if (counts && p > 0) {
        kernel.expectedIfAlive(
            parameters,
            t,
            discounted == null ? Double.NaN : rate,
            x,
            tx,
            a,
            l,
            DRAWS,
            SEED,
            result);
      }
      if (expected != null) {
        expected[i] = p * result[0];
      }
      if (discounted != null) {
        discounted[i] = p * result[1];
      }
    }
  }

  private static void copy(double[] values, int to, int from) {
    if (values != null) {
      values[to] = values[from];
    }
  }

  /**
   * The Pareto/GGG marginal log-likelihood at these parameters: each customer's likelihood given k,
   * λ, μ integrated over their Gamma populations (μ and λ in closed form, k and the drop-out time
   * by adaptive Gauss–Kronrod quadrature, relative tolerance 1e-7; see {@code
   * ParetoGggLikelihood}). About a millisecond per distinct (x, t_x, T, litt) pattern.
   *
   * @param data histories with the litt column
   * @throws org.clvkit.core.ClvArgumentException when the litt column is missing
   */
  @Override
  public double logLikelihood(CustomerHistories data) {
    Checks.notNull("data", data);
    data.littColumn();
    return ParetoGggLikelihood.logLikelihood(parameters, data);
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "Pareto/GGG posterior means t=%g, gamma=%g, r=%g, alpha=%g, s=%g, beta=%g",
        parameters.t(),
        parameters.gamma(),
        parameters.r(),
        parameters.alpha(),
        parameters.s(),
        parameters.beta());
  }
}
