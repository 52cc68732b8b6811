package org.clvkit.models.io;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;

/**
 * Reads the first covariate model files, written before the covariate models were {@link Model}s
 * (clvkit 0.1.0 snapshots up to main 6ed2ac1, {@code ModelFiles.saveCovariateModel}): properties
 * files with {@code format = clvkit-covariate-model}, {@code version = 1}, {@code type} (the
 * covariate type's id), {@code parameter.<name>} for the base parameters and the coefficients by
 * process, {@code covariates.first} (purchase, the sBG's α) and {@code covariates.second}
 * (drop-out, β) with {@code coefficient.first.<covariate>} and {@code
 * coefficient.second.<covariate>}. Their {@code fit.*} entries were a summary for the reader; a
 * model read from such a file has no fit report, as before. {@link ModelFiles#load} recognises them
 * and reads them here; nothing writes them any more.
 */
final class CovariateModelFiles {
  /** The value of the {@code format} key. */
  static final String FORMAT = "clvkit-covariate-model";

  /** The first line of every such file. */
  static final String HEADER = "# clvkit covariate model file";

  private static final Pattern FIT_DATE = Pattern.compile("fitDate=([^,\\]]+)");

  private CovariateModelFiles() {}

  /** Whether {@code text} is a file of this format (by its first line). */
  static boolean recognises(String text) {
    String first = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return first.startsWith(HEADER);
  }

  /**
   * Reads a model of this format.
   *
   * @param text the file's text
   * @param type the model class asked for
   * @throws ModelFileException naming the problem when it is not a valid file of this format
   */
  static <M extends Model> SavedModel<M> read(String text, Class<M> type) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelFileException(
          ModelFileException.Problem.MALFORMED,
          "covariate model file of the first format cannot be read: " + e.getMessage(),
          e);
    }
    if (!FORMAT.equals(p.getProperty("format"))) {
      throw new ModelFileException(
          ModelFileException.Problem.FOREIGN,
          "format must be " + FORMAT + ", was " + p.getProperty("format"));
    }
    if (!"1".equals(p.getProperty("version"))) {
      throw new ModelFileException(
          ModelFileException.Problem.FUTURE_VERSION,
          "version of a " + FORMAT + " file must be 1, was " + p.getProperty("version"));
    }
    String id = p.getProperty("type");
    ModelType<?> codec = null;
    for (ModelType<?> candidate : ModelTypes.covariateTypes()) {
      if (candidate.id().equals(id)) {
        codec = candidate;
      }
    }
    if (codec == null) {
      throw new ModelFileException(
          ModelFileException.Problem.MALFORMED,
          "type must be one of " + ModelTypes.ids(ModelTypes.covariateTypes()) + ", was " + id);
    }
    if (!type.isAssignableFrom(codec.modelClass())) {
      throw new ModelFileException(
          ModelFileException.Problem.WRONG_TYPE,
          "wrong model type: asked for "
              + type.getSimpleName()
              + ", the file holds model type "
              + codec.name()
              + " ("
              + codec.modelClass().getSimpleName()
              + ")");
    }
    List<String> names = new ArrayList<>(codec.parameterNames());
    List<Double> values = new ArrayList<>();
    for (String name : codec.parameterNames()) {
      values.add(number(p, "parameter." + name));
    }
    String[] processes = {"first", "second"};
    for (int q = 0; q < 2; q++) {
      String process = codec.covariateProcesses().get(q);
      for (String covariate : list(p.getProperty("covariates." + processes[q], ""))) {
        names.add(process + "." + covariate);
        values.add(number(p, "coefficient." + processes[q] + "." + covariate));
      }
    }
    double[] parameters = new double[values.size()];
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] = values.get(i);
    }
    Model model;
    try {
      model = codec.restore(names, parameters, null, new double[0]);
    } catch (ClvArgumentException e) {
      throw new ModelFileException(
          ModelFileException.Problem.MALFORMED,
          "model file holds values the model rejects: " + e.getMessage(),
          e);
    }
    String unit = p.getProperty("timeUnit", "").strip();
    Instant date = Instant.EPOCH;
    Matcher m = FIT_DATE.matcher(p.getProperty("provenance", ""));
    if (m.find()) {
      try {
        date = Instant.parse(m.group(1).strip());
      } catch (DateTimeParseException e) {
        throw new ModelFileException(
            ModelFileException.Problem.MALFORMED,
            "provenance must hold an ISO-8601 fitDate, was " + p.getProperty("provenance"),
            e);
      }
    }
    return new SavedModel<>(
        type.cast(model),
        codec.name(),
        1,
        "unknown",
        new Provenance(unit.isEmpty() ? "unknown" : unit, date));
  }

  private static List<String> list(String text) {
    return text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::strip).toList();
  }

  private static double number(Properties p, String key) {
    String text = p.getProperty(key);
    if (text == null) {
      throw new ModelFileException(
          ModelFileException.Problem.MALFORMED, "model file lacks the key " + key);
    }
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new ModelFileException(
          ModelFileException.Problem.MALFORMED, key + " must be a number, was " + text);
    }
  }
}
