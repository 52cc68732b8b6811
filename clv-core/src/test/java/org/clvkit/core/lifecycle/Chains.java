package org.clvkit.core.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Test helpers: seeded random chains, path simulation and serialization round trips. */
final class Chains {
  private Chains() {}

  /** Stage names "s0", "s1", … */
  static StageSet names(int n) {
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = "s" + i;
    }
    return StageSet.of(names);
  }

  /**
   * A random n × n stochastic matrix; when {@code sparse}, about a third of the off-diagonal
   * entries are exactly 0. Rows are normalised so that they sum to 1 within rounding.
   */
  static double[][] randomStochastic(int n, long seed, boolean sparse) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] p = new double[n][n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        double v = random.nextDouble(0.01, 1.0);
        if (sparse && i != j && random.nextInt(3) == 0) {
          v = 0;
        }
        p[i][j] = v;
        sum += v;
      }
      for (int j = 0; j < n; j++) {
        p[i][j] /= sum;
      }
    }
    return p;
  }

  /**
   * A random absorbing chain: the last stage absorbing, every other stage moving to it with p >=
   * 0.02.
   */
  static double[][] randomAbsorbing(int n, long seed) {
    double[][] p = randomStochastic(n, seed, true);
    SplittableRandom random = new SplittableRandom(~seed);
    for (int i = 0; i < n - 1; i++) {
      double churn = random.nextDouble(0.02, 0.5);
      double rest = 0;
      for (int j = 0; j < n - 1; j++) {
        rest += p[i][j];
      }
      for (int j = 0; j < n - 1; j++) {
        p[i][j] = p[i][j] / rest * (1 - churn);
      }
      p[i][n - 1] = churn;
    }
    Arrays.fill(p[n - 1], 0);
    p[n - 1][n - 1] = 1;
    return p;
  }

  /** The next stage after {@code from}, drawn with the row's probabilities. */
  static int step(double[][] p, int from, SplittableRandom random) {
    double u = random.nextDouble();
    double[] row = p[from];
    double cumulative = 0;
    for (int j = 0; j < row.length; j++) {
      cumulative += row[j];
      if (u < cumulative) {
        return j;
      }
    }
    // u fell in the rounding gap above the last cumulative sum: take the last positive entry.
    for (int j = row.length - 1; j >= 0; j--) {
      if (row[j] > 0) {
        return j;
      }
    }
    throw new AssertionError("empty row");
  }

  /** Serializes and deserializes {@code value}. */
  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (T) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
