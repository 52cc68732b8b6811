package org.clvkit.examples.cli;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The report's words in one language: labels, captions, table headers and explanations from the
 * resource bundle {@code org.clvkit.examples.cli.report} ({@code report.properties} in English,
 * {@code report_zh_CN.properties} in simplified Chinese), with numbers and dates formatted for the
 * locale. No fallback to the JVM's default locale: {@code --lang en} is English wherever it runs.
 */
final class Messages {
  /** The languages {@code --lang} accepts. */
  static final String LANGUAGES = "en, zh-CN";

  private final Locale locale;
  private final ResourceBundle bundle;

  private Messages(Locale locale) {
    this.locale = locale;
    this.bundle =
        ResourceBundle.getBundle(
            "org.clvkit.examples.cli.report",
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** The messages of {@code --lang}: {@code en} (default) or {@code zh-CN}. */
  static Messages of(String lang) {
    String t = lang == null ? "en" : lang.strip();
    switch (t.toLowerCase(Locale.ROOT)) {
      case "en":
      case "en-us":
      case "en-gb":
        return new Messages(Locale.ROOT);
      case "zh":
      case "zh-cn":
      case "zh-hans":
      case "zh_cn":
        return new Messages(Locale.SIMPLIFIED_CHINESE);
      default:
        throw CliException.usage("--lang must be one of " + LANGUAGES + ", was \"" + lang + "\"");
    }
  }

  /** The locale for number and date formats ({@link Locale#ROOT} for English). */
  Locale locale() {
    return locale;
  }

  /** Whether this is Chinese (for the font of the charts and the page's {@code lang}). */
  boolean isChinese() {
    return locale.getLanguage().equals("zh");
  }

  /** The page's {@code lang} attribute. */
  String htmlLang() {
    return isChinese() ? "zh-CN" : "en";
  }

  /** The text of {@code key}, with the bundle's {@code %%} read as a literal percent sign. */
  String get(String key) {
    return pattern(key).replace("%%", "%");
  }

  /** The raw value of {@code key}: a {@link java.util.Formatter} pattern. */
  private String pattern(String key) {
    try {
      return bundle.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("report bundle " + locale + " has no key " + key, e);
    }
  }

  /** The text of {@code key} formatted with {@link String#format(Locale, String, Object...)}. */
  String format(String key, Object... args) {
    return String.format(locale, pattern(key), args);
  }

  /** A number with grouping and {@code decimals} decimals. */
  String number(double v, int decimals) {
    NumberFormat f = NumberFormat.getNumberInstance(locale == Locale.ROOT ? Locale.US : locale);
    f.setMinimumFractionDigits(decimals);
    f.setMaximumFractionDigits(decimals);
    f.setGroupingUsed(true);
    return f.format(v);
  }

  /** A percentage of a share in [0, 1], e.g. {@code 81.3 %}. */
  String percent(double share, int decimals) {
    return number(100 * share, decimals) + (isChinese() ? "%" : " %");
  }

  /** An amount of money: the currency code or symbol first when one was given. */
  String money(String currency, double v, int decimals) {
    String n = number(v, decimals);
    return currency == null || currency.isBlank() ? n : currency + " " + n;
  }

  /** A date, e.g. {@code 1997-09-30} in English and {@code 1997年9月30日} in Chinese. */
  String date(LocalDate d) {
    return isChinese()
        ? d.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale))
        : d.toString();
  }

  /** The plural of the time unit ({@code weeks}, {@code 周}). */
  String periods(TimeUnit unit) {
    if (unit.equals(TimeUnit.WEEKS)) {
      return get("unit.weeks");
    }
    if (unit.equals(TimeUnit.DAYS)) {
      return get("unit.days");
    }
    return format("unit.nDays", (int) Math.round(unit.scale().seconds() / 86_400));
  }
}
