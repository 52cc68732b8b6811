package org.clvkit.core.kpi;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.clvkit.core.Checks;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.data.Transaction;

/**
 * Per-period customer activity of a transaction log, and the KPIs it gives: active, new and
 * retained customers, retention and churn rates, orders, revenue, ARPU and average order value per
 * period; the cohort retention table (acquisition period × periods since acquisition); and overall
 * purchase frequency and repeat-purchase rate. Made by an {@link Accumulator}. Immutable and
 * thread-safe.
 *
 * <p><b>Definitions.</b> Period t (0-based) is {@code [start + t·length, start + (t+1)·length)} for
 * the {@link TimeScale}'s length. A customer is <i>active</i> in a period when it has an order in
 * it; it is <i>new</i> (acquired) in the period of its first order in the log; every accepted
 * transaction is one order (no same-day merging). Customers <i>retained</i> in period t &ge; 1 are
 * those active in both t - 1 and t, and the retention rate of period t is retained(t) / active(t -
 * 1) (so a customer who skips a period and comes back counts as lost, then as reactivated — unlike
 * {@link Kpis#retentionRate}, whose "end - acquired" counts every returning customer). The cohort
 * of period c is the customers acquired in c; cell (c, k) counts those active in period c + k.
 * Rates whose denominator is 0 are rejected, never NaN.
 */
