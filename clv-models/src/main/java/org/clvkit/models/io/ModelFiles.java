package org.clvkit.models.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.clvkit.core.Checks;
import org.clvkit.core.ClvArgumentException;
import org.clvkit.models.FitDiagnostics;
import org.clvkit.models.FitReport;
import org.clvkit.models.FitStatus;
import org.clvkit.models.Model;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.io.ModelFileException.Problem;

/**
 * Saves fitted (or given) models as small human-readable text files and loads them back, checking
 * their type and format version. Supported: every model of clvkit, fitted or built from known
 * parameters — BG/NBD ({@link org.clvkit.models.bgnbd.BgNbdModel}), MBG/NBD ({@link
 * org.clvkit.models.mbgnbd.MbgNbdModel}), Pareto/NBD ({@link
 * org.clvkit.models.paretonbd.ParetoNbdModel}), BG/BB ({@link org.clvkit.models.bgbb.BgBbModel}),
 * sBG ({@link org.clvkit.models.sbg.SbgModel}), Gamma-Gamma ({@link
 * org.clvkit.models.gammagamma.GammaGammaModel}, which also keeps its {@code customersLeftOut}),
 * the other models of {@link ModelTypes#all()} and the covariate models of {@link
 * ModelTypes#covariateTypes()}. Never Java serialization: a file is a versioned list of named
 * numbers that any later clvkit can read and a person can check.
 *
 * <p><b>Format 1.</b> ASCII text in {@link java.util.Properties} syntax, one {@code key = value}
 * per line in sorted key order, between a first line {@value #HEADER} and a last line {@value
 * #TRAILER} (these two lines are the same in every format version, so that a file from a later
 * version is recognised as such, and a cut-off file as truncated). For example:
 *
 * <pre>
 * # clvkit model file
 * # BG/BB model, written by clvkit 0.1.0 in format 1: sorted "key = value" lines in
 * # java.util.Properties syntax; keep the first and the last line.
 * clvkit.format = 1
 * clvkit.version = 0.1.0
 * fit.customers = 11104.0
 * fit.diagnostics.converged = true
 * ...
 * fit.estimate.alpha.lower = 1.0...
 * fit.estimate.alpha.standardError = 0.1...
 * fit.estimate.alpha.upper = 1.4...
 * ...
 * model.fitted = true
 * model.parameter.alpha = 1.2035...
 * ...
 * model.type = BG/BB
 * provenance.fitDate = 2026-11-23T19:19:08Z
 * provenance.timeUnit = year
 * # end of clvkit model file
 * </pre>
 *
 * <p>Keys: {@code clvkit.format}, {@code clvkit.version} (the library that wrote the file), {@code
 * model.type}, {@code model.fitted}, {@code model.parameter.<name>} per parameter (in the
 * literature's names), {@code provenance.timeUnit} and {@code provenance.fitDate} (ISO-8601
 * instant), and for a fitted model the whole {@link FitReport}: {@code fit.model}, {@code
 * fit.customers}, {@code fit.patterns}, {@code fit.penalty}, {@code fit.diagnostics.*} (every field
 * of {@link FitDiagnostics}; {@code status} and {@code parameter} only for a fit that did not
 * converge, and read as {@code CONVERGED} or {@code NOT_CONVERGED} when absent), {@code
 * fit.startingPointSample} when the starting points were searched on a sample, {@code
 * fit.hasEstimates} and, when true, {@code fit.estimate.<name>.standardError|lower|upper} per
 * parameter (the estimate's value is the parameter). A covariate model ({@link
 * org.clvkit.models.covariates.CovariateModel}) also has {@code model.covariates.<process>} for
 * each of its type's two processes: its covariates in order, comma-separated; its coefficients are
 * parameters named {@code <process>.<covariate>} ({@code model.parameter.purchase.age}). In key
 * parts and in those lists every character of a name other than letters, digits, {@code .}, {@code
 * _} and {@code -} is written {@code %XX} per UTF-8 byte ({@code gender=m} as {@code gender%3Dm});
 * the models' own parameter names have none. Files of the first, separate covariate format ({@code
 * # clvkit covariate model file}, {@code format = clvkit-covariate-model}) are still read, without
 * a fit report. Numbers are written in {@link Double#toString(double)} form, which reads back to
 * the same double, so a loaded model predicts bit for bit as the saved one. Text values escape
 * {@code \}, control and non-ASCII characters as {@code Properties} does.
 *
 * <p><b>Loading</b> is strict, and each failure is a {@link ModelFileException} with its own {@link
 * Problem}: not a model file ({@code FOREIGN}), cut off ({@code TRUNCATED}), a newer format ({@code
 * FUTURE_VERSION}), another model type than asked for ({@code WRONG_TYPE}), or a bad line, a
 * missing, repeated or unknown key, a value that does not parse or that the model rejects ({@code
 * MALFORMED}), each naming the line, key and value.
 *
 * <pre>{@code
 * ModelFiles.save(model, Provenance.now("week"), Path.of("donors-bgbb.properties"));
 * BgBbModel same = ModelFiles.load(Path.of("donors-bgbb.properties"), BgBbModel.class).model();
 * }</pre>
 */
