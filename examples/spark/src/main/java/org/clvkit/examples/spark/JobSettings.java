package org.clvkit.examples.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.clvkit.core.Checks;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.lifecycle.StageRules;
import org.clvkit.core.rfm.RfmScorer;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.ModelType;
import org.clvkit.models.ModelTypes;

/**
 * What {@link ClvSparkJob} reads, how it summarises and scores, and where it writes. Immutable and
 * {@link Serializable} (executors receive it inside their closures).
 *
 * <p>The input has one row per transaction with a customer id, a date and an amount, in columns
 * named by {@code customerColumn}, {@code dateColumn} and {@code amountColumn}:
 *
 * <ul>
 *   <li>{@link Format#CSV}: a header line naming the columns, fields separated by {@code
 *       delimiter}; every field is read as text, dates with {@code datePattern} (a {@link
 *       java.time.format.DateTimeFormatter} pattern, parsed strictly; a pattern with a time of day
 *       gives date-times) and amounts as decimal numbers.
 *   <li>{@link Format#PARQUET}: the customer id of any type (as text), the date a {@code DATE} or a
 *       {@code STRING} (parsed with {@code datePattern}), the amount of any numeric type or a
 *       {@code STRING}.
 * </ul>
 *
 * <p>Scores: P(alive) and expected purchases over the next {@code horizon} periods from the
 * purchase model ({@code model}, by default the BG/NBD), expected spend per purchase from the
 * Gamma-Gamma model, CLV over {@code horizon} whole periods at {@code discountRate} per period with
 * {@code margin}, the lifecycle stage by {@code stageRules} as of the calibration end, and the RFM
 * segment from quantile scores with {@code rfmLevels} levels fitted on all customers. All times are
 * in periods of the summary options' time scale.
 *
 * <p>Built with {@link #builder} (or {@link #of} for the defaults) and changed with {@link
 * #toBuilder()}: the record's constructor holds every validation rule once, the {@link Builder}
 * holds every default once and names each setting, and {@link JobCommandLine} only turns text into
 * values for the builder. Why a record with a builder and not picocli (as the {@code clv} command
 * uses): programs build these settings without a command line (tests, notebooks, a scheduler's
 * code), so the settings type must not depend on a parser; the job's command line is 16 options of
 * one value each, which a short parser reads with the project's own error messages ({@code Checks},
 * naming option and value) where picocli would word them its own way; and picocli would be one more
 * library to shade into the job jar that {@code spark-submit} ships to every executor.
 *
 * @param input the transaction log: a file or a directory of files, any path Spark reads
 * @param format the log's format
 * @param output the directory the scores are written to as Parquet (replaced if it exists)
 * @param customerColumn name of the customer id column
 * @param dateColumn name of the date column
 * @param amountColumn name of the amount column
 * @param datePattern pattern of dates held as text
 * @param delimiter the CSV field separator
 * @param summary how the log is summarised (time unit, calibration end, holdout, row policies)
 * @param horizon periods ahead for expected purchases and CLV, &gt;= 1
 * @param discountRate discount rate per period for CLV, finite and &gt; -1
 * @param margin share of spend kept as profit for CLV, in [0, 1]
 * @param stageRules lifecycle stage rules, in periods of the time scale
 * @param rfmLevels number of RFM score levels, in [2, 9]
 * @param partitions number of partitions customers are hashed into, &gt;= 0 (0: Spark's default
 *     parallelism)
 * @param modelsOutput a directory (any path Spark writes, outside {@code output}) to save the
 *     fitted models in as model files ({@code org.clvkit.models.io.ModelFiles}), or {@code null}
 *     not to save them
 * @param model id of the purchase model to fit: any continuous purchase model of {@link ModelTypes}
 *     ({@code bgnbd}, {@code mbgnbd}, {@code pnbd}, {@code nbd}, ...)
 */
