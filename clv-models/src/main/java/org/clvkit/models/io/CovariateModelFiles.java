package org.clvkit.models.io;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.clvkit.core.Checks;
import org.clvkit.models.bgnbd.BgNbdCovariateModel;
import org.clvkit.models.bgnbd.BgNbdParameters;
import org.clvkit.models.covariates.CoefficientEstimate;
import org.clvkit.models.covariates.CovariateFitReport;
import org.clvkit.models.covariates.CovariateModel;
import org.clvkit.models.paretonbd.ParetoNbdCovariateModel;
import org.clvkit.models.paretonbd.ParetoNbdParameters;
import org.clvkit.models.paretonbd.ParetoNbdTimeVaryingModel;
import org.clvkit.models.sbg.SbgCovariateModel;
import org.clvkit.models.sbg.SbgParameters;

/**
 * Saves and loads the covariate models ({@link ParetoNbdCovariateModel}, {@link
 * BgNbdCovariateModel}, {@link SbgCovariateModel}, {@link ParetoNbdTimeVaryingModel}) as
 * human-readable, versioned properties files with named coefficients:
 *
 * <pre>
 * format = clvkit-covariate-model
 * version = 1
 * type = pnbd-covariates
 * parameter.r = 0.5533
 * ...
 * covariates.first = female,spend
 * coefficient.first.female = 0.3
 * covariates.second = female,channel_web
 * coefficient.second.female = 0.8
 * </pre>
 *
 * where {@code first} is the purchase process (α for the sBG) and {@code second} the drop-out
 * process (β for the sBG). A fitted model's summary (log-likelihood, convergence, customers, the
 * coefficient table and the likelihood-ratio test) is written as comments and {@code fit.*} entries
 * for the reader; a loaded model carries no fit report. Numbers are written with {@link
 * Double#toString(double)}, so a load gives back the saved values bit for bit. Used through {@link
 * ModelFiles#saveCovariateModel} and {@link ModelFiles#loadCovariateModel(Path, Class)}.
 */
final class CovariateModelFiles {
  /** The value of the {@code format} key. */
  public static final String FORMAT = "clvkit-covariate-model";

  /** The format version written. */
  public static final int VERSION = 1;

  private CovariateModelFiles() {}

  /**
   * Saves a covariate model.
   *
   * @param model one of the four covariate models
   * @param provenance where and when, recorded in the file
   * @param file the file to write
   * @throws IOException when writing fails
   */
  static void save(CovariateModel model, Provenance provenance, Path file) throws IOException {
    Checks.notNull("model", model);
    Checks.notNull("file", file);
    String type;
    String[] names;
    double[] parameters;
    List<String> first;
    double[] firstCoefficients;
    List<String> second;
    double[] secondCoefficients;
    CovariateFitReport report;
    if (model instanceof ParetoNbdCovariateModel m) {
      type = "pnbd-covariates";
      names = new String[] {"r", "alpha0", "s", "beta0"};
      parameters = m.parameters().toArray();
      first = m.purchaseCovariates();
      firstCoefficients = m.purchaseCoefficients();
      second = m.dropoutCovariates();
      secondCoefficients = m.dropoutCoefficients();
      report = m.fitReport().orElse(null);
    } else if (model instanceof BgNbdCovariateModel m) {
      type = "bgnbd-covariates";
      names = new String[] {"r", "alpha0", "a0", "b0"};
      parameters = m.parameters().toArray();
      first = m.purchaseCovariates();
      firstCoefficients = m.purchaseCoefficients();
      second = m.dropoutCovariates();
      secondCoefficients = m.dropoutCoefficients();
      report = m.fitReport().orElse(null);
    } else if (model instanceof ParetoNbdTimeVaryingModel m) {
      type = "pnbd-time-varying";
      names = new String[] {"r", "alpha0", "s", "beta0"};
      parameters = m.parameters().toArray();
      first = m.purchaseCovariates();
      firstCoefficients = m.purchaseCoefficients();
      second = m.dropoutCovariates();
      secondCoefficients = m.dropoutCoefficients();
      report = m.fitReport().orElse(null);
    } else if (model instanceof SbgCovariateModel m) {
      type = "sbg-covariates";
      names = new String[] {"alpha0", "beta0"};
      parameters = m.parameters().toArray();
      first = m.alphaCovariates();
      firstCoefficients = m.alphaCoefficients();
      second = m.betaCovariates();
      secondCoefficients = m.betaCoefficients();
      report = m.fitReport().orElse(null);
    } else {
      throw Checks.fail(
          "model must be a covariate model of clvkit (Pareto/NBD, BG/NBD, sBG or time-varying"
              + " Pareto/NBD), was %s",
          model.getClass().getName());
    }
    List<String> lines = new ArrayList<>();
    lines.add("# clvkit covariate model file; edit with care");
    if (report != null) {
      for (String line : report.summaryTable().split("\n")) {
        lines.add("# " + line);
      }
    }
    lines.add("format = " + FORMAT);
    lines.add("version = " + VERSION);
    lines.add("type = " + type);
    if (provenance != null) {
      lines.add("provenance = " + value(provenance.toString().replace('\n', ' ')));
      lines.add("timeUnit = " + value(provenance.timeUnit()));
    }
    for (int i = 0; i < names.length; i++) {
      lines.add("parameter." + names[i] + " = " + parameters[i]);
    }
    lines.add("covariates.first = " + value(String.join(",", first)));
    for (int j = 0; j < first.size(); j++) {
      lines.add(key("coefficient.first." + first.get(j)) + " = " + firstCoefficients[j]);
    }
    lines.add("covariates.second = " + value(String.join(",", second)));
    for (int j = 0; j < second.size(); j++) {
      lines.add(key("coefficient.second." + second.get(j)) + " = " + secondCoefficients[j]);
    }
    if (report != null) {
      lines.add("fit.converged = " + report.converged());
      lines.add("fit.logLikelihood = " + report.diagnostics().logLikelihood());
      lines.add("fit.customers = " + report.customers());
      for (CoefficientEstimate e : report.coefficients()) {
        lines.add(key("fit.standardError." + e.name()) + " = " + e.standardError());
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String line : lines) {
        out.write(escape(line));
        out.write('\n');
      }
    }
  }

