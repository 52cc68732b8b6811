package org.clvkit.models.internal;

import java.util.Arrays;
import org.clvkit.core.Checks;
import org.clvkit.models.CustomerHistories;

/**
 * The sufficient statistics of contractual lifetimes, shared by the sBG and the
 * beta-discrete-Weibull (which is the sBG at c = 1): per distinct observed lifetime t (in whole
 * periods), the weight of the customers who churned after exactly t periods and of those still
 * active after t periods (right-censored). Built from contract histories, a cohort's survivor
 * counts or one lifetime per customer, with the checks and messages of the two fitters. Immutable;
 * not API.
 */
public final class ContractLifetimes {
  private final double[] periods;
  private final double[] churned;
  private final double[] censored;

  private ContractLifetimes(double[] periods, double[] churned, double[] censored) {
    this.periods = periods;
    this.churned = churned;
    this.censored = censored;
  }

  /**
   * Statistics already reduced to distinct lifetimes (by a caller that has checked them).
   *
   * @param periods distinct lifetimes, ascending, whole and &gt;= 0
   * @param churned weight of customers who churned after each lifetime
   * @param censored weight of customers still active after each lifetime
   */
  public static ContractLifetimes of(double[] periods, double[] churned, double[] censored) {
    Checks.sameLength("churned", churned.length, "periods", periods.length);
    Checks.sameLength("censored", censored.length, "periods", periods.length);
    return new ContractLifetimes(periods.clone(), churned.clone(), censored.clone());
  }

  /** The distinct lifetimes, ascending (a new array). */
  public double[] periods() {
    return periods.clone();
  }

  /** The weight of customers who churned after each lifetime (a new array). */
  public double[] churned() {
    return churned.clone();
  }

  /** The weight of customers still active after each lifetime (a new array). */
  public double[] censored() {
    return censored.clone();
  }

  /**
   * The renewals x of row {@code i} of contract histories, after checking the row: x and n = age
   * whole numbers, recency = x (renewals are consecutive), x &lt;= n.
   */
  public static int renewals(CustomerHistories data, int i) {
    double x = data.frequency(i);
    double n = data.age(i);
    Checks.count(Checks.indexed("frequency", i), x);
    Checks.count(Checks.indexed("age", i), n);
    Checks.atMost(Checks.indexed("frequency", i), x, Checks.indexed("age", i), n);
    if (data.recency(i) != x) {
      throw Checks.fail(
          "%s = %s must equal %s = %s for contract histories (renewals are consecutive)",
          Checks.indexed("recency", i), data.recency(i), Checks.indexed("frequency", i), x);
    }
    return (int) x;
  }

  /**
   * Contract histories in the shared customer columns: row i made x renewals in n = age
   * opportunities; x &lt; n means it churned after x + 1 periods, x = n that it is still active
   * after n; weights count the customers.
   */
  public static ContractLifetimes ofHistories(CustomerHistories data) {
    Checks.notNull("data", data);
    double[] periods = new double[data.size()];
    boolean[] churned = new boolean[data.size()];
    lifetimes(data, periods, churned);
    return ofLifetimes(periods, churned, data.weightColumn());
  }

  /**
   * Each row's observed lifetime, row by row (no reduction), after {@link #renewals} checks it:
   * {@code churned[i]} when x &lt; n, and then {@code periods[i] = x + 1}, else {@code periods[i] =
   * n}.
   *
   * @param data contract histories
   * @param periods filled with each row's periods, length {@code data.size()}
   * @param churned filled with whether each row churned, length {@code data.size()}
   */
  public static void lifetimes(CustomerHistories data, double[] periods, boolean[] churned) {
    for (int i = 0; i < data.size(); i++) {
      int renewals = renewals(data, i);
      churned[i] = renewals < data.age(i);
      periods[i] = churned[i] ? renewals + 1 : renewals;
    }
  }

  /**
   * A cohort's survivor counts: {@code alive[t]} customers still active after t renewals, {@code
   * alive[0]} the cohort at acquisition; {@code alive[t−1] − alive[t]} lasted exactly t periods and
   * {@code alive[T]} were still active when observation ended.
   *
   * @param alive at least two counts, each finite and &gt;= 0, non-increasing, the first &gt; 0
   */
  public static ContractLifetimes ofSurvivors(double... alive) {
    Checks.notEmpty("alive", alive);
    if (alive.length < 2) {
      throw Checks.fail(
          "alive has length %d but needs at least 2 (the cohort and one later count)",
          alive.length);
    }
    Checks.nonNegative("alive", alive);
    Checks.positive(Checks.indexed("alive", 0), alive[0]);
    for (int t = 1; t < alive.length; t++) {
      Checks.atMost(
          Checks.indexed("alive", t), alive[t], Checks.indexed("alive", t - 1), alive[t - 1]);
    }
    int last = alive.length - 1;
    double[] periods = new double[alive.length];
    double[] churned = new double[alive.length];
    double[] censored = new double[alive.length];
    for (int t = 0; t <= last; t++) {
      periods[t] = t;
      churned[t] = t == 0 ? 0 : alive[t - 1] - alive[t];
    }
    censored[last] = alive[last];
    return new ContractLifetimes(periods, churned, censored);
  }

  /**
   * Observed lifetimes, each shared by {@code weights[i]} customers.
   *
   * @param periods periods observed as a customer, whole numbers &gt;= 0, and &gt; 0 where churned
   * @param churned whether the customer left at the end of its last observed period
   * @param weights number of customers with that lifetime, finite and &gt;= 0, not all 0
   */
  public static ContractLifetimes ofLifetimes(
      double[] periods, boolean[] churned, double[] weights) {
    Checks.notEmpty("periods", periods);
    Checks.notNull("churned", churned);
    Checks.notNull("weights", weights);
    int n = periods.length;
    Checks.sameLength("churned", churned.length, "periods", n);
    Checks.sameLength("weights", weights.length, "periods", n);
    boolean anyWeight = false;
    for (int i = 0; i < n; i++) {
      String name = Checks.indexed("periods", i);
      Checks.count(name, periods[i]);
      if (churned[i] && periods[i] == 0) {
        throw Checks.fail(
            "%s = %s must be >= 1 when %s = true", name, periods[i], Checks.indexed("churned", i));
      }
      Checks.nonNegative(Checks.indexed("weights", i), weights[i]);
      anyWeight |= weights[i] > 0;
    }
    if (!anyWeight) {
      throw Checks.fail("weights must not all be 0");
    }
    double[] sorted = periods.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    double[] values = Arrays.copyOf(sorted, distinct);
    double[] churnWeights = new double[distinct];
    double[] censorWeights = new double[distinct];
    for (int i = 0; i < n; i++) {
      int k = Arrays.binarySearch(values, periods[i]);
      if (churned[i]) {
        churnWeights[k] += weights[i];
      } else {
        censorWeights[k] += weights[i];
      }
    }
    return new ContractLifetimes(values, churnWeights, censorWeights);
  }
}
