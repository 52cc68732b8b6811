package org.clvkit.examples.spark;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import org.clvkit.core.Checks;
import org.clvkit.core.data.RowPolicy;
import org.clvkit.core.data.SummaryOptions;
import org.clvkit.core.data.TimeScale;
import org.clvkit.core.lifecycle.StageRules;
import org.clvkit.examples.spark.JobSettings.Format;
import org.clvkit.models.ContinuousPurchaseModel;
import org.clvkit.models.ModelTypes;

/**
 * The command line of {@link ClvSparkJob}: three positional arguments (input, format, output) and
 * options, read into {@link JobSettings}.
 */
public final class JobCommandLine {
  private JobCommandLine() {}

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
          "                              OUTPUT): ID.properties, gamma-gamma.properties",
          "  --model ID                  purchase model: "
              + ModelTypes.ids(ModelTypes.all(ContinuousPurchaseModel.class))
              + " (default bgnbd)");

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
    // Summary options are built last (the calibration end may come after the options it holds);
    // every other setting goes straight into the builder, which holds the defaults.
    JobSettings.Builder settings = JobSettings.builder(args[0], format(args[1]), args[2], null);
    LocalDate calibrationEnd = null;
    LocalDate holdoutEnd = null;
    TimeScale scale = TimeScale.WEEKS;
    RowPolicy zeroAmounts = RowPolicy.REJECT;
    RowPolicy refunds = RowPolicy.REJECT;
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
        case "--columns" -> {
          String[] names = columns(value);
          settings.columns(names[0], names[1], names[2]);
        }
        case "--date-pattern" -> settings.datePattern(value);
        case "--delimiter" -> settings.delimiter(delimiter(value));
        case "--horizon" -> settings.horizon(integer(option, value));
        case "--discount-rate" -> settings.discountRate(number(option, value));
        case "--margin" -> settings.margin(number(option, value));
        case "--stage-rules" -> settings.stageRules(stageRules(value));
        case "--rfm-levels" -> settings.rfmLevels(integer(option, value));
        case "--partitions" -> settings.partitions(integer(option, value));
        case "--save-models" -> settings.modelsOutput(value);
        case "--model" -> settings.model(value);
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
    return settings.summary(summary).build();
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
