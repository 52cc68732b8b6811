package org.clvkit.models.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.clvkit.core.Checks;
import org.clvkit.models.covariates.CovariateSettings;

/**
 * How a covariate model's coefficients act on its two processes, resolved from {@link
 * CovariateSettings} against the covariates there are. Not API.
 *
 * <p>The covariates used ({@link #names()}) are the purchase covariates in their order followed by
 * the drop-out covariates not already among them. The coefficient vector is the free purchase
 * coefficients, then the free drop-out coefficients, then the constrained ones (one per constrained
 * covariate, acting on both processes); {@link #purchaseCoefficient} and {@link
 * #dropoutCoefficient} map each process's covariates to it. The penalty weight of a coefficient is
 * λ_purchase, λ_dropout or, for a constrained one, their sum (CLVTools counts the shared
 * coefficient in both processes' sums). Immutable.
 */
public final class CovariateLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> names;
  private final List<String> coefficientNames;
  private final int[] purchaseColumn;
  private final int[] purchaseCoefficient;
  private final int[] dropoutColumn;
  private final int[] dropoutCoefficient;
  private final double[] penalty;

  private CovariateLayout(
      List<String> names,
      List<String> coefficientNames,
      int[] purchaseColumn,
      int[] purchaseCoefficient,
      int[] dropoutColumn,
      int[] dropoutCoefficient,
      double[] penalty) {
    this.names = names;
    this.coefficientNames = coefficientNames;
    this.purchaseColumn = purchaseColumn;
    this.purchaseCoefficient = purchaseCoefficient;
    this.dropoutColumn = dropoutColumn;
    this.dropoutCoefficient = dropoutCoefficient;
    this.penalty = penalty;
  }

  /**
   * Resolves the settings against the available covariates.
   *
   * @param available the covariate matrix's column names
   * @param settings which covariates act where (null lists meaning all of {@code available})
   * @throws org.clvkit.core.ClvArgumentException when a named covariate is not available, a
   *     constrained one is not in both processes, or no covariate is used at all
   */
  public static CovariateLayout resolve(List<String> available, CovariateSettings settings) {
    return resolve(available, settings, "purchase", "dropout");
  }

  /**
   * Resolves the settings with other names for the two parameters the covariates act on (the sBG
   * names them {@code alpha} and {@code beta}): coefficients are then named {@code first.X}, {@code
   * second.X} and {@code constrained.X}, and messages name the parameters so.
   *
   * @param available the covariate matrix's column names
   * @param settings which covariates act where ({@code purchase} for the first, {@code dropout} for
   *     the second)
   * @param first the first parameter's name
   * @param second the second parameter's name
   */
  public static CovariateLayout resolve(
      List<String> available, CovariateSettings settings, String first, String second) {
    Checks.notNull("settings", settings);
    List<String> purchase = settings.purchase() == null ? available : settings.purchase();
    List<String> dropout = settings.dropout() == null ? available : settings.dropout();
    for (String name : purchase) {
      if (!available.contains(name)) {
        throw Checks.fail("%s covariate %s is not among the covariates %s", first, name, available);
      }
    }
    for (String name : dropout) {
      if (!available.contains(name)) {
        throw Checks.fail(
            "%s covariate %s is not among the covariates %s", second, name, available);
      }
    }
    for (String name : settings.constrained()) {
      if (!purchase.contains(name) || !dropout.contains(name)) {
        throw Checks.fail(
            "constrained covariate %s must be both a %s and a %s covariate", name, first, second);
      }
    }
    List<String> used = new ArrayList<>(purchase);
    for (String name : dropout) {
      if (!used.contains(name)) {
        used.add(name);
      }
    }
    if (used.isEmpty()) {
      throw Checks.fail("a covariate model needs at least one %s or %s covariate", first, second);
    }
    List<String> constrained = settings.constrained();
    List<String> coefficientNames = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    int[] purchaseCoefficient = new int[purchase.size()];
    int[] dropoutCoefficient = new int[dropout.size()];
    for (int j = 0; j < purchase.size(); j++) {
      if (!constrained.contains(purchase.get(j))) {
        purchaseCoefficient[j] = coefficientNames.size();
        coefficientNames.add(first + "." + purchase.get(j));
        weights.add(settings.purchasePenalty());
      }
    }
    for (int j = 0; j < dropout.size(); j++) {
      if (!constrained.contains(dropout.get(j))) {
        dropoutCoefficient[j] = coefficientNames.size();
        coefficientNames.add(second + "." + dropout.get(j));
        weights.add(settings.dropoutPenalty());
      }
    }
    for (String name : constrained) {
      int k = coefficientNames.size();
      coefficientNames.add("constrained." + name);
      weights.add(settings.purchasePenalty() + settings.dropoutPenalty());
      purchaseCoefficient[purchase.indexOf(name)] = k;
      dropoutCoefficient[dropout.indexOf(name)] = k;
    }
    int[] purchaseColumn = new int[purchase.size()];
    for (int j = 0; j < purchaseColumn.length; j++) {
      purchaseColumn[j] = used.indexOf(purchase.get(j));
    }
    int[] dropoutColumn = new int[dropout.size()];
    for (int j = 0; j < dropoutColumn.length; j++) {
      dropoutColumn[j] = used.indexOf(dropout.get(j));
    }
    double[] penalty = new double[weights.size()];
    for (int k = 0; k < penalty.length; k++) {
      penalty[k] = weights.get(k);
    }
    return new CovariateLayout(
        List.copyOf(used),
        List.copyOf(coefficientNames),
        purchaseColumn,
        purchaseCoefficient,
        dropoutColumn,
        dropoutCoefficient,
        penalty);
  }

  /** The covariates used, in the order of a covariate row of this layout. */
  public List<String> names() {
    return names;
  }

  /** The coefficients' names: {@code purchase.X}, {@code dropout.X}, {@code constrained.X}. */
  public List<String> coefficientNames() {
    return coefficientNames;
  }

  /** Number of coefficients. */
  public int coefficients() {
    return coefficientNames.size();
  }

  /** Number of covariates used (the length of a covariate row). */
  public int columns() {
    return names.size();
  }

  /** The purchase covariates' names. */
  public List<String> purchaseNames() {
    List<String> out = new ArrayList<>();
    for (int c : purchaseColumn) {
      out.add(names.get(c));
    }
    return out;
  }

  /** The drop-out covariates' names. */
  public List<String> dropoutNames() {
    List<String> out = new ArrayList<>();
    for (int c : dropoutColumn) {
      out.add(names.get(c));
    }
    return out;
  }

  /** The constrained covariates' names. */
  public List<String> constrainedNames() {
    List<String> out = new ArrayList<>();
    for (String n : coefficientNames) {
      if (n.startsWith("constrained.")) {
        out.add(n.substring("constrained.".length()));
      }
    }
    return out;
  }

  /** γ_purchaseᵀz for the covariate row at {@code row[offset ..]}, in this layout's columns. */
  public double purchaseIndex(double[] coefficients, double[] row, int offset) {
    double sum = 0;
    for (int j = 0; j < purchaseColumn.length; j++) {
      sum += coefficients[purchaseCoefficient[j]] * row[offset + purchaseColumn[j]];
    }
    return sum;
  }

  /** γ_dropoutᵀz for the covariate row at {@code row[offset ..]}, in this layout's columns. */
  public double dropoutIndex(double[] coefficients, double[] row, int offset) {
    double sum = 0;
    for (int j = 0; j < dropoutColumn.length; j++) {
      sum += coefficients[dropoutCoefficient[j]] * row[offset + dropoutColumn[j]];
    }
    return sum;
  }

  /**
   * Adds the chain rule of a covariate row into a coefficient gradient: with η_p = γ_pᵀz and η_d =
   * γ_dᵀz, {@code gradient[k] += purchase · ∂η_p/∂γ_k + dropout · ∂η_d/∂γ_k}.
   *
   * @param purchase d LL / d η_p
   * @param dropout d LL / d η_d
   */
  public void addGradient(
      double purchase, double dropout, double[] row, int offset, double[] gradient, int at) {
    for (int j = 0; j < purchaseColumn.length; j++) {
      gradient[at + purchaseCoefficient[j]] += purchase * row[offset + purchaseColumn[j]];
    }
    for (int j = 0; j < dropoutColumn.length; j++) {
      gradient[at + dropoutCoefficient[j]] += dropout * row[offset + dropoutColumn[j]];
    }
  }

  /** λ Σ w_k γ_k², the penalty of the coefficients (CLVTools' regularisation term). */
  public double penalty(double[] coefficients, int at) {
    double sum = 0;
    for (int k = 0; k < penalty.length; k++) {
      double g = coefficients[at + k];
      sum += penalty[k] * g * g;
    }
    return sum;
  }

  /** Adds the penalty's gradient times {@code factor} into {@code gradient} at {@code at}. */
  public void addPenaltyGradient(double[] coefficients, double factor, double[] gradient, int at) {
    for (int k = 0; k < penalty.length; k++) {
      gradient[at + k] += factor * 2 * penalty[k] * coefficients[at + k];
    }
  }

  /** Whether any coefficient is penalised. */
  public boolean penalised() {
    for (double p : penalty) {
      if (p > 0) {
        return true;
      }
    }
    return false;
  }
}
