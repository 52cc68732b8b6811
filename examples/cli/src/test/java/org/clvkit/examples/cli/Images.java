package org.clvkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Checks that bytes are a PNG image with real content: not blank, not a single colour. */
final class Images {
  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private Images() {}

  /**
   * Asserts a valid PNG of at least {@code minWidth} x {@code minHeight} pixels, at least 1 % of
   * whose pixels are not the background (the top-left pixel's colour) and which has at least 3
   * colours.
   *
   * @return the decoded image
   */
  static BufferedImage assertNonTrivialPng(String what, byte[] bytes, int minWidth, int minHeight)
      throws IOException {
    assertTrue(bytes.length > PNG_SIGNATURE.length, what + ": too short for a PNG");
    assertArrayEquals(
        PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), what + ": no PNG signature");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertNotNull(image, what + ": ImageIO cannot decode it");
    assertTrue(
        image.getWidth() >= minWidth && image.getHeight() >= minHeight,
        what + ": " + image.getWidth() + "x" + image.getHeight() + " is too small");
    int background = image.getRGB(0, 0);
    long other = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (rgb != background) {
          other++;
        }
        if (colours.size() < 1000) {
          colours.add(rgb);
        }
      }
    }
    double share = (double) other / ((long) image.getWidth() * image.getHeight());
    assertTrue(
        share >= 0.01, what + ": only " + share + " of the pixels differ from the background");
    assertTrue(colours.size() >= 3, what + ": only " + colours.size() + " colours");
    return image;
  }
}
