package org.clvkit.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.clvkit.models.simulation.SimulatedCustomers;
import org.clvkit.models.simulation.SimulatedTransactions;
import org.junit.jupiter.api.Test;

/**
 * Runs the generator benchmark's methods once, directly rather than through JMH, on 1,000
 * customers: both describe the same customers (as {@code SyntheticCustomerBase} promises), and a
 * second call gives the same draws (seeded).
 */
class GeneratorBenchmarkTest {

  private static GeneratorBenchmark benchmark() {
    GeneratorBenchmark benchmark = new GeneratorBenchmark();
    benchmark.customers = 1000;
    benchmark.setup();
    return benchmark;
  }

  @Test
  void transactions_describeTheSameCustomersAsCustomers() {
    GeneratorBenchmark b = benchmark();
    SimulatedCustomers customers = b.customers();
    SimulatedTransactions log = b.transactions();
    assertEquals(1000, customers.size());
    assertEquals(1000, log.customers());
    // Rows per customer = repeat purchases + 1; the last row's time - the first's = recency.
    int[] rows = new int[1000];
    double[] first = new double[1000];
    double[] last = new double[1000];
    for (int i = 0; i < log.size(); i++) {
      int c = (int) log.customerId(i);
      if (rows[c]++ == 0) {
        first[c] = log.time(i);
      }
      last[c] = log.time(i);
    }
    for (int c = 0; c < 1000; c++) {
      assertEquals(customers.frequency(c) + 1, rows[c], "customer " + c);
      assertEquals(customers.recency(c), last[c] - first[c], 1e-9, "customer " + c);
      assertEquals(customers.observationEnd() - first[c], customers.age(c), 1e-9, "customer " + c);
    }
  }

  @Test
  void customers_areSeeded() {
    SimulatedCustomers one = benchmark().customers();
    SimulatedCustomers two = benchmark().customers();
    assertArrayEquals(one.frequency(), two.frequency());
    assertArrayEquals(one.recency(), two.recency());
    assertArrayEquals(one.age(), two.age());
    assertArrayEquals(one.monetaryValue(), two.monetaryValue());
  }
}
