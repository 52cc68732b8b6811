package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the reports of the bundled data, in English and in Chinese, in headless Chromium (a file
 * URL, no network): each renders to a screenshot with content, and the DOM Chromium built holds
 * every section's heading in its language, with a font installed for every character. Skipped,
 * saying so, only when no Chromium binary exists ({@code /usr/bin/chromium}, or chromium /
 * chromium-browser / google-chrome on the PATH); CI installs Debian's {@code chromium}.
 */
class ReportChromiumTest {
  @TempDir Path dir;

  static Optional<Path> chromium() {
    String override = System.getenv("CHROMIUM");
    if (override != null && Files.isExecutable(Path.of(override))) {
      return Optional.of(Path.of(override));
    }
    if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
      return Optional.of(Path.of("/usr/bin/chromium"));
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .flatMap(
            d ->
                Stream.of("chromium", "chromium-browser", "google-chrome")
                    .map(name -> Path.of(d, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private List<String> flags(Path profile) {
    return List.of(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--user-data-dir=" + profile);
  }

  /** Renders the report's page to a screenshot and its DOM (as Chromium built it) to text. */
  private String render(BundledReports.Run run, String name) throws Exception {
    Optional<Path> browser = chromium();
    assumeTrue(
        browser.isPresent(),
        "no Chromium binary (/usr/bin/chromium or chromium on the PATH): install Debian's"
            + " chromium package to run this test");
    assertEquals(ExitCodes.OK, run.result().code(), run.result()::toString);
    String url = run.file("report.html").toUri().toString();
    Path screenshot = dir.resolve(name + ".png");
    List<String> shot = new ArrayList<>();
    shot.add(browser.get().toString());
    shot.addAll(flags(Files.createDirectories(dir.resolve(name + "-profile-1"))));
    shot.add("--window-size=1200,1800");
    shot.add("--screenshot=" + screenshot);
    shot.add(url);
    Cli.Result r = Cli.exec(shot, 120, dir);
    assertTrue(Files.isRegularFile(screenshot), "no screenshot: " + r);
    BufferedImage image =
        Images.assertNonTrivialPng("screenshot", Files.readAllBytes(screenshot), 1000, 1000);
    // the page's header band (dark blue) is on the screenshot
    assertTrue(countColour(image, 0x1f4e79) > 10_000, "the header band is rendered");
    List<String> dump = new ArrayList<>();
    dump.add(browser.get().toString());
    dump.addAll(flags(Files.createDirectories(dir.resolve(name + "-profile-2"))));
    dump.add("--dump-dom");
    dump.add(url);
    Cli.Result dom = Cli.exec(dump, 120, dir);
    assertTrue(dom.out().contains("</html>"), "no DOM: " + dom);
    return dom.out();
  }

  /** The text of a DOM: tags, scripts, styles and inlined images removed, entities decoded. */
  static String text(String dom) {
    return dom.replaceAll("(?s)<style.*?</style>", " ")
        .replaceAll("(?s)<[^>]*>", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replaceAll("\\s+", " ");
  }

  @Test
  void report_english_rendersEverySectionInHeadlessChromium() throws Exception {
    String text = text(render(BundledReports.english(), "en"));
    for (String heading :
        List.of(
            "At a glance",
            "Model choice",
            "Fitted models",
            "Segments",
            "Cohort retention",
            "P(alive) by model: where the models disagree",
            "Charts",
            "Most valuable customers")) {
      assertTrue(text.contains(heading), heading);
    }
    assertTrue(text.contains("90 % interval"));
  }

  @Test
  void report_chinese_rendersChineseTextWithAFontForEveryCharacter() throws Exception {
    String text = text(render(BundledReports.chinese(), "zh"));
    for (String heading :
        List.of("概览", "模型选择", "拟合的模型", "客户细分", "批次留存", "各模型的存活概率：模型的分歧所在", "图表", "最有价值的客户")) {
      assertTrue(text.contains(heading), heading);
    }
    // no key or format left untranslated on the page
    assertTrue(!text.contains("At a glance") && !text.contains("Model choice"), text);
    // a CJK font (the one the charts use, from fonts-noto-cjk on CI) has a glyph for every
    // character of the page, so neither Chromium nor the charts draw missing-glyph boxes
    Font font = new Font(Charts.cjkFamily(), Font.PLAIN, 14);
    String visible = text.replaceAll("\\s", "");
    int missing = font.canDisplayUpTo(visible);
    assertEquals(
        -1,
        missing,
        () ->
            "font "
                + font.getFamily()
                + " has no glyph for \""
                + visible.substring(missing, Math.min(visible.length(), missing + 10))
                + "\"");
    assertTrue(
        font.getFamily().contains("CJK")
            || font.getFamily().contains("WenQuanYi")
            || font.getFamily().contains("Droid")
            || font.getFamily().contains("Han"),
        "a CJK font is installed (Debian: fonts-noto-cjk), was " + font.getFamily());
  }

  private static long countColour(BufferedImage image, int rgb) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
