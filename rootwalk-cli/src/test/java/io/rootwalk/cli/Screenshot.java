package io.rootwalk.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * What a browser's screenshot of a walk's SVG shows, judged by its pixels: a picture, or one of the
 * ways it can be broken. A malformed SVG is not blank in chromium: it shows a pink "This page
 * contains the following errors" box above whatever it drew before the error, red boxes included,
 * so the box itself is looked for.
 */
final class Screenshot {

  /** Chromium's XML parse-error box: background #fdd. */
  private static final int ERROR_BOX = 0xffdddd;

  private Screenshot() {}

  /**
   * Why the screenshot is not a good picture of the walk, or empty when it is.
   *
   * @param png the screenshot
   * @param expectRed whether the walk had a lame or silent server, drawn red
   */
  static Optional<String> problem(Path png, boolean expectRed) throws IOException {
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      return Optional.of("no screenshot at " + png);
    }
    BufferedImage image = ImageIO.read(png.toFile());
    if (image == null) {
      return Optional.of("the screenshot " + png + " is not a readable image");
    }
    long pixels = (long) image.getWidth() * image.getHeight();
    Map<Integer, Integer> counts = new HashMap<>();
    long red = 0;
    long errorBox = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        counts.merge(rgb, 1, Integer::sum);
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if (r >= 170 && g <= 80 && b <= 80) {
          red++;
        }
        if (near(rgb, ERROR_BOX)) {
          errorBox++;
        }
      }
    }
    int commonest = counts.values().stream().max(Integer::compare).orElse(0);
    if (pixels - commonest < pixels / 200) {
      return Optional.of(
          "the screenshot is (nearly) one colour: "
              + (pixels - commonest)
              + " of "
              + pixels
              + " pixels differ from the commonest");
    }
    if (errorBox > 2_000) {
      return Optional.of(
          "the screenshot shows chromium's XML error box (" + errorBox + " pixels): broken SVG");
    }
    if (expectRed && red < 50) {
      return Optional.of("no red in the screenshot (" + red + " pixels), yet a server was lame");
    }
    return Optional.empty();
  }

  private static boolean near(int rgb, int target) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs((rgb >> shift & 0xff) - (target >> shift & 0xff)) > 4) {
        return false;
      }
    }
    return true;
  }
}
