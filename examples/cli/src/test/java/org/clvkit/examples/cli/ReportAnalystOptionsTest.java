package org.clvkit.examples.cli;

import static org.clvkit.examples.cli.ReportContentTest.csv;
import static org.clvkit.examples.cli.ReportContentTest.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst's options on the bundled data, in Chinese: {@code -m bgnbd} (and the P(alive)
 * explanation it needs), a segments file with customers it does not name and rows naming no
 * customer, acquisition costs (LTV:CAC, payback), margin, annual discount, currency and bootstrap
 * intervals; and the refusals: BG/BB on continuous data, a segment column with too many values.
 */
class ReportAnalystOptionsTest {
  @TempDir Path dir;

  @Test
  void report_segmentsFile_countsUnknownCustomersAndRowsNamingNoCustomer() {
    BundledReports.Run run = BundledReports.chinese();
    assertEquals(ExitCodes.OK, run.result().code(), run.result()::toString);
    List<Map<String, String>> rows = csv(Cli.lines(run.file("segments.csv")));
    List<Map<String, String>> channel =
        rows.stream().filter(r -> r.get("dimension").equals("channel")).toList();
    assertEquals(
        List.of("email", "search", "social", "未知"),
        channel.stream().map(r -> r.get("segment")).toList());
    // 357 customers (2001 to 2357) are not in the file, customer 0007 has an empty channel
    assertEquals(358, (int) num(channel.get(3), "customers"));
    assertEquals(2357, channel.stream().mapToInt(r -> (int) num(r, "customers")).sum());
    List<Map<String, String>> region =
        rows.stream().filter(r -> r.get("dimension").equals("region")).toList();
    assertEquals(
        List.of("north", "south", "未知"), region.stream().map(r -> r.get("segment")).toList());
    assertEquals(357, (int) num(region.get(2), "customers"));
    String html = run.html();
    assertTrue(html.contains("5 行（segments.csv）所列客户不在数据中，已忽略。"), html);
    assertTrue(html.contains("358 位客户在文件中没有细分，计入“未知”。"), html);
  }

  @Test
  void report_acquisitionCosts_giveLtvToCacAndPaybackPerSegment() {
    BundledReports.Run run = BundledReports.chinese();
    List<Map<String, String>> channel =
        csv(Cli.lines(run.file("segments.csv"))).stream()
            .filter(r -> r.get("dimension").equals("channel"))
            .toList();
    Map<String, Double> costs = Map.of("search", 10.0, "social", 25.0, "email", 5.0);
    for (Map<String, String> r : channel) {
      Double cost = costs.get(r.get("segment"));
      if (cost == null) {
        assertEquals("", r.get("ltv_cac"), "the unknown segment has no cost");
        continue;
      }
      assertEquals(cost, num(r, "cost_per_customer"));
      assertEquals(num(r, "value") / num(r, "customers") / cost, num(r, "ltv_cac"), 1e-6);
      String payback = r.get("payback_periods");
      assertTrue(payback.equals(">52") || Integer.parseInt(payback) >= 1, payback);
    }
    assertTrue(run.html().contains("（1 行所列细分不存在，已忽略）"), run.html());
  }

  @Test
  void report_marginDiscountCurrency_areStatedAndConverted() {
    BundledReports.Run run = BundledReports.chinese();
    String html = run.html();
    assertTrue(html.contains("<html lang=\"zh-CN\">"));
    assertTrue(html.contains("客户终身价值 = 毛利率 30.0%"), html);
    // 10 % a year in weeks: 1.1^(7 / 365.25) - 1 = 0.1828 %
    double weekly = Math.pow(1.1, 7 / 365.25) - 1;
    assertTrue(html.contains(String.format("按每年 10.00%% 贴现（每周 %.4f%%）", 100 * weekly)), html);
    assertTrue(html.contains("金额单位为 USD。"));
    assertTrue(html.contains("USD "), "money values carry the currency");
    List<Map<String, String>> scores = csv(Cli.lines(run.file("scores.csv")));
    for (Map<String, String> r : scores) {
      assertTrue(num(r, "clv_lower") <= num(r, "clv_upper"), r::toString);
    }
  }

  @Test
  void report_bgnbdForced_explainsPAliveOfOneTimeBuyersAndShowsTheRepeatBuyersMean() {
    BundledReports.Run run = BundledReports.chinese();
    String html = run.html();
    assertTrue(html.contains("本报告按 -m 的要求采用 BG/NBD"), html);
    assertTrue(html.contains("它给 1,411 位没有重复购买的客户的存活概率都是 1"), html);
    assertTrue(html.contains("946 位再次购买客户的平均存活概率"), html);
    assertTrue(html.contains("按客户自助法：对有放回抽取的客户重新拟合两个模型 4 次"), html);
  }

  @Test
  void report_bgbbOnContinuousData_isRefusedSayingWhy() {
    Cli.Result r = Cli.run("report", "-o", dir.resolve("r"), "--progress", "never", "-m", "bgbb");
    assertEquals(ExitCodes.USAGE, r.code(), r::toString);
    assertTrue(
        r.err()
            .contains(
                "--model bgbb needs discrete histories (whole-number recency and age, frequency"
                    + " <= age: one purchase opportunity per period), and these are not"),
        r::toString);
  }

