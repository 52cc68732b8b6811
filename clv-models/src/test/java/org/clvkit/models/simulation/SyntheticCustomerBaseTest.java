package org.clvkit.models.simulation;

import static org.clvkit.testing.ClvAssertions.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Arrays;
import org.clvkit.core.data.CustomerSummaries;
import org.clvkit.core.data.SummaryAccumulator;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.bgnbd.BgNbdModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.bgnbd.BgNbdSimulator;
import org.clvkit.models.gammagamma.GammaGammaParameters;
import org.clvkit.models.mbgnbd.MbgNbdModel;
import org.clvkit.models.mbgnbd.MbgNbdParameters;
import org.clvkit.models.paretonbd.ParetoNbdModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.testing.Tolerance;
import org.junit.jupiter.api.Test;

class SyntheticCustomerBaseTest {
  /** The CDNOW estimates (FHL 2005; Fader and Hardie 2013), in weeks. */
  static final BgNbdParameters BG_NBD = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);

  static final MbgNbdParameters MBG_NBD = new MbgNbdParameters(0.525, 6.183, 0.891, 1.614);
  static final ParetoNbdParameters PARETO_NBD = new ParetoNbdParameters(0.553, 10.58, 0.606, 11.67);
  static final GammaGammaParameters SPEND = new GammaGammaParameters(6.25, 3.74, 15.44);

  static SyntheticCustomerBase bgNbd(long seed) {
    return SyntheticCustomerBase.bgNbd(BG_NBD, SPEND, seed).withAcquisitionPeriod(12);
  }

  @Test
  void customers_sameSeedSameCustomersOtherSeedOthers() {
    SimulatedCustomers a = bgNbd(1).customers(3000, 39);
    SimulatedCustomers b = bgNbd(1).customers(3000, 39);
    SimulatedCustomers c = bgNbd(2).customers(3000, 39);
    assertArrayEquals(a.frequency(), b.frequency());
    assertArrayEquals(a.recency(), b.recency());
    assertArrayEquals(a.age(), b.age());
    assertArrayEquals(a.monetaryValue(), b.monetaryValue());
    assertArrayEquals(a.acquisitionTime(), b.acquisitionTime());
    assertFalse(Arrays.equals(a.recency(), c.recency()));
    assertFalse(Arrays.equals(a.acquisitionTime(), c.acquisitionTime()));
  }

  @Test
  void customers_areAcquiredInOrderOverThePeriodAndAgedToTheEnd() {
    SimulatedCustomers customers = bgNbd(3).customers(100_000, 39);
    double[] acquired = customers.acquisitionTime();
    double sum = 0;
    for (int i = 0; i < acquired.length; i++) {
      assertTrue(acquired[i] >= 0 && acquired[i] <= 12, "acquisition time in [0, 12]");
      assertTrue(i == 0 || acquired[i] >= acquired[i - 1], "ascending");
      assertEquals(39 - acquired[i], customers.age(i));
      assertTrue(customers.recency(i) <= customers.age(i));
      sum += acquired[i];
    }
    // Uniform on [0, 12]: mean 6, standard error 12 / sqrt(12 n) = 0.011.
    Tolerance.absolute(0.05).check("mean acquisition time", 6.0, sum / acquired.length);
    SimulatedCustomers cohort = SyntheticCustomerBase.bgNbd(BG_NBD, SPEND, 3).customers(10, 39);
    for (int i = 0; i < 10; i++) {
      assertEquals(39.0, cohort.age(i));
    }
  }

  @Test
  void customers_followTheBgNbdSimulatorForTheirAges() {
    // A single cohort at time 0 has ages all equal to the end; the purchase histories are those
    // of BgNbdSimulator for those ages with the generator's derived purchase seed.
    SimulatedCustomers customers = SyntheticCustomerBase.bgNbd(BG_NBD, SPEND, 9).customers(500, 39);
    long purchaseSeed = derivedSeeds(9)[1];
    var expected = BgNbdSimulator.of(BG_NBD, purchaseSeed).histories(500, 39);
    assertArrayEquals(expected.frequencyColumn(), customers.frequency());
    assertArrayEquals(expected.recencyColumn(), customers.recency());
  }

  @Test
  void customers_meanFrequencyIsTheModelsExpectation() {
    checkMeanFrequency(bgNbd(4).customers(100_000, 39), BgNbdModel.of(BG_NBD));
    checkMeanFrequency(
        SyntheticCustomerBase.mbgNbd(MBG_NBD, SPEND, 4)
            .withAcquisitionPeriod(12)
            .customers(100_000, 39),
        MbgNbdModel.of(MBG_NBD));
    checkMeanFrequency(
        SyntheticCustomerBase.paretoNbd(PARETO_NBD, SPEND, 4)
            .withAcquisitionPeriod(12)
            .customers(100_000, 39),
        ParetoNbdModel.of(PARETO_NBD));
  }

  /** The sample mean of x is within 5 standard errors of the mean of E[X(T_i)] over customers. */
  private static void checkMeanFrequency(SimulatedCustomers customers, PurchaseModel model) {
    int n = customers.size();
    double sum = 0;
    double squares = 0;
    double expected = 0;
    for (int i = 0; i < n; i++) {
      double x = customers.frequency(i);
      sum += x;
      squares += x * x;
      expected += model.expectedPurchases(customers.age(i));
    }
    double mean = sum / n;
    double standardError = Math.sqrt((squares / n - mean * mean) / n);
    Tolerance.absolute(5 * standardError).check(model.name() + " mean x", expected / n, mean);
  }

  @Test
  void customers_meanRepeatSpendIsTheGammaGammaMean() {
    // E[m̄ | x] = E[p / ν] = p γ / (q − 1) for every x > 0 (Fader and Hardie 2013).
    SimulatedCustomers customers = bgNbd(5).customers(200_000, 39);
    double sum = 0;
    double squares = 0;
    int repeaters = 0;
    for (int i = 0; i < customers.size(); i++) {
      double m = customers.monetaryValue(i);
      if (customers.frequency(i) == 0) {
        assertEquals(0.0, m);
        continue;
      }
      assertTrue(m > 0);
      sum += m;
      squares += m * m;
      repeaters++;
    }
    double mean = sum / repeaters;
    double standardError = Math.sqrt((squares / repeaters - mean * mean) / repeaters);
    double expected = SPEND.p() * SPEND.gamma() / (SPEND.q() - 1);
    Tolerance.absolute(5 * standardError).check("mean m̄", expected, mean);
  }

  @Test
  void transactions_summariseToTheCustomers() {
    SyntheticCustomerBase base = bgNbd(6);
    SimulatedCustomers customers = base.customers(5000, 39);
    SimulatedTransactions log = base.transactions(5000, 39);
    assertEquals(5000, log.customers());
    long repeat = 0;
    for (int i = 0; i < customers.size(); i++) {
      repeat += (long) customers.frequency(i);
    }
    assertEquals(5000 + repeat, log.size());
    LocalDateTime origin = LocalDateTime.of(2020, 1, 1, 0, 0);
    long[] seconds = log.epochSeconds(origin, TimeScale.WEEKS);
    LocalDateTime end = origin.plusSeconds(Math.round(39 * 7 * 86_400.0));
    SummaryAccumulator acc =
        new SummaryAccumulator(SummaryOptions.of(TimeScale.WEEKS, end).withMergeSameDay(false));
    long[] ids = log.customerIds();
    double[] amounts = log.amounts();
    for (int row = 0; row < log.size(); row++) {
      acc.acceptEpochSecond(Long.toString(ids[row]), seconds[row], amounts[row]);
    }
    CustomerSummaries s = acc.result();
    assertEquals(5000, s.size());
    // Times are rounded to the second: 1 / 604,800 weeks each.
    Tolerance seconds2 = Tolerance.absolute(2.0 / 604_800);
    for (int i = 0; i < 5000; i++) {
      assertEquals(Long.toString(i), s.customerId(i));
      assertEquals(customers.frequency(i), s.frequency()[i], "frequency " + i);
      seconds2.check("recency " + i, customers.recency(i), s.recency()[i]);
      seconds2.check("age " + i, customers.age(i), s.age()[i]);
      Tolerance.relative(1e-12)
          .or(Tolerance.absolute(1e-12))
          .check("monetary value " + i, customers.monetaryValue(i), s.monetaryValue()[i]);
    }
  }

  @Test
  void transactions_comeByCustomerAndTimeAndSortByTime() {
    SimulatedTransactions log = bgNbd(7).transactions(2000, 39);
    for (int row = 1; row < log.size(); row++) {
      long c = log.customerId(row);
      long previous = log.customerId(row - 1);
      assertTrue(c == previous || c == previous + 1, "by customer");
      assertTrue(c != previous || log.time(row) >= log.time(row - 1), "then by time");
    }
    SimulatedTransactions byTime = log.sortedByTime();
    assertEquals(log.size(), byTime.size());
    double[] times = byTime.times();
    for (int row = 1; row < times.length; row++) {
      assertTrue(times[row] >= times[row - 1], "sorted by time");
    }
    // The same rows: each customer's rows keep their times and amounts in the same order.
    double[] original = log.times();
    double[] sortedOriginal = original.clone();
    Arrays.sort(sortedOriginal);
    assertArrayEquals(sortedOriginal, times);
    double[] amountByCustomer = new double[log.customers()];
    double[] amountByCustomerSorted = new double[log.customers()];
    for (int row = 0; row < log.size(); row++) {
      amountByCustomer[(int) log.customerId(row)] += log.amount(row) * (row + 1.0);
    }
    int[] seen = new int[log.customers()];
    int[] firstRow = new int[log.customers()];
    Arrays.fill(firstRow, -1);
    for (int row = 0; row < log.size(); row++) {
      if (firstRow[(int) log.customerId(row)] < 0) {
        firstRow[(int) log.customerId(row)] = row;
      }
    }
    for (int row = 0; row < byTime.size(); row++) {
      int c = (int) byTime.customerId(row);
      amountByCustomerSorted[c] += byTime.amount(row) * (firstRow[c] + seen[c] + 1.0);
      seen[c]++;
    }
    assertArrayEquals(amountByCustomer, amountByCustomerSorted);
  }

  @Test
  void transactions_paretoNbdLogHasEveryCustomersFirstPurchase() {
    SimulatedTransactions log =
        SyntheticCustomerBase.paretoNbd(PARETO_NBD, SPEND, 8)
            .withAcquisitionPeriod(5)
            .transactions(1000, 20);
    boolean[] seen = new boolean[1000];
    for (int row = 0; row < log.size(); row++) {
      int c = (int) log.customerId(row);
      assertTrue(log.time(row) >= 0 && log.time(row) <= 20);
      assertTrue(log.amount(row) > 0);
      seen[c] = true;
    }
    for (boolean s : seen) {
      assertTrue(s);
    }
  }

  @Test
  void epochSeconds_addRoundedPeriodsToTheOrigin() {
    SimulatedTransactions log = bgNbd(10).transactions(10, 39);
    LocalDateTime origin = LocalDateTime.of(2021, 3, 4, 5, 6, 7);
    long[] seconds = log.epochSeconds(origin, TimeScale.DAYS);
    long start = origin.toEpochSecond(java.time.ZoneOffset.UTC);
    for (int row = 0; row < log.size(); row++) {
      assertEquals(start + Math.round(log.time(row) * 86_400), seconds[row]);
    }
  }

  @Test
  void generator_rejectsBadArguments() {
    SyntheticCustomerBase base = SyntheticCustomerBase.bgNbd(BG_NBD, SPEND, 1);
    assertRejects("count must be > 0, was 0", () -> base.customers(0, 10));
    assertRejects("observationEnd must be finite, was NaN", () -> base.customers(5, Double.NaN));
    assertRejects(
        "acquisitionPeriod must be finite and >= 0, was -1.0",
        () -> base.withAcquisitionPeriod(-1));
    assertRejects(
        "acquisitionPeriod = 12.0 must be <= observationEnd = 10.0",
        () -> base.withAcquisitionPeriod(12).transactions(5, 10));
    assertRejects("spend must not be null", () -> SyntheticCustomerBase.bgNbd(BG_NBD, null, 1));
    assertRejects(
        "purchases must not be null", () -> SyntheticCustomerBase.paretoNbd(null, SPEND, 1));
  }

  /** The generator's derived seeds: acquisition, purchases, spend. */
  private static long[] derivedSeeds(long seed) {
    java.util.SplittableRandom root = new java.util.SplittableRandom(seed);
    return new long[] {root.nextLong(), root.nextLong(), root.nextLong()};
  }
}
