package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clvkit.models.FitReport;
import org.clvkit.models.ParameterEstimate;
import org.clvkit.models.covariates.LikelihoodRatioTest;
import org.clvkit.models.io.ModelFiles;
import org.clvkit.models.paretonbd.ParetoNbdCovariateModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv report --covariates}: the coefficient table with standard errors and 95 % intervals,
 * the likelihood-ratio test against the model without covariates and the saved covariate model, in
 * English and Chinese, on the bundled CDNOW sample with the first-purchase month (January, February
 * or March 1997, derived from the log) as a categorical covariate. Expected values come from the
 * saved model file and the comparison CSV, never from numbers typed in.
 */
class ReportCovariatesTest {
  @TempDir Path dir;

  /** id,first_month for every customer of the bundled log. */
  private Path covariates() {
    return CdnowCovariateData.firstMonth(dir);
  }

  private static String section(String html, String id) {
    int from = html.indexOf("<section id=\"" + id + "\">");
    assertTrue(from >= 0, () -> "no section " + id);
    return html.substring(from, html.indexOf("</section>", from));
  }

  private static String sig(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  @Test
  void report_covariates_coefficientTableAndLikelihoodRatioTestFromTheSavedModel()
      throws IOException {
    Path cov = covariates();
    Path out = dir.resolve("en");
    Cli.Result r =
        Cli.run("report", "-o", out, "--progress", "never", "--draws", "20", "--covariates", cov);
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    String html = section(Cli.read(out.resolve("report.html")), "covariates");
    // the bundled data choose Pareto/NBD, which has a covariate version; its model file holds
    // the estimates, their standard errors and the log-likelihood
    ParetoNbdCovariateModel saved =
        ModelFiles.load(
                out.resolve("models/pnbd-covariates.properties"), ParetoNbdCovariateModel.class)
            .model();
    FitReport fit = saved.fitReport().orElseThrow();
    int rows = 0;
    for (String process : List.of("purchase", "dropout")) {
      for (String covariate : List.of("first_month=m02", "first_month=m03")) {
        ParameterEstimate estimate =
            fit.estimates().get(saved.parameterNames().indexOf(process + "." + covariate));
        double value = estimate.value();
        double se = estimate.standardError();
        double lower = estimate.lower();
        double upper = estimate.upper();
        String effect =
            lower > 0
                ? "positive (interval above 0)"
                : upper < 0 ? "negative (interval below 0)" : "not distinguishable from 0";
        String row =
            "<tr><td>"
                + (process.equals("purchase") ? "purchase" : "drop-out")
                + "</td><td>"
                + covariate
                + "</td><td>"
                + sig(value)
                + "</td><td>"
                + sig(se)
                + "</td><td>"
                + sig(lower)
                + "</td><td>"
                + sig(upper)
                + "</td><td>"
                + effect
                + "</td></tr>";
        assertTrue(html.contains(row), () -> row + " not in " + html);
        rows++;
      }
    }
    assertEquals(4, rows);
    // the test's restricted model is the report's own Pareto/NBD fit on the same customers
    double withCovariates = fit.diagnostics().logLikelihood();
    Map<String, String> pnbd =
        ReportContentTest.csv(Cli.lines(out.resolve("diagnostics/model_comparison.csv"))).stream()
            .filter(row -> row.get("model").equals("Pareto/NBD"))
            .findFirst()
            .orElseThrow();
    LikelihoodRatioTest expected =
        LikelihoodRatioTest.of(withCovariates, ReportContentTest.num(pnbd, "log_likelihood"), 4);
    Matcher m =
        Pattern.compile(
                "Likelihood-ratio test against Pareto/NBD without covariates: chi-square"
                    + " ([0-9.]+) with 4 degrees of freedom, p = ([0-9.e-]+) \\(log-likelihood"
                    + " ([-0-9,.]+) with covariates, ([-0-9,.]+) without\\)\\. At the 5 % level"
                    + " the covariates (improve the fit|do not improve the fit significantly)\\.")
            .matcher(html);
    assertTrue(m.find(), html);
    assertEquals(expected.statistic(), Double.parseDouble(m.group(1)), 0.01);
    assertEquals(expected.pValue(), Double.parseDouble(m.group(2)), 2e-3);
    assertEquals(withCovariates, Double.parseDouble(m.group(3).replace(",", "")), 0.005);
    assertEquals(
        expected.restrictedLogLikelihood(), Double.parseDouble(m.group(4).replace(",", "")), 0.01);
    assertEquals(
        Double.parseDouble(m.group(2)) < 0.05
            ? "improve the fit"
            : "do not improve the fit" + " significantly",
        m.group(5));
    assertTrue(html.contains("on the 2,357 customers that have a covariate row (0 without one"));
    assertFalse(html.contains("has no version with covariates"));
    // the saved model scores the report's summary with the same covariates
    Cli.Result score =
        Cli.run(
            "score",
            out.resolve("summary.csv"),
            "--id-column",
            "customer_id",
            "--covariates",
            cov,
            "-p",
            out.resolve("models/pnbd-covariates.properties"),
            "-o",
            dir.resolve("scores.csv"));
    assertEquals(ExitCodes.OK, score.code(), score::toString);
    assertEquals(2357 + 1, Cli.lines(dir.resolve("scores.csv")).size());
  }

  @Test
  void report_covariatesInChinese_modelWithoutCovariateVersionUsesParetoNbdAndNoEnglishRemains() {
    Path cov = covariates();
    Path out = dir.resolve("zh");
    Cli.Result r =
        Cli.run(
            "report",
            "-o",
            out,
            "--progress",
            "never",
            "--draws",
            "20",
            "--lang",
            "zh-CN",
            "-m",
            "mbgnbd",
            "--covariates",
            cov,
            "--l2",
            "purchase=0.01,dropout=0.01");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    assertTrue(Files.exists(out.resolve("models/pnbd-covariates.properties")));
    String html = section(Cli.read(out.resolve("report.html")), "covariates");
    assertTrue(html.contains("<h2>协变量</h2>"), html);
    assertTrue(html.contains("clvkit 中的 MBG/NBD 没有协变量版本"), html);
    assertTrue(html.contains("<th>过程</th><th>协变量</th><th>估计值</th><th>标准误</th>"), html);
    assertTrue(html.contains("与不含协变量的 Pareto/NBD 的似然比检验：卡方统计量"), html);
    assertTrue(html.contains("使用 L2 惩罚时拟合的对数似然并非最大值"), html);
    for (String process : List.of("<td>购买</td>", "<td>流失</td>")) {
      assertTrue(html.contains(process), html);
    }
    String words =
        html.replaceAll("<[^>]*>", "|")
            .replaceAll("--[a-z-]+(=[a-z]+)?", " ")
            .replaceAll("clv [a-z]+", " ")
            .replaceAll("[A-Za-z0-9_./-]+\\.(csv|txt|json|html|properties)", " ");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("[A-Za-z]{3,}[ ,;:]+[A-Za-z]{3,}").matcher(words);
    assertFalse(m.find(), () -> "English in the Chinese page: \"" + m.group() + "\" in " + html);
  }
}
