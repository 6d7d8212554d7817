package org.accommodate.request;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.accommodate.InputException;

/** Checks the clinic's letterhead branding: a small, real PNG logo and a readable accent colour. */
final class Branding {
  static final String DEFAULT_ACCENT = "#2f4a63";
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int MAX_BYTES = 512 * 1024;
  static final int MAX_SIDE = 1600;

  private Branding() {}

  /**
   * The logo as a PNG flattened on white (no transparency groups), at most {@link #MAX_SIDE} pixels
   * on its longer side: one image per letter.
   */
  static byte[] logo(String field, Path file) {
    byte[] bytes;
    try {
      bytes = org.accommodate.SmallFiles.read(file, MAX_BYTES);
    } catch (org.accommodate.SmallFiles.TooLarge e) {
      throw new InputException(field + ": larger than 512 KiB");
    } catch (IOException e) {
      throw InputException.io(field + ": cannot read " + file, e);
    }
    if (bytes.length < PNG.length || !Arrays.equals(Arrays.copyOf(bytes, PNG.length), PNG)) {
      throw new InputException(field + ": must be a PNG image");
    }
    try {
      BufferedImage image = org.accommodate.Png.decode(bytes, 4000);
      if (image == null || image.getWidth() > 4000 || image.getHeight() > 4000) {
        throw new InputException(field + ": is not a readable PNG of at most 4000 x 4000 pixels");
      }
      // At most MAX_SIDE pixels on the longer side: the shipped letterheads print the logo within
      // 1.8 x 0.55 in, so 1,600 pixels is 600 dpi and more; every letter embeds the image and
      // the renderer decodes it again for each (a 4000 x 4000 logo: 64 MB per letter).
      double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(image.getWidth(), image.getHeight()));
      // Halved step by step, each step bilinear, so every source pixel counts (one bilinear step
      // of more than half skips pixels; area averaging took 1.6 s for 4000 x 4000).
      int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
      int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
      BufferedImage flat = image;
      do {
        flat = onWhite(flat, Math.max(width, flat.getWidth() / 2), Math.max(height, flat.getHeight() / 2));
      } while (flat.getWidth() != width || flat.getHeight() != height);
      return org.accommodate.Png.encode(flat);
    } catch (IOException e) {
      throw new InputException(field + ": is not a readable PNG", e);
    }
  }

  // {@code image} drawn at width x height on an opaque white image, bilinear.
  private static BufferedImage onWhite(BufferedImage image, int width, int height) {
    BufferedImage flat = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var graphics = flat.createGraphics();
    graphics.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    graphics.setColor(java.awt.Color.WHITE);
    graphics.fillRect(0, 0, width, height);
    graphics.drawImage(image, 0, 0, width, height, null);
    graphics.dispose();
    return flat;
  }

  /** #RRGGBB dark enough for text on white (WCAG 2 contrast of at least 4.5:1). */
  static String accent(String field, String value) {
    if (!value.matches("#[0-9A-Fa-f]{6}")) {
      throw new InputException(field + ": must be a colour written #RRGGBB");
    }
    double luminance = 0;
    double[] weights = {0.2126, 0.7152, 0.0722};
    for (int i = 0; i < 3; i++) {
      double channel = Integer.parseInt(value.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
      channel = channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
      luminance += weights[i] * channel;
    }
    double contrast = 1.05 / (luminance + 0.05);
    if (contrast < 4.5) {
      throw new InputException(field + ": too light to read on white (contrast "
          + String.format(java.util.Locale.ROOT, "%.1f", contrast) + ":1; at least 4.5:1 is needed)");
    }
    return value.toLowerCase(java.util.Locale.ROOT);
  }
}