public final class ActivityTable implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LocalDateTime start;
  private final TimeScale timeScale;
  private final int periods;
  private final int[] active;
  private final int[] acquired;
  private final int[] retained;
  private final long[] orders;
  private final double[] revenue;

  /** cohort[c][k]: customers acquired in period c active in period c + k, k &lt; periods - c. */
  private final int[][] cohort;

  private final int customers;
  private final int repeatCustomers;

  private ActivityTable(Accumulator a) {
    this.start = a.start;
    this.timeScale = a.timeScale;
    this.periods = a.periods;
    this.orders = a.orders.clone();
    this.revenue = a.revenue.clone();
    this.active = new int[periods];
    this.acquired = new int[periods];
    this.retained = new int[periods];
    this.cohort = new int[periods][];
    for (int c = 0; c < periods; c++) {
      cohort[c] = new int[periods - c];
    }
    int repeat = 0;
    for (CustomerActivity customer : a.customers.values()) {
      BitSet bits = customer.periods;
      int first = bits.nextSetBit(0);
      acquired[first]++;
      if (customer.orders >= 2) {
        repeat++;
      }
      for (int t = first; t >= 0; t = bits.nextSetBit(t + 1)) {
        active[t]++;
        cohort[first][t - first]++;
        if (t > 0 && bits.get(t - 1)) {
          retained[t]++;
        }
      }
    }
    this.customers = a.customers.size();
    this.repeatCustomers = repeat;
  }

  /**
   * An empty accumulator for a log observed over {@code periods} periods of {@code timeScale} from
   * {@code start}.
   */
  public static Accumulator accumulator(LocalDateTime start, TimeScale timeScale, int periods) {
    return new Accumulator(start, timeScale, periods);
  }

  /** The start of period 0. */
  public LocalDateTime start() {
    return start;
  }

  /** The length of a period. */
  public TimeScale timeScale() {
    return timeScale;
  }

  /** The number of periods. */
  public int periods() {
    return periods;
  }

  /** Customers with at least one order. */
  public int customers() {
    return customers;
  }

  /** Customers with at least two orders. */
  public int repeatCustomers() {
    return repeatCustomers;
  }

  /** All orders. */
  public long orders() {
    long sum = 0;
    for (long o : orders) {
      sum += o;
    }
    return sum;
  }

  /** All revenue. */
  public double revenue() {
    double sum = 0;
    for (double r : revenue) {
      sum += r;
    }
    return sum;
  }

  /** Customers with an order in period t. */
  public int activeCustomers(int t) {
    period(t);
    return active[t];
  }

  /** Customers whose first order is in period t (the size of cohort t). */
  public int newCustomers(int t) {
    period(t);
    return acquired[t];
  }

  /** Customers active in both period t - 1 and t, for t &ge; 1. */
  public int retainedCustomers(int t) {
    Checks.integerInRange("t", t, 1, periods - 1);
    return retained[t];
  }

  /** Orders in period t. */
  public long orders(int t) {
    period(t);
    return orders[t];
  }

  /** Revenue in period t. */
  public double revenue(int t) {
    period(t);
    return revenue[t];
  }

  /**
   * Retention rate of period t &ge; 1: {@code retainedCustomers(t) / activeCustomers(t - 1)}.
   *
   * @throws org.clvkit.core.ClvArgumentException when no customer was active in period t - 1
   */
  public double retentionRate(int t) {
    Checks.integerInRange("t", t, 1, periods - 1);
    return (double) retained[t] / base("activeCustomers", t - 1, active[t - 1]);
  }

  /**
   * Churn rate of period t &ge; 1: the share of period t - 1's active customers not active in t.
   */
  public double churnRate(int t) {
    Checks.integerInRange("t", t, 1, periods - 1);
    int base = base("activeCustomers", t - 1, active[t - 1]);
    return (double) (base - retained[t]) / base;
  }

  /** ARPU of period t: revenue per active customer, {@code revenue(t) / activeCustomers(t)}. */
  public double averageRevenuePerUser(int t) {
    period(t);
    return revenue[t] / base("activeCustomers", t, active[t]);
  }

  /** ARPU over the whole log: {@code revenue() / customers()}. */
  public double averageRevenuePerUser() {
    return Kpis.averageRevenuePerUser(revenue(), customers);
  }

  /** Average order value of period t: {@code revenue(t) / orders(t)}. */
  public double averageOrderValue(int t) {
    period(t);
    return Kpis.averageOrderValue(revenue[t], orders[t]);
  }

  /** Average order value over the whole log: {@code revenue() / orders()}. */
  public double averageOrderValue() {
    return Kpis.averageOrderValue(revenue(), orders());
  }

  /** Orders per customer over the whole log. */
  public double purchaseFrequency() {
    return Kpis.purchaseFrequency(orders(), customers);
  }

  /** Share of customers with two or more orders. */
  public double repeatPurchaseRate() {
    return Kpis.repeatPurchaseRate(repeatCustomers, customers);
  }

  /**
   * Cohort table count: customers acquired in period {@code cohort} who are active {@code k}
   * periods later (k = 0 gives the cohort's size).
   *
   * @param cohort acquisition period, in [0, periods)
   * @param k periods since acquisition, in [0, periods - cohort)
   */
  public int cohortActive(int cohort, int k) {
    period(cohort);
    Checks.integerInRange("k", k, 0, periods - 1 - cohort);
    return this.cohort[cohort][k];
  }

  /**
   * Cohort retention: {@code cohortActive(cohort, k) / newCustomers(cohort)}; 1 at k = 0.
   *
   * @throws org.clvkit.core.ClvArgumentException when the cohort is empty
   */
  public double cohortRetention(int cohort, int k) {
    int count = cohortActive(cohort, k);
    return (double) count / base("newCustomers", cohort, acquired[cohort]);
  }

  private void period(int t) {
    Checks.integerInRange("t", t, 0, periods - 1);
  }

  /** A denominator, which must be positive; the message names the count and its period. */
  private static int base(String count, int t, int value) {
    if (value <= 0) {
      throw Checks.fail("%s(%d) must be > 0 to divide by, was %d", count, t, value);
    }
    return value;
  }

  /** One customer's activity while accumulating. */
  private static final class CustomerActivity implements Serializable {
    private static final long serialVersionUID = 1L;
    final BitSet periods = new BitSet();
    long orders;
  }

  /**
   * Accumulates a transaction log into an {@link ActivityTable}: {@code accept} rows in any order,
   * {@code combine} partial accumulators, then take the {@code result}. Memory grows with customers
   * (a small object and one bit per period each), not transactions. Not thread-safe; meant for
   * reporting-sized logs (it keeps a map entry per customer, unlike the primitive columns of {@link
   * org.clvkit.core.data.SummaryAccumulator}).
   *
   * <p>Rows are checked in this order: id not null, time present and within the periods (a time
   * before the start or at or after the end of the last period is rejected), amount finite and
   * &gt;= 0 (net refunds against their orders first). Messages name the row by its index in this
   * accumulator: {@code time[3] = 2023-12-31T00:00 must be in [2024-01-01T00:00,
   * 2024-01-29T00:00)}.
   */
  public static final class Accumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LocalDateTime start;
    private final TimeScale timeScale;
    private final int periods;
    private final LocalDateTime end;
    private final Map<String, CustomerActivity> customers = new HashMap<>();
    private final long[] orders;
    private final double[] revenue;
    private long rows;

    private Accumulator(LocalDateTime start, TimeScale timeScale, int periods) {
      this.start = Checks.notNull("start", start);
      this.timeScale = Checks.notNull("timeScale", timeScale);
      this.periods = Checks.positive("periods", periods);
      this.end = start.plus(timeScale.period().multipliedBy(periods));
      this.orders = new long[periods];
      this.revenue = new double[periods];
    }

    /** Adds one transaction. */
    public void accept(Transaction transaction) {
      if (transaction == null) {
        Checks.notNull(name("transaction", rows++), transaction);
      }
      accept(transaction.customerId(), transaction.time(), transaction.amount());
    }

    /** Adds an order on a date (at the start of the day). */
    public void accept(String customerId, LocalDate date, double amount) {
      if (date == null) {
        Checks.notNull(name("date", rows++), date);
      }
      accept(customerId, date.atStartOfDay(), amount);
    }

    /**
     * Adds an order.
     *
     * @param customerId the customer; not null
     * @param time when; within the periods
     * @param amount the revenue, finite and &gt;= 0
     */
    public void accept(String customerId, LocalDateTime time, double amount) {
      long row = rows++;
      if (customerId == null) {
        Checks.notNull(name("customerId", row), customerId);
      }
      if (time == null) {
        Checks.notNull(name("time", row), time);
      }
      if (time.isBefore(start) || !time.isBefore(end)) {
        Checks.within(name("time", row), time, start, end);
      }
      if (!Double.isFinite(amount)) {
        Checks.finite(name("amount", row), amount);
      }
      if (amount < 0) {
        Checks.nonNegative(name("amount", row), amount);
      }
      // The period from the time in periods, corrected exactly at the boundaries.
      int t = (int) Math.min(periods - 1, Math.floor(timeScale.between(start, time)));
      if (t > 0 && time.isBefore(periodStart(t))) {
        t--;
      } else if (t < periods - 1 && !time.isBefore(periodStart(t + 1))) {
        t++;
      }
      CustomerActivity customer =
          customers.computeIfAbsent(customerId, k -> new CustomerActivity());
      customer.periods.set(t);
      customer.orders++;
      orders[t]++;
      revenue[t] += amount;
    }

    private LocalDateTime periodStart(int t) {
      return start.plus(timeScale.period().multipliedBy(t));
    }

    private static String name(String field, long row) {
      return field + "[" + row + "]";
    }

    /**
     * Adds everything {@code other} accumulated to this one and returns this one.
     *
     * @param other an accumulator with the same start, time scale and periods, not this one
     */
    public Accumulator combine(Accumulator other) {
      Checks.notNull("other", other);
      Checks.same("other.start", other.start, "start", start);
      Checks.same("other.timeScale", other.timeScale, "timeScale", timeScale);
      Checks.same("other.periods", other.periods, "periods", periods);
      if (other == this) {
        throw Checks.fail("other must be a different accumulator than this one");
      }
      for (Map.Entry<String, CustomerActivity> e : other.customers.entrySet()) {
        CustomerActivity mine = customers.computeIfAbsent(e.getKey(), k -> new CustomerActivity());
        mine.periods.or(e.getValue().periods);
        mine.orders += e.getValue().orders;
      }
      for (int t = 0; t < periods; t++) {
        orders[t] += other.orders[t];
        revenue[t] += other.revenue[t];
      }
      rows += other.rows;
      return this;
    }

    /** The table of what was accepted so far (an independent snapshot). */
    public ActivityTable result() {
      return new ActivityTable(this);
    }
  }
}