  @Test
  void report_bgbbOnDiscreteData_fitsAndComparesIt() {
    StringBuilder log = new StringBuilder("customer_id,date,amount\n");
    java.time.LocalDate start = java.time.LocalDate.of(2024, 1, 1);
    java.util.Random random = new java.util.Random(20261206L);
    for (int c = 0; c < 120; c++) {
      log.append(String.format("c%03d,%s,%d%n", c, start, 10 + c % 7));
      for (int w = 1; w < 20; w++) {
        if (random.nextDouble() < (c % 4 == 0 ? 0.0 : 0.3 / (1 + w * (c % 3)))) {
          log.append(String.format("c%03d,%s,%d%n", c, start.plusWeeks(w), 5 + random.nextInt(20)));
        }
      }
    }
    Path file = Cli.write(dir.resolve("weekly.csv"), log.toString());
    Cli.Result r =
        Cli.run(
            "report",
            file,
            "-o",
            dir.resolve("r"),
            "--progress",
            "never",
            "--calibration-end",
            "2024-05-20",
            "-m",
            "bgbb",
            "--draws",
            "20");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    List<Map<String, String>> models =
        csv(Cli.lines(dir.resolve("r/diagnostics/model_comparison.csv")));
    // every purchase model the report compares (the registry's maximum-likelihood ones), in the
    // registry's order: fitted, or in the table as not fitted
    String html = Cli.read(dir.resolve("r/report.html"));
    List<String> fitted = models.stream().map(m -> m.get("model")).toList();
    List<String> expected = new java.util.ArrayList<>();
    for (org.clvkit.models.ModelType<?> type : ReportModels.candidates(true)) {
      if (fitted.contains(type.name())) {
        expected.add(type.name());
      } else {
        assertTrue(html.contains("<tr class=\"skipped\"><td>" + type.name() + "</td>"), html);
      }
    }
    assertEquals(expected, fitted);
    assertTrue(fitted.containsAll(List.of("BG/NBD", "MBG/NBD", "Pareto/NBD", "BG/BB", "NBD")));
    assertTrue(html.contains("The report uses BG/BB because -m asked for it"));
  }

  @Test
  void report_segmentColumnWithTooManyValues_isRefusedNamingTheLimit() {
    StringBuilder b = new StringBuilder("customer_id,city\n");
    for (int i = 1; i <= 60; i++) {
      b.append(String.format("%04d,city%d%n", i, i));
    }
    Path segments = Cli.write(dir.resolve("cities.csv"), b.toString());
    Cli.Result r =
        Cli.run("report", "-o", dir.resolve("r"), "--progress", "never", "--segments", segments);
    assertEquals(ExitCodes.DATA, r.code(), r::toString);
    assertTrue(
        r.err()
            .contains(
                "cities.csv: segment column \"city\" has 60 distinct values, more than the limit of"
                    + " 50 segments per column: group them (e.g. by region rather than city)"
                    + " first"),
        r::toString);
  }

  @Test
  void report_chinese_modelChoiceFitTablesAndReadingParagraphHaveNoEnglishSentence() {
    String html = BundledReports.chinese().html();
    int from = html.indexOf("<section id=\"models\">");
    String models = html.substring(from, html.indexOf("</section>", from));
    int choiceFrom = html.indexOf("<section id=\"model-choice\">");
    String choice = html.substring(choiceFrom, html.indexOf("</section>", choiceFrom));
    int reading = html.indexOf("<p>数据读取：");
    String paragraph = html.substring(reading, html.indexOf("</p>", reading));
    assertTrue(models.contains("<th>估计值</th><th>标准误</th>"), models);
    assertTrue(models.contains("，已收敛，"), models);
    assertTrue(paragraph.contains("位客户在校准期内有购买"), paragraph);
    assertTrue(choice.contains("<b>建议："), choice);
    assertTrue(choice.contains("按 BIC，"), choice);
    assertTrue(choice.contains("本报告按 -m 的要求采用 BG/NBD"), choice);
    for (String part : List.of(models, paragraph, choice)) {
      String words =
          part.replaceAll("<[^>]*>", "|")
              .replaceAll("--[a-z-]+(=[a-z]+)?", " ")
              .replaceAll("clv [a-z]+", " ")
              .replaceAll("[A-Za-z0-9_./-]+\\.(csv|txt|json|html|properties)", " ");
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("[A-Za-z]{3,}[ ,;:]+[A-Za-z]{3,}").matcher(words);
      assertTrue(!m.find(), () -> "English in the Chinese page: \"" + m.group() + "\" in " + part);
    }
  }

  @Test
  void report_bothLanguages_showNoFormatterEscapes() {
    // The bundles are Formatter patterns, where a percent sign is written %%; the page shows %.
    for (String html : List.of(BundledReports.english().html(), BundledReports.chinese().html())) {
      assertTrue(!html.contains("%%"), () -> html.substring(Math.max(0, html.indexOf("%%") - 80)));
    }
    assertTrue(BundledReports.chinese().html().contains("<th>95% 下限</th>"));
  }
}
