package org.clvkit.examples.spark;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.clvkit.core.Checks;
import org.clvkit.core.data.PolicyCounts;
import org.clvkit.models.Model;

/**
 * What a run of {@link ClvSparkJob} read, fitted and wrote, so that no row goes unaccounted: every
 * input row was either accepted into a customer's summary, or dropped by a row policy and counted
 * in {@code policyCounts}; customers whose purchases all fall in the holdout have no calibration
 * summary and are counted apart.
 *
 * @param rows transaction rows read
 * @param policyCounts what the row policies did (zero amounts kept, rows dropped by reason)
 * @param customers customers with calibration purchases, one output row each
 * @param holdoutOnlyCustomers customers whose purchases all fall after the calibration end
 * @param purchasePatterns distinct (frequency, recency, age) patterns the purchase model was fitted
 *     on
 * @param spendPatterns distinct (frequency, monetary value) patterns the Gamma-Gamma model was
 *     fitted on (customers without repeat spend included; the fit leaves them out)
 * @param models the fitted models and scoring settings that were broadcast
 * @param output where the scores were written
 */
public record JobResult(
    long rows,
    PolicyCounts policyCounts,
    long customers,
    long holdoutOnlyCustomers,
    int purchasePatterns,
    int spendPatterns,
    ScoringModels models,
    String output) {

  /** Checks that nothing is null and the counts are not negative. */
  public JobResult {
    Checks.integerInRange("rows", rows, 0, Long.MAX_VALUE);
    Checks.notNull("policyCounts", policyCounts);
    Checks.integerInRange("customers", customers, 0, Long.MAX_VALUE);
    Checks.integerInRange("holdoutOnlyCustomers", holdoutOnlyCustomers, 0, Long.MAX_VALUE);
    Checks.nonNegative("purchasePatterns", purchasePatterns);
    Checks.nonNegative("spendPatterns", spendPatterns);
    Checks.notNull("models", models);
    Checks.notNull("output", output);
  }

  /**
   * The fitted purchase model's parameters by name, in the literature's order ({@link
   * Model#parameterNames()} and {@link Model#parameterValues()}), e.g. {@code r, alpha, s, beta}
   * for the Pareto/NBD.
   */
  public Map<String, Double> purchaseParameters() {
    return parameters(models.purchases());
  }

  /** The fitted Gamma-Gamma parameters by name: {@code p, q, gamma}. */
  public Map<String, Double> spendParameters() {
    return parameters(models.spend());
  }

  private static Map<String, Double> parameters(Model model) {
    Map<String, Double> out = new LinkedHashMap<>();
    double[] values = model.parameterValues();
    for (int i = 0; i < values.length; i++) {
      out.put(model.parameterNames().get(i), values[i]);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** A few lines for a console: counts, parameters by name and the output path. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "rows read:      %,d (%s)%n"
            + "customers:      %,d (%,d more with holdout purchases only)%n"
            + "%-15s %s, fitted on %,d patterns%n"
            + "Gamma-Gamma:    %s, fitted on %,d patterns%n"
            + "scores written: %s%n",
        rows,
        policyCounts,
        customers,
        holdoutOnlyCustomers,
        models.purchases().name() + ":",
        purchaseParameters(),
        purchasePatterns,
        spendParameters(),
        spendPatterns,
        output);
  }
}
