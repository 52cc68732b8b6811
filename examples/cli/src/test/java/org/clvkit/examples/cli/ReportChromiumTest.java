package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report of the bundled data in headless Chromium (a file URL, no network) and checks
 * that it renders to a screenshot with content. Skipped, saying so, only when no Chromium binary
 * exists ({@code /usr/bin/chromium}, or chromium / chromium-browser / google-chrome on the PATH);
 * CI installs Debian's {@code chromium}.
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

  @Test
  void report_openedInHeadlessChromium_rendersANonBlankPage() throws Exception {
    Optional<Path> browser = chromium();
    assumeTrue(
        browser.isPresent(),
        "no Chromium binary (/usr/bin/chromium or chromium on the PATH): install Debian's"
            + " chromium package to run this test");
    Path report = dir.resolve("report");
    Cli.Result r = Cli.run("report", "-o", report, "--progress", "never");
    assertEquals(ExitCodes.OK, r.code(), r::toString);
    Path screenshot = dir.resolve("screenshot.png");
    Path profile = Files.createDirectories(dir.resolve("profile"));
    Cli.Result shot =
        Cli.exec(
            List.of(
                browser.get().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=1200,1800",
                "--screenshot=" + screenshot,
                report.resolve("report.html").toUri().toString()),
            120,
            dir);
    assertTrue(Files.isRegularFile(screenshot), "no screenshot: " + shot);
    BufferedImage image =
        Images.assertNonTrivialPng("screenshot", Files.readAllBytes(screenshot), 1000, 1000);
    // the page's header band (dark blue) and the charts' white plots are both on the screenshot
    assertTrue(countColour(image, 0x1f4e79) > 10_000, "the header band is rendered");
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
