package org.accommodate.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The DejaVu TrueType fonts from jasperreports-fonts, read once per process. */
public final class Fonts {
  private static final String DIR = "net/sf/jasperreports/fonts/dejavu/";
  private static volatile byte[] regular;
  // fontbox's parsed fonts are not thread-safe: one parse of the regular face per thread.
  private static final ThreadLocal<org.apache.fontbox.ttf.TrueTypeFont> PARSED_REGULAR = ThreadLocal.withInitial(() -> {
    try {
      var font = new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(regular()));
      font.getTableMap().remove("GSUB");  // no ligatures: text extracts as typed (see PdfComposer)
      return font;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  });

  private Fonts() {}

  public static byte[] regular() {
    byte[] bytes = regular;
    if (bytes == null) {
      bytes = read("DejaVuSans.ttf");
      regular = bytes;
    }
    return bytes;
  }

  private static volatile byte[] regularCut;
  private static final ThreadLocal<org.apache.fontbox.ttf.TrueTypeFont> CUT_REGULAR =
      ThreadLocal.withInitial(() -> FontCut.parse(regularCut()));

  /** The Latin cut of the regular face (see {@link FontCut}), made once per process. */
  static byte[] regularCut() {
    byte[] cut = regularCut;
    if (cut == null) {
      cut = FontCut.of(regular());
      regularCut = cut;  // two threads may both cut it once; the results are equal
    }
    return cut;
  }

  /** The regular face for {@code text}: the Latin cut when it covers the text (see {@link FontCut}). */
  public static org.apache.fontbox.ttf.TrueTypeFont regularFor(CharSequence text) {
    return FontCut.covers(text) ? CUT_REGULAR.get() : parsedRegular();
  }

  /** The regular face, parsed once per thread, ready to be embedded as a subset. */
  public static org.apache.fontbox.ttf.TrueTypeFont parsedRegular() {
    return PARSED_REGULAR.get();
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