  /** A key with the characters properties files give meaning to escaped. */
  private static String key(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '\\' || c == '=' || c == ':' || c == ' ' || c == '#' || c == '!') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** A value with backslashes escaped. */
  private static String value(String text) {
    return text.replace("\\", "\\\\");
  }

  /** Escapes non-ASCII characters as properties files want them. */
  private static String escape(String line) {
    StringBuilder out = new StringBuilder();
    for (char c : line.toCharArray()) {
      if (c > 126) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Loads a covariate model saved by {@link #save}.
   *
   * @return a {@link ParetoNbdCovariateModel}, {@link BgNbdCovariateModel}, {@link
   *     SbgCovariateModel} or {@link ParetoNbdTimeVaryingModel} without fit report
   * @throws ModelFileException naming the file and the problem when it is not a valid file
   * @throws IOException when reading fails
   */
  static CovariateModel load(Path file) throws IOException {
    Checks.notNull("file", file);
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    String where = file.toString();
    if (!FORMAT.equals(p.getProperty("format"))) {
      throw new ModelFileException(
          ModelFileException.Problem.FOREIGN,
          where + ": format must be " + FORMAT + ", was " + p.getProperty("format"));
    }
    if (!Integer.toString(VERSION).equals(p.getProperty("version"))) {
      throw new ModelFileException(
          ModelFileException.Problem.FUTURE_VERSION,
          where + ": version must be " + VERSION + ", was " + p.getProperty("version"));
    }
    String type = p.getProperty("type");
    List<String> first = list(p.getProperty("covariates.first", ""));
    List<String> second = list(p.getProperty("covariates.second", ""));
    double[] firstCoefficients = coefficients(p, "first", first, where);
    double[] secondCoefficients = coefficients(p, "second", second, where);
    if ("pnbd-covariates".equals(type)) {
      double[] v = numbers(p, where, "r", "alpha0", "s", "beta0");
      return ParetoNbdCovariateModel.of(
          new ParetoNbdParameters(v[0], v[1], v[2], v[3]),
          first,
          firstCoefficients,
          second,
          secondCoefficients);
    }
    if ("bgnbd-covariates".equals(type)) {
      double[] v = numbers(p, where, "r", "alpha0", "a0", "b0");
      return BgNbdCovariateModel.of(
          new BgNbdParameters(v[0], v[1], v[2], v[3]),
          first,
          firstCoefficients,
          second,
          secondCoefficients);
    }
    if ("pnbd-time-varying".equals(type)) {
      double[] v = numbers(p, where, "r", "alpha0", "s", "beta0");
      return ParetoNbdTimeVaryingModel.of(
          new ParetoNbdParameters(v[0], v[1], v[2], v[3]),
          first,
          firstCoefficients,
          second,
          secondCoefficients);
    }
    if ("sbg-covariates".equals(type)) {
      double[] v = numbers(p, where, "alpha0", "beta0");
      return SbgCovariateModel.of(
          new SbgParameters(v[0], v[1]), first, firstCoefficients, second, secondCoefficients);
    }
    throw new ModelFileException(
        ModelFileException.Problem.WRONG_TYPE,
        where
            + ": type must be one of pnbd-covariates, bgnbd-covariates, sbg-covariates,"
            + " pnbd-time-varying, was "
            + type);
  }

  private static List<String> list(String text) {
    return text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::strip).toList();
  }

  private static double[] coefficients(
      Properties p, String process, List<String> names, String where) {
    double[] out = new double[names.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = number(p, "coefficient." + process + "." + names.get(j), where);
    }
    return out;
  }

  private static double[] numbers(Properties p, String where, String... names) {
    double[] out = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = number(p, "parameter." + names[i], where);
    }
    return out;
  }

  private static double number(Properties p, String key, String where) {
    String text = p.getProperty(key);
    if (text == null) {
      throw new ModelFileException(
          ModelFileException.Problem.MALFORMED, where + ": " + key + " is missing");
    }
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new ModelFileException(
          ModelFileException.Problem.MALFORMED,
          where + ": " + key + " must be a number, was " + text);
    }
  }
}
