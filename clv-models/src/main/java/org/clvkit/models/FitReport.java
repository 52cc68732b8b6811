package org.clvkit.models;

import java.util.List;
import java.util.Locale;
import org.clvkit.core.Checks;

/**
 * What a fit produced besides the parameters: estimates with standard errors, diagnostics, and the
 * size of the data. Attached to every fitted model; models built from known parameters have none.
 *
 * @param model the model's name ({@code "BG/NBD"}, ...)
 * @param estimates one estimate per parameter, in the parameters' order; empty when the information
 *     matrix was singular (then {@code diagnostics().converged()} is false and the message says so)
 * @param diagnostics how the optimiser did
 * @param customers number of customers fitted (the sum of the weights)
 * @param patterns number of distinct (frequency, recency, age) patterns the likelihood was
 *     evaluated on
 * @param penalty the L2 penalty coefficient used (0 for plain maximum likelihood)
 * @param startingPointSample the number of patterns of the seeded sample on which the starting
 *     points were searched before the refinement on all patterns ({@link
 *     FitSettings#sampleFrom()}), or 0 when the search ran on all patterns
 */
public record FitReport(
    String model,
    List<ParameterEstimate> estimates,
    FitDiagnostics diagnostics,
    double customers,
    int patterns,
    double penalty,
    int startingPointSample)
    implements java.io.Serializable {

  /** A report of a fit whose starting points were searched on all patterns. */
  public FitReport(
      String model,
      List<ParameterEstimate> estimates,
      FitDiagnostics diagnostics,
      double customers,
      int patterns,
      double penalty) {
    this(model, estimates, diagnostics, customers, patterns, penalty, 0);
  }

  /** Validates and copies the estimates. */
  public FitReport {
    Checks.nonNegative("startingPointSample", startingPointSample);
    Checks.notNull("model", model);
    estimates = List.copyOf(Checks.notNull("estimates", estimates));
    Checks.notNull("diagnostics", diagnostics);
    Checks.nonNegative("customers", customers);
    Checks.nonNegative("patterns", patterns);
    Checks.nonNegative("penalty", penalty);
  }

  /** Whether the fit converged to an interior optimum with standard errors. */
  public boolean converged() {
    return diagnostics.converged();
  }

  /**
   * A readable table of the estimates, standard errors and intervals followed by the diagnostics,
   * for example:
   *
   * <pre>
   * BG/NBD fitted on 2357 customers (1411 patterns)
   * parameter      estimate    std.error     lower 95%     upper 95%
   * r              0.242594     0.012557      0.219184      0.268504
   * ...
   * log-likelihood -9582.4292, converged, 27 iterations, 41 evaluations, gradient norm 3.1e-07
   * </pre>
   */
  public String summaryTable() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, "%s fitted on %.0f customers (%d patterns)", model, customers, patterns));
    if (penalty > 0) {
      out.append(String.format(Locale.ROOT, ", L2 penalty %g", penalty));
    }
    if (startingPointSample > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              ", starting points searched on %d sampled patterns",
              startingPointSample));
    }
    out.append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "%-10s %13s %13s %13s %13s%n",
            "parameter",
            "estimate",
            "std.error",
            "lower 95%",
            "upper 95%"));
    for (ParameterEstimate e : estimates) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-10s %13.6g %13.6g %13.6g %13.6g%n",
              e.name(),
              e.value(),
              e.standardError(),
              e.lower(),
              e.upper()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "log-likelihood %.4f, %s, %d iterations, %d evaluations, gradient norm %.2g%n",
            diagnostics.logLikelihood(),
            diagnostics.message(),
            diagnostics.iterations(),
            diagnostics.evaluations(),
            diagnostics.gradientNorm()));
    return out.toString();
  }
}
