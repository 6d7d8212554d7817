package org.accommodate.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The DejaVu TrueType fonts from jasperreports-fonts, read once per process. */
public final class Fonts {
  private static final String DIR = "net/sf/jasperreports/fonts/dejavu/";
  private static volatile byte[] regular;

  private Fonts() {}

  public static byte[] regular() {
    byte[] bytes = regular;
    if (bytes == null) {
      bytes = read("DejaVuSans.ttf");
      regular = bytes;
    }
    return bytes;
  }

  static byte[] read(String name) {
    try (InputStream in = Fonts.class.getClassLoader().getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("font missing from the class path: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
