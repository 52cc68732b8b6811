package org.clvkit.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitFailedException;
import org.clvkit.models.FitSettings;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.PurchaseModel;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateModel;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.io.Provenance;
import org.clvkit.models.paretonbd.ParetoNbdModel;

/**
 * The report's covariate fit ({@code clv report --covariates FILE}): the report's purchase model
 * refitted with static covariates ({@link ModelTypes#covariateVariant}), for the coefficient table
 * and the likelihood-ratio test. The library has covariate versions of the Pareto/NBD and the
 * BG/NBD (CLVTools' parameterisations); when the report uses another model the Pareto/NBD's is
 * fitted, and the page says so. The scores and charts stay those of the model without covariates.
 *
 * @param kind the model fitted with covariates
 * @param substituted whether {@code kind} is not the report's model (which has no covariate
 *     version)
 * @param report the fit report (coefficients, intervals, test), or null when the fit failed
 * @param failure the failed fit's diagnostics, or null
 * @param customers customers in the fit (those with covariates)
 * @param missing summary customers left out because the covariate file has no row for them
 */
record ReportCovariates(
    ModelType<?> kind,
    boolean substituted,
    CovariateFitReport report,
    FitDiagnostics failure,
    int customers,
    int missing) {

  /** The file of the saved covariate model, inside the report folder. */
  String file() {
    return "models/" + ModelTypes.covariateVariant(kind.id()).id() + ".properties";
  }

  /**
   * Fits, and saves the model into the report folder when the fit succeeded.
   *
   * @param options the covariate options (file, subsets, constraints, L2)
   * @param chosen the report's purchase model type
   * @param table the calibration histories with customer ids
   * @param settings the fit settings of {@code chosen}
   * @param unit the time unit, for the model file
   * @param dir the report folder being built
   * @param err where the join reports dropped customers
   */
  static ReportCovariates fit(
      CovariateOptions options,
      ModelType<? extends PurchaseModel> chosen,
      SummaryTable table,
      FitSettings settings,
      TimeUnit unit,
      OutputFolder dir,
      PrintWriter err) {
    ModelType<?> kind = hasCovariateVariant(chosen) ? chosen : ParetoNbdModel.TYPE;
    boolean substituted = chosen != kind;
    CovariateOptions.Joined data = options.join(table, err);
    int missing = table.size() - data.ids().length;
    CovariateModel model;
    try {
      model =
          ModelTypes.covariateVariant(kind.id())
              .fitter(options.settings())
              .withSettings(settings)
              .fit(data.histories().withCovariates(data.covariates()));
    } catch (FitFailedException e) {
      return new ReportCovariates(
          kind, substituted, null, e.diagnostics(), data.ids().length, missing);
    } catch (ClvArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    CovariateFitReport report = model.covariateFitReport().orElseThrow();
    ReportCovariates out =
        new ReportCovariates(kind, substituted, report, null, data.ids().length, missing);
    Path file = dir.staged(out.file());
    try {
      Output.createParent(file.toAbsolutePath());
      ModelFiles.save(model, Provenance.now(unit.name()), file);
    } catch (IOException e) {
      throw Output.cannotWrite(dir.finalPath(out.file()), e);
    }
    return out;
  }

  /** Whether the registry has a static-covariate variant of {@code type}. */
  private static boolean hasCovariateVariant(ModelType<?> type) {
    try {
      ModelTypes.covariateVariant(type.id());
      return true;
    } catch (ClvArgumentException e) {
      return false;
    }
  }
}
