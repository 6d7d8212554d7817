package org.accommodate;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * PNG images in memory only. ImageIO's stream helpers cache through temporary files in
 * java.io.tmpdir by default, which put the picture of a patient's letter (--png) on a shared
 * disk, left behind when the process is killed.
 */
public final class Png {
  private Png() {}

  public static byte[] encode(RenderedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer");
      }
    }
    return bytes.toByteArray();
  }

  /**
   * The image in {@code png}, or null when it is not a PNG ImageIO can read or is wider or
   * taller than {@code maxSide}; the size is read from the header, before any pixel is decoded.
   */
  public static BufferedImage decode(byte[] png, int maxSide) throws IOException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        if (reader.getWidth(0) > maxSide || reader.getHeight(0) > maxSide) {
          return null;
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    }
  }
}
