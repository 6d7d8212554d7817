package org.accommodate.request;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.accommodate.InputException;

/** Checks the clinic's letterhead branding: a small, real PNG logo and a readable accent colour. */
final class Branding {
  static final String DEFAULT_ACCENT = "#2f4a63";
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int MAX_BYTES = 512 * 1024;

  private Branding() {}

  /** The logo as a PNG flattened on white: no transparency groups, one image per letter. */
  static byte[] logo(String field, Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InputException(field + ": larger than 512 KiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw InputException.io(field + ": cannot read " + file, e);
    }
    if (bytes.length < PNG.length || !Arrays.equals(Arrays.copyOf(bytes, PNG.length), PNG)) {
      throw new InputException(field + ": must be a PNG image");
    }
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null || image.getWidth() > 4000 || image.getHeight() > 4000) {
        throw new InputException(field + ": is not a readable PNG of at most 4000 x 4000 pixels");
      }
      BufferedImage flat = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      var graphics = flat.createGraphics();
      graphics.setColor(java.awt.Color.WHITE);
      graphics.fillRect(0, 0, flat.getWidth(), flat.getHeight());
      graphics.drawImage(image, 0, 0, null);
      graphics.dispose();
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      ImageIO.write(flat, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new InputException(field + ": is not a readable PNG", e);
    }
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
