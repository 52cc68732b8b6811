package org.clvkit.examples.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import org.clvkit.core.Checks;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.lifecycle.StageRules;
import org.clvkit.core.rfm.RfmScorer;

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
 * <p>Scores: P(alive) and expected purchases over the next {@code horizon} periods from the BG/NBD,
 * expected spend per purchase from the Gamma-Gamma model, CLV over {@code horizon} whole periods at
 * {@code discountRate} per period with {@code margin}, the lifecycle stage by {@code stageRules} as
 * of the calibration end, and the RFM segment from quantile scores with {@code rfmLevels} levels
 * fitted on all customers. All times are in periods of the summary options' time scale.
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
    String modelsOutput)
    implements Serializable {

  /** The input formats the job reads. */
  public enum Format {
    /** Delimited text with a header line. */
    CSV,
    /** Apache Parquet. */
    PARQUET
  }

  /** The command-line usage, as {@link #parse(String...)} reads it. */
  public static final String USAGE =
      String.join(
          "\n",
          "usage: ClvSparkJob INPUT csv|parquet OUTPUT --calibration-end yyyy-MM-dd [options]",
          "  --holdout-end yyyy-MM-dd    end of a holdout period after the calibration end",
          "  --period weeks|days|Nd      time unit of all times (default weeks)",
          "  --zero-amounts reject|drop|keep   rows with amount 0 (default reject)",
          "  --refunds reject|drop       rows with a negative amount (default reject)",
          "  --columns ID,DATE,AMOUNT    column names (default customer_id,date,amount)",
          "  --date-pattern PATTERN      pattern of text dates (default yyyy-MM-dd)",
          "  --delimiter C               CSV field separator (default ,)",
          "  --horizon N                 periods ahead for expected purchases and CLV (default 52)",
          "  --discount-rate D           discount rate per period (default 0)",
          "  --margin M                  profit share of spend, in [0, 1] (default 1)",
          "  --stage-rules N,R,C         established at N purchases, at risk after R and churned",
          "                              after C quiet periods (default 4,8,26)",
          "  --rfm-levels L              RFM score levels, 2 to 9 (default 5)",
          "  --partitions P              customer partitions (default: Spark's parallelism)",
          "  --save-models DIR           save the fitted models as model files in DIR (outside",
          "                              OUTPUT): bgnbd.properties, gamma-gamma.properties");

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
      if (Path.of(modelsOutput)
          .normalize()
          .startsWith(Path.of(output).normalize())) {
        throw Checks.fail("modelsOutput must lie outside output %s, was %s", output, modelsOutput);
      }
    }
  }

  /**
   * Settings with the defaults of {@link #USAGE}: columns {@code customer_id, date, amount}, dates
   * {@code yyyy-MM-dd}, comma-separated, horizon 52, no discounting, margin 1, stage rules {@code
   * StageRules.of(4, 8, 26)}, quintile RFM scores, Spark's default parallelism.
   *
   * @param input the transaction log
   * @param format its format
   * @param output where the scores go
   * @param summary how the log is summarised
   */
  public static JobSettings of(String input, Format format, String output, SummaryOptions summary) {
    return new JobSettings(
        input,
        format,
        output,
        "customer_id",
        "date",
        "amount",
        "yyyy-MM-dd",
        ',',
        summary,
        52,
        0,
        1,
        StageRules.of(4, 8, 26),
        RfmScorer.DEFAULT_LEVELS,
        0,
        null);
  }

  /** These settings with other column names. */
  public JobSettings withColumns(String customer, String date, String amount) {
    return new JobSettings(
        input,
        format,
        output,
        customer,
        date,
        amount,
        datePattern,
        delimiter,
        summary,
        horizon,
        discountRate,
        margin,
        stageRules,
        rfmLevels,
        partitions,
        modelsOutput);
  }

  /** These settings with another pattern for dates held as text. */
  public JobSettings withDatePattern(String pattern) {
    return new JobSettings(
        input,
        format,
        output,
        customerColumn,
        dateColumn,
        amountColumn,
        pattern,
        delimiter,
        summary,
        horizon,
        discountRate,
        margin,
        stageRules,
        rfmLevels,
        partitions,
        modelsOutput);
  }

  /** These settings with another CSV field separator. */
  public JobSettings withDelimiter(char value) {
    return new JobSettings(
        input,
        format,
        output,
        customerColumn,
        dateColumn,
        amountColumn,
        datePattern,
        value,
        summary,
        horizon,
        discountRate,
        margin,
        stageRules,
        rfmLevels,
        partitions,
        modelsOutput);
  }

  /** These settings with another horizon, discount rate and margin for the forecasts and CLV. */
  public JobSettings withValue(int periods, double rate, double profitShare) {
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
        periods,
        rate,
        profitShare,
        stageRules,
        rfmLevels,
        partitions,
        modelsOutput);
  }

  /** These settings with other lifecycle stage rules. */
  public JobSettings withStageRules(StageRules rules) {
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
        rules,
        rfmLevels,
        partitions,
        modelsOutput);
  }

  /** These settings with another number of RFM score levels. */
  public JobSettings withRfmLevels(int levels) {
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
        levels,
        partitions,
        modelsOutput);
  }

  /** These settings with another number of customer partitions (0: Spark's default). */
  public JobSettings withPartitions(int count) {
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
        count,
        modelsOutput);
  }

  /**
   * These settings with a directory to save the fitted models in, or {@code null} not to save them.
   */
  public JobSettings withModelsOutput(String directory) {
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
        directory);
  }

  /**
   * Reads the command line of {@link #USAGE}: three positional arguments, then options in any
   * order, each with one value.
   *
   * @param args the arguments
   * @return the settings
   * @throws org.clvkit.core.ClvArgumentException naming the first bad argument
   */
  public static JobSettings parse(String... args) {
    Checks.notNull("args", args);
    if (args.length < 3) {
      throw Checks.fail(
          "arguments must be INPUT FORMAT OUTPUT followed by options, were %d", args.length);
    }
    String input = args[0];
    Format format = format(args[1]);
    String output = args[2];
    LocalDate calibrationEnd = null;
    LocalDate holdoutEnd = null;
    TimeScale scale = TimeScale.WEEKS;
    RowPolicy zeroAmounts = RowPolicy.REJECT;
    RowPolicy refunds = RowPolicy.REJECT;
    String[] columns = {"customer_id", "date", "amount"};
    String pattern = "yyyy-MM-dd";
    char delimiter = ',';
    int horizon = 52;
    double discountRate = 0;
    double margin = 1;
    StageRules rules = StageRules.of(4, 8, 26);
    int levels = RfmScorer.DEFAULT_LEVELS;
    int partitions = 0;
    String modelsOutput = null;
    for (int i = 3; i < args.length; i += 2) {
      String option = args[i];
      if (i + 1 == args.length) {
        throw Checks.fail("option %s must be followed by a value", option);
      }
      String value = args[i + 1];
      switch (option) {
        case "--calibration-end" -> calibrationEnd = date(option, value);
        case "--holdout-end" -> holdoutEnd = date(option, value);
        case "--period" -> scale = period(value);
        case "--zero-amounts" -> zeroAmounts = policy(option, value);
        case "--refunds" -> refunds = policy(option, value);
        case "--columns" -> columns = columns(value);
        case "--date-pattern" -> pattern = value;
        case "--delimiter" -> delimiter = delimiter(value);
        case "--horizon" -> horizon = integer(option, value);
        case "--discount-rate" -> discountRate = number(option, value);
        case "--margin" -> margin = number(option, value);
        case "--stage-rules" -> rules = stageRules(value);
        case "--rfm-levels" -> levels = integer(option, value);
        case "--partitions" -> partitions = integer(option, value);
        case "--save-models" -> modelsOutput = value;
        default -> throw Checks.malformed("option", option, "an option listed in the usage");
      }
    }
    if (calibrationEnd == null) {
      throw Checks.fail("option --calibration-end must be given");
    }
    SummaryOptions summary =
        SummaryOptions.of(scale, calibrationEnd).withZeroAmounts(zeroAmounts).withRefunds(refunds);
    if (holdoutEnd != null) {
      summary = summary.withHoldoutUntil(holdoutEnd);
    }
    return new JobSettings(
        input,
        format,
        output,
        columns[0],
        columns[1],
        columns[2],
        pattern,
        delimiter,
        summary,
        horizon,
        discountRate,
        margin,
        rules,
        levels,
        partitions,
        modelsOutput);
  }

  private static Format format(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "csv" -> Format.CSV;
      case "parquet" -> Format.PARQUET;
      default -> throw Checks.malformed("format", text, "csv or parquet");
    };
  }

  private static LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw Checks.malformed(option, text, "a date yyyy-MM-dd");
    }
  }

  private static TimeScale period(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("weeks")) {
      return TimeScale.WEEKS;
    }
    if (lower.equals("days")) {
      return TimeScale.DAYS;
    }
    if (lower.matches("[1-9][0-9]{0,4}d")) {
      return TimeScale.of(Duration.ofDays(Long.parseLong(lower.substring(0, lower.length() - 1))));
    }
    throw Checks.malformed("--period", text, "weeks, days or a number of days such as 30d");
  }

  private static RowPolicy policy(String option, String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "reject" -> RowPolicy.REJECT;
      case "drop" -> RowPolicy.DROP;
      case "keep" -> RowPolicy.KEEP;
      default -> throw Checks.malformed(option, text, "reject, drop or keep");
    };
  }

  private static String[] columns(String text) {
    String[] names = text.split(",", -1);
    if (names.length != 3) {
      throw Checks.malformed("--columns", text, "three column names separated by commas");
    }
    for (int i = 0; i < 3; i++) {
      names[i] = names[i].trim();
    }
    return names;
  }

  private static char delimiter(String text) {
    if (text.equals("\\t")) {
      return '\t';
    }
    if (text.length() != 1) {
      throw Checks.malformed("--delimiter", text, "one character (\\t for a tab)");
    }
    return text.charAt(0);
  }

  private static int integer(String option, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw Checks.malformed(option, text, "an integer");
    }
  }

  private static double number(String option, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw Checks.malformed(option, text, "a number");
    }
  }

  private static StageRules stageRules(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 3) {
      throw Checks.malformed("--stage-rules", text, "N,R,C such as 4,8,26");
    }
    return StageRules.of(
        integer("--stage-rules", parts[0].trim()),
        number("--stage-rules", parts[1].trim()),
        number("--stage-rules", parts[2].trim()));
  }
}