public final class ModelFiles {
  /** The format version this clvkit writes, and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  /** The first line of every model file, in every format version. */
  public static final String HEADER = "# clvkit model file";

  /** The last line of every model file, in every format version. */
  public static final String TRAILER = "# end of clvkit model file";

  /** Files larger than this many characters are not model files (which take about 2 kB). */
  static final int MAX_CHARS = 1 << 20;

  private static final String LIBRARY_VERSION = readLibraryVersion();

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._%-]+");
  private static final Pattern DECIMAL =
      Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,9}");

  private ModelFiles() {}

  /**
   * The clvkit version of this library, as written into saved files; {@code "unknown"} when the
   * build did not record it (running from unpackaged sources without Maven's resource filtering).
   */
  public static String libraryVersion() {
    return LIBRARY_VERSION;
  }

  private static String readLibraryVersion() {
    try (InputStream in = ModelFiles.class.getResourceAsStream("clvkit-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "").trim();
      return version.isEmpty() || version.contains("${") ? "unknown" : version;
    } catch (IOException e) {
      return "unknown";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Saving

  /**
   * The model file's text.
   *
   * @param model a model of a supported type, fitted or built from known parameters
   * @param provenance the model's time unit and fit date
   * @return the file's text, lines ending in {@code \n}
   */
  public static String toText(Model model, Provenance provenance) {
    Checks.notNull("model", model);
    Checks.notNull("provenance", provenance);
    ModelType<?> codec = model.type();
    Map<String, String> keys = new TreeMap<>();
    keys.put("clvkit.format", Integer.toString(FORMAT_VERSION));
    keys.put("clvkit.version", LIBRARY_VERSION);
    keys.put("model.type", codec.name());
    double[] parameters = model.parameterValues();
    List<String> parameterNames = model.parameterNames();
    Checks.sameLength(
        "parameterValues", parameters.length, "parameterNames", parameterNames.size());
    for (int i = 0; i < parameters.length; i++) {
      keys.put("model.parameter." + keyPart(parameterNames.get(i)), number(parameters[i]));
    }
    if (!codec.covariateProcesses().isEmpty()) {
      // The covariates of each process, in the model's order: their names are the file's only
      // record of that order (the keys are sorted).
      for (String process : codec.covariateProcesses()) {
        List<String> covariates = new ArrayList<>();
        for (String name : parameterNames) {
          if (name.startsWith(process + ".")) {
            covariates.add(keyPart(name.substring(process.length() + 1)));
          }
        }
        keys.put("model.covariates." + process, String.join(",", covariates));
      }
    }
    double[] extras = codec.extras(model);
    for (int i = 0; i < extras.length; i++) {
      keys.put("model." + codec.extraNames().get(i), number(extras[i]));
    }
    keys.put("provenance.timeUnit", provenance.timeUnit());
    keys.put("provenance.fitDate", provenance.fitDate().toString());
    Optional<FitReport> fit = model.fitReport();
    keys.put("model.fitted", Boolean.toString(fit.isPresent()));
    fit.ifPresent(report -> putReport(keys, report));

    StringBuilder out = new StringBuilder();
    out.append(HEADER).append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "# %s model, written by clvkit %s in format %d: sorted \"key = value\" lines in\n"
                + "# java.util.Properties syntax; keep the first and the last line.\n",
            codec.name(),
            LIBRARY_VERSION,
            FORMAT_VERSION));
    for (Map.Entry<String, String> e : keys.entrySet()) {
      out.append(e.getKey()).append(" = ").append(escape(e.getValue())).append('\n');
    }
    out.append(TRAILER).append('\n');
    return out.toString();
  }

  private static void putReport(Map<String, String> keys, FitReport report) {
    keys.put("fit.model", report.model());
    keys.put("fit.customers", number(report.customers()));
    keys.put("fit.patterns", Integer.toString(report.patterns()));
    keys.put("fit.penalty", number(report.penalty()));
    if (report.startingPointSample() > 0) {
      // Only when a sample was used, so that other files read and write as before.
      keys.put("fit.startingPointSample", Integer.toString(report.startingPointSample()));
    }
    FitDiagnostics d = report.diagnostics();
    keys.put("fit.diagnostics.converged", Boolean.toString(d.converged()));
    keys.put("fit.diagnostics.iterations", Integer.toString(d.iterations()));
    keys.put("fit.diagnostics.evaluations", Integer.toString(d.evaluations()));
    keys.put("fit.diagnostics.logLikelihood", number(d.logLikelihood()));
    keys.put("fit.diagnostics.gradientNorm", number(d.gradientNorm()));
    keys.put("fit.diagnostics.message", d.message());
    if (!d.converged()) {
      // Only fits that did not converge carry these keys, so that files of converged fits read
      // as before the status existed.
      keys.put("fit.diagnostics.status", d.status().name());
      keys.put("fit.diagnostics.parameter", d.parameter());
    }
    keys.put("fit.hasEstimates", Boolean.toString(!report.estimates().isEmpty()));
    for (ParameterEstimate e : report.estimates()) {
      String prefix = "fit.estimate." + keyPart(e.name()) + ".";
      keys.put(prefix + "standardError", number(e.standardError()));
      keys.put(prefix + "lower", number(e.lower()));
      keys.put(prefix + "upper", number(e.upper()));
    }
  }

  /**
   * Writes the model file's text to {@code out} (which stays open).
   *
   * @param model a model of a supported type
   * @param provenance the model's time unit and fit date
   * @param out where to write
   * @throws IOException when writing fails
   */
  public static void save(Model model, Provenance provenance, Writer out) throws IOException {
    String text = toText(model, provenance);
    Checks.notNull("out", out).write(text);
    out.flush();
  }

  /**
   * Saves the model to a file, replacing it if it exists. The text goes to a new temporary file in
   * the same directory first (a hidden name, {@code .<file name>.<random>.tmp}, created
   * exclusively), which is then moved into place atomically where the file system can, so a reader
   * never sees a cut-off file and a failed save leaves none behind.
   *
   * <p>Permissions: a new file gets the permissions of any new file of the process (on POSIX
   * systems, 0666 less the umask, typically {@code rw-r--r--}); a file that is replaced keeps its
   * POSIX permissions. The owner is the saving user.
   *
   * @param model a model of a supported type
   * @param provenance the model's time unit and fit date
   * @param file the file to write; its directory must exist
   * @throws IOException when writing fails, or when {@code file} is a directory
   */
  public static void save(Model model, Provenance provenance, Path file) throws IOException {
    String text = toText(model, provenance);
    Checks.notNull("file", file);
    Path target = file.toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new FileSystemException(target.toString(), null, "is a directory, not a model file");
    }
    Path temporary = createTemporary(target);
    try {
      try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII)) {
        out.write(text);
      }
      keepPermissions(target, temporary);
      try {
        Files.move(
            temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Creates an empty file with a fresh name beside {@code target}, with the default permissions of
   * a new file (unlike {@link Files#createTempFile}, which makes it 0600 on POSIX systems).
   */
  private static Path createTemporary(Path target) throws IOException {
    Path directory = target.getParent();
    String name = target.getFileName().toString();
    // Keep the name within the usual 255-character limit.
    String base = "." + (name.length() > 64 ? name.substring(0, 64) : name) + ".";
    for (int attempt = 0; ; attempt++) {
      Path candidate =
          directory.resolve(
              base + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
      try {
        Files.newByteChannel(
                candidate, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
            .close();
        return candidate;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  /** Gives the temporary file the POSIX permissions of the file it replaces, if there is one. */
  private static void keepPermissions(Path target, Path temporary) throws IOException {
    PosixFileAttributeView existing =
        Files.getFileAttributeView(target, PosixFileAttributeView.class);
    if (existing == null || !Files.isRegularFile(target)) {
      return;
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = existing.readAttributes().permissions();
    } catch (NoSuchFileException e) {
      return; // removed meanwhile: the save creates a new file
    }
    Files.setPosixFilePermissions(temporary, permissions);
  }

  private static String number(double value) {
    return Double.toString(value);
  }

  /**
   * A name as part of a key or of a comma-separated list: letters, digits, {@code .}, {@code _} and
   * {@code -} as they are, every other character (a covariate named {@code gender=m}, a comma) as
   * {@code %XX} per UTF-8 byte. The models' own parameter names are unchanged by it.
   */
  static String keyPart(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '_'
          || c == '-') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** The name that {@link #keyPart} encoded. */
  static String fromKeyPart(String part) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '%'
          && i + 2 < part.length()
          && part.substring(i + 1, i + 3).matches("[0-9A-F]{2}")) {
        out.write(Integer.parseInt(part.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (c == '%') {
        throw Checks.fail("%s has a bad escape: %% must be followed by 2 hex digits", part);
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Escapes a value as java.util.Properties reads it back, keeping the file ASCII. */
  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case ' ' -> out.append(i == 0 ? "\\ " : " ");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Loading

  /**
   * Reads a model from a file's text.
   *
   * @param text the file's text
   * @param type the model class expected, or an interface it implements ({@code
   *     PurchaseModel.class} accepts any purchase model, {@code Model.class} any model)
   * @param <M> the model class
   * @return the model with the file's type, versions and provenance
   * @throws ModelFileException when the text is not a loadable model file of that type
   */
  public static <M extends Model> SavedModel<M> fromText(String text, Class<M> type) {
    Checks.notNull("text", text);
    Checks.notNull("type", type);
    if (CovariateModelFiles.recognises(text)) {
      return CovariateModelFiles.read(text, type);
    }
    return new Parser(text).parse(type);
  }

  /**
   * Reads a model from a reader (which stays open).
   *
   * @param in the file's text
   * @param type the model class expected, or an interface it implements
   * @param <M> the model class
   * @return the model with the file's type, versions and provenance
   * @throws IOException when reading fails
   * @throws ModelFileException when the text is not a loadable model file of that type
   */
  public static <M extends Model> SavedModel<M> load(Reader in, Class<M> type) throws IOException {
    Checks.notNull("in", in);
    Checks.notNull("type", type);
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      text.append(buffer, 0, n);
      if (text.length() > MAX_CHARS) {
        throw tooLarge();
      }
    }
    return fromText(text.toString(), type);
  }

  /**
   * Reads a model from a file (UTF-8; format 1 files are ASCII).
   *
   * @param file the model file
   * @param type the model class expected, or an interface it implements
   * @param <M> the model class
   * @return the model with the file's type, versions and provenance
   * @throws IOException when reading fails
   * @throws ModelFileException when the file is not a loadable model file of that type
   */
  public static <M extends Model> SavedModel<M> load(Path file, Class<M> type) throws IOException {
    Checks.notNull("file", file);
    Checks.notNull("type", type);
    if (Files.size(file) > 4L * MAX_CHARS) {
      throw tooLarge();
    }
    // Malformed UTF-8 (a binary file) becomes replacement characters and fails the header check.
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    if (text.length() > MAX_CHARS) {
      throw tooLarge();
    }
    return fromText(text, type);
  }

  private static ModelFileException tooLarge() {
    return new ModelFileException(
        Problem.FOREIGN,
        String.format(
            Locale.ROOT, "not a clvkit model file: it is longer than %d characters", MAX_CHARS));
  }

  /** One parse of one file's text. */
  private static final class Parser {
    private final String text;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    Parser(String text) {
      this.text = text;
    }

    <M extends Model> SavedModel<M> parse(Class<M> type) {
      List<String> all = splitLines(text);
      checkFrame(all);
      checkNotFuture(all);
      for (int i = 1; i < all.size(); i++) {
        readLine(all.get(i), i + 1);
      }
      int format = whole("clvkit.format");
      if (format < 1) {
        throw malformed("clvkit.format", Integer.toString(format), "a format version >= 1");
      }
      String libraryVersion = text("clvkit.version");
      String typeName = text("model.type");
      ModelType<?> codec = null;
      StringBuilder names = new StringBuilder();
      List<ModelType<?>> known = new ArrayList<>(ModelTypes.all());
      known.addAll(ModelTypes.covariateTypes());
      for (ModelType<?> candidate : known) {
        names.append(names.length() == 0 ? "" : ", ").append(candidate.name());
        if (candidate.name().equals(typeName)) {
          codec = candidate;
        }
      }
      if (codec == null) {
        throw malformed("model.type", typeName, "one of " + names);
      }
      if (!type.isAssignableFrom(codec.modelClass())) {
        throw new ModelFileException(
            Problem.WRONG_TYPE,
            String.format(
                Locale.ROOT,
                "wrong model type: asked for %s, the file holds model type %s (%s)",
                type.getSimpleName(),
                codec.name(),
                codec.modelClass().getSimpleName()));
      }
      try {
        Model model = build(codec);
        Provenance provenance = new Provenance(text("provenance.timeUnit"), instant());
        checkAllUsed(codec);
        return new SavedModel<>(type.cast(model), codec.name(), format, libraryVersion, provenance);
      } catch (ModelFileException e) {
        throw e;
      } catch (ClvArgumentException e) {
        throw new ModelFileException(
            Problem.MALFORMED, "model file holds values the model rejects: " + e.getMessage(), e);
      }
    }

    private Model build(ModelType<?> codec) {
      List<String> names = new ArrayList<>(codec.parameterNames());
      for (String process : codec.covariateProcesses()) {
        String key = "model.covariates." + process;
        String list = text(key);
        if (list.isEmpty()) {
          continue;
        }
        for (String part : list.split(",", -1)) {
          try {
            names.add(process + "." + fromKeyPart(part.strip()));
          } catch (ClvArgumentException e) {
            throw malformed(key, list, "a comma-separated list of encoded covariate names");
          }
        }
      }
      double[] parameters = new double[names.size()];
      for (int i = 0; i < parameters.length; i++) {
        parameters[i] = number("model.parameter." + keyPart(names.get(i)));
      }
      double[] extras = new double[codec.extraNames().size()];
      for (int i = 0; i < extras.length; i++) {
        extras[i] = number("model." + codec.extraNames().get(i));
      }
      FitReport report = bool("model.fitted") ? report(names, parameters) : null;
      return codec.restore(names, parameters, report, extras);
    }

    private FitReport report(List<String> names, double[] parameters) {
      boolean converged = bool("fit.diagnostics.converged");
      FitStatus status = converged ? FitStatus.CONVERGED : FitStatus.NOT_CONVERGED;
      String parameter = "";
      if (values.containsKey("fit.diagnostics.status")) {
        String name = text("fit.diagnostics.status");
        try {
          status = FitStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
          throw malformed("fit.diagnostics.status", name, "a FitStatus name");
        }
        parameter = text("fit.diagnostics.parameter");
      }
      FitDiagnostics diagnostics =
          new FitDiagnostics(
              converged,
              whole("fit.diagnostics.iterations"),
              whole("fit.diagnostics.evaluations"),
              number("fit.diagnostics.logLikelihood"),
              number("fit.diagnostics.gradientNorm"),
              text("fit.diagnostics.message"),
              status,
              parameter);
      List<ParameterEstimate> estimates = new ArrayList<>();
      if (bool("fit.hasEstimates")) {
        for (int i = 0; i < names.size(); i++) {
          String prefix = "fit.estimate." + keyPart(names.get(i)) + ".";
          estimates.add(
              new ParameterEstimate(
                  names.get(i),
                  parameters[i],
                  number(prefix + "standardError"),
                  number(prefix + "lower"),
                  number(prefix + "upper")));
        }
      }
      return new FitReport(
          text("fit.model"),
          estimates,
          diagnostics,
          number("fit.customers"),
          whole("fit.patterns"),
          number("fit.penalty"),
          values.containsKey("fit.startingPointSample") ? whole("fit.startingPointSample") : 0);
    }

    private static List<String> splitLines(String text) {
      List<String> out = new ArrayList<>();
      int start = 0;
      while (start <= text.length()) {
        int end = text.indexOf('\n', start);
        if (end < 0) {
          end = text.length();
        }
        String line = text.substring(start, end);
        out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        start = end + 1;
      }
      return out;
    }

    private void checkFrame(List<String> all) {
      String first = all.get(0);
      if (first.startsWith("\uFEFF")) {
        first = first.substring(1);
      }
      if (!first.equals(HEADER)) {
        throw new ModelFileException(
            Problem.FOREIGN,
            String.format(
                Locale.ROOT,
                "not a clvkit model file: its first line must be \"%s\", was \"%s\"",
                HEADER,
                shown(first)));
      }
      int last = all.size() - 1;
      while (last > 0 && all.get(last).isBlank()) {
        last--;
      }
      if (last == 0 || !all.get(last).equals(TRAILER)) {
        throw new ModelFileException(
            Problem.TRUNCATED,
            String.format(
                Locale.ROOT,
                "truncated model file: its last line must be \"%s\", was \"%s\" (line %d)",
                TRAILER,
                shown(all.get(last)),
                last + 1));
      }
      // Nothing after the trailer but blank lines; the trailer itself is a comment.
      all.subList(last + 1, all.size()).clear();
    }

    /**
     * Finds the format version before reading the other lines, whose syntax a later format may
     * change: a newer format is reported as such rather than as a bad line.
     */
    private static void checkNotFuture(List<String> all) {
      String format = null;
      String writer = "an unknown version";
      for (String line : all) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          String key = line.substring(0, eq).strip();
          String value = line.substring(eq + 1).strip();
          if (key.equals("clvkit.format")) {
            format = value;
          } else if (key.equals("clvkit.version")) {
            writer = value;
          }
        }
      }
      if (format != null
          && WHOLE.matcher(format).matches()
          && Integer.parseInt(format) > FORMAT_VERSION) {
        throw new ModelFileException(
            Problem.FUTURE_VERSION,
            String.format(
                Locale.ROOT,
                "model file format %s is newer than this clvkit (%s) reads, format %d or older;"
                    + " the file was written by clvkit %s",
                format,
                LIBRARY_VERSION,
                FORMAT_VERSION,
                shown(writer)));
      }
    }

    private void readLine(String line, int number) {
      String trimmed = line.stripLeading();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
        return;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? "" : line.substring(0, eq).strip();
      if (!KEY.matcher(key).matches()) {
        throw new ModelFileException(
            Problem.MALFORMED,
            String.format(
                Locale.ROOT,
                "line %d must be \"key = value\", a comment or blank, was \"%s\"",
                number,
                shown(line)));
      }
      String value = unescape(line.substring(eq + 1).replaceFirst("^[ \t\f]+", ""), number);
      Integer previous = lines.putIfAbsent(key, number);
      if (previous != null) {
        throw new ModelFileException(
            Problem.MALFORMED,
            String.format(
                Locale.ROOT,
                "model file has the key %s twice, on lines %d and %d",
                key,
                previous,
                number));
      }
      values.put(key, value);
    }

    private static String unescape(String value, int line) {
      StringBuilder out = new StringBuilder(value.length());
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (++i == value.length()) {
          throw new ModelFileException(
              Problem.MALFORMED,
              String.format(Locale.ROOT, "line %d ends in a lone backslash", line));
        }
        c = value.charAt(i);
        switch (c) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'f' -> out.append('\f');
          case 'u' -> {
            String hex = value.substring(i + 1, Math.min(i + 5, value.length()));
            if (!hex.matches("[0-9a-fA-F]{4}")) {
              throw new ModelFileException(
                  Problem.MALFORMED,
                  String.format(
                      Locale.ROOT,
                      "line %d has a bad escape \\u%s: it must be \\u and 4 hex digits",
                      line,
                      hex));
            }
            out.append((char) Integer.parseInt(hex, 16));
            i += 4;
          }
          default -> out.append(c);
        }
      }
      return out.toString();
    }

    private void checkAllUsed(ModelType<?> codec) {
      for (Map.Entry<String, Integer> e : lines.entrySet()) {
        if (!used.contains(e.getKey())) {
          throw new ModelFileException(
              Problem.MALFORMED,
              String.format(
                  Locale.ROOT,
                  "model file has an unknown key %s (line %d) for a %s model",
                  e.getKey(),
                  e.getValue(),
                  codec.name()));
        }
      }
    }

    private String text(String key) {
      String value = values.get(key);
      if (value == null) {
        throw new ModelFileException(Problem.MALFORMED, "model file lacks the key " + key);
      }
      used.add(key);
      return value;
    }

    private double number(String key) {
      String value = text(key);
      if (!DECIMAL.matcher(value).matches()) {
        throw malformed(key, value, "a decimal number");
      }
      return Double.parseDouble(value);
    }

    private int whole(String key) {
      String value = text(key);
      if (!WHOLE.matcher(value).matches()) {
        throw malformed(key, value, "a whole number");
      }
      return Integer.parseInt(value);
    }

    private boolean bool(String key) {
      String value = text(key);
      if (!value.equals("true") && !value.equals("false")) {
        throw malformed(key, value, "true or false");
      }
      return value.equals("true");
    }

    private Instant instant() {
      String key = "provenance.fitDate";
      String value = text(key);
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        ModelFileException error =
            malformed(key, value, "an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        error.initCause(e);
        throw error;
      }
    }

    private ModelFileException malformed(String key, String value, String expected) {
      return new ModelFileException(
          Problem.MALFORMED,
          String.format(
              Locale.ROOT,
              "%s (line %d) must be %s, was \"%s\"",
              key,
              lines.get(key),
              expected,
              shown(value)));
    }

    /** A line or value for a message: at most 60 characters, control characters escaped. */
    private static String shown(String s) {
      String escaped = escape(s.length() > 60 ? s.substring(0, 60) : s);
      return s.length() > 60 ? escaped + "..." : escaped;
    }
  }
}