public record JobSettings(
    String input,
    Format format,
    String output,
    String customerColumn,
    String dateColumn,
    String amountColumn,
    String datePattern,
    char delimiter,
    SummaryOptions summary,
    int horizon,
    double discountRate,
    double margin,
    StageRules stageRules,
    int rfmLevels,
    int partitions,
    String modelsOutput,
    String model)
    implements Serializable {

  /** The input formats the job reads. */
  public enum Format {
    /** Delimited text with a header line. */
    CSV,
    /** Apache Parquet. */
    PARQUET
  }

  /** Validates every setting; messages name the setting and its value. */
  public JobSettings {
    Checks.notEmptyText("input", input);
    Checks.notNull("format", format);
    Checks.notEmptyText("output", output);
    Checks.notEmptyText("customerColumn", customerColumn);
    Checks.notEmptyText("dateColumn", dateColumn);
    Checks.notEmptyText("amountColumn", amountColumn);
    Checks.notEmptyText("datePattern", datePattern);
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter == 0) {
      throw Checks.malformed(
          "delimiter", String.valueOf(delimiter), "a character other than quote, line break");
    }
    Checks.notNull("summary", summary);
    Checks.positive("horizon", horizon);
    Checks.greaterThan("discountRate", discountRate, -1);
    Checks.probability("margin", margin);
    Checks.notNull("stageRules", stageRules);
    Checks.integerInRange("rfmLevels", rfmLevels, RfmScorer.MIN_LEVELS, RfmScorer.MAX_LEVELS);
    Checks.nonNegative("partitions", partitions);
    if (modelsOutput != null) {
      Checks.notEmptyText("modelsOutput", modelsOutput);
      // Files inside the Parquet output would break reading it back; compare the paths as written.
      if (Path.of(modelsOutput).normalize().startsWith(Path.of(output).normalize())) {
        throw Checks.fail("modelsOutput must lie outside output %s, was %s", output, modelsOutput);
      }
    }
    ModelTypes.get(model, ContinuousPurchaseModel.class);
  }

  /** The type of {@link #model()}, whose fitter the job fits the purchase patterns with. */
  public ModelType<? extends ContinuousPurchaseModel> purchaseModelType() {
    return ModelTypes.get(model, ContinuousPurchaseModel.class);
  }

  /**
   * Settings with the defaults of {@link JobCommandLine#USAGE}: columns {@code customer_id, date,
   * amount}, dates {@code yyyy-MM-dd}, comma-separated, horizon 52, no discounting, margin 1, stage
   * rules {@code StageRules.of(4, 8, 26)}, quintile RFM scores, Spark's default parallelism, the
   * BG/NBD ({@code bgnbd}).
   *
   * @param input the transaction log
   * @param format its format
   * @param output where the scores go
   * @param summary how the log is summarised
   */
  public static JobSettings of(String input, Format format, String output, SummaryOptions summary) {
    return builder(input, format, output, summary).build();
  }

  /**
   * A builder starting from the defaults of {@link #of}.
   *
   * @param input the transaction log
   * @param format its format
   * @param output where the scores go
   * @param summary how the log is summarised
   */
  public static Builder builder(
      String input, Format format, String output, SummaryOptions summary) {
    return new Builder(input, format, output, summary);
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Collects settings one at a time, starting from the defaults of {@link #of}; {@link #build()}
   * validates them all at once (the record's constructor). Not thread-safe.
   */
  public static final class Builder {
    private final String input;
    private final Format format;
    private final String output;
    private SummaryOptions summary;
    private String customerColumn = "customer_id";
    private String dateColumn = "date";
    private String amountColumn = "amount";
    private String datePattern = "yyyy-MM-dd";
    private char delimiter = ',';
    private int horizon = 52;
    private double discountRate = 0;
    private double margin = 1;
    private StageRules stageRules = StageRules.of(4, 8, 26);
    private int rfmLevels = RfmScorer.DEFAULT_LEVELS;
    private int partitions = 0;
    private String modelsOutput;
    private String model = "bgnbd";

    private Builder(String input, Format format, String output, SummaryOptions summary) {
      this.input = input;
      this.format = format;
      this.output = output;
      this.summary = summary;
    }

    private Builder(JobSettings s) {
      this(s.input, s.format, s.output, s.summary);
      customerColumn = s.customerColumn;
      dateColumn = s.dateColumn;
      amountColumn = s.amountColumn;
      datePattern = s.datePattern;
      delimiter = s.delimiter;
      horizon = s.horizon;
      discountRate = s.discountRate;
      margin = s.margin;
      stageRules = s.stageRules;
      rfmLevels = s.rfmLevels;
      partitions = s.partitions;
      modelsOutput = s.modelsOutput;
      model = s.model;
    }

    /** How the log is summarised (time unit, calibration end, holdout, row policies). */
    public Builder summary(SummaryOptions options) {
      summary = options;
      return this;
    }

    /** The customer id, date and amount column names. */
    public Builder columns(String customer, String date, String amount) {
      customerColumn = customer;
      dateColumn = date;
      amountColumn = amount;
      return this;
    }

    /** The pattern of dates held as text. */
    public Builder datePattern(String pattern) {
      datePattern = pattern;
      return this;
    }

    /** The CSV field separator. */
    public Builder delimiter(char value) {
      delimiter = value;
      return this;
    }

    /** The periods ahead for expected purchases and CLV. */
    public Builder horizon(int periods) {
      horizon = periods;
      return this;
    }

    /** The discount rate per period for CLV. */
    public Builder discountRate(double rate) {
      discountRate = rate;
      return this;
    }

    /** The share of spend kept as profit for CLV. */
    public Builder margin(double profitShare) {
      margin = profitShare;
      return this;
    }

    /** The lifecycle stage rules. */
    public Builder stageRules(StageRules rules) {
      stageRules = rules;
      return this;
    }

    /** The number of RFM score levels. */
    public Builder rfmLevels(int levels) {
      rfmLevels = levels;
      return this;
    }

    /** The number of customer partitions (0: Spark's default). */
    public Builder partitions(int count) {
      partitions = count;
      return this;
    }

    /** The directory to save the fitted models in, or {@code null}. */
    public Builder modelsOutput(String directory) {
      modelsOutput = directory;
      return this;
    }

    /** The purchase model id. */
    public Builder model(String id) {
      model = id;
      return this;
    }

    /**
     * The settings.
     *
     * @throws org.clvkit.core.ClvArgumentException naming the first setting out of its domain
     */
    public JobSettings build() {
      return new JobSettings(
          input,
          format,
          output,
          customerColumn,
          dateColumn,
          amountColumn,
          datePattern,
          delimiter,
          summary,
          horizon,
          discountRate,
          margin,
          stageRules,
          rfmLevels,
          partitions,
          modelsOutput,
          model);
    }
  }
}
