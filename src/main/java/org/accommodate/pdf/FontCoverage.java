package org.accommodate.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.accommodate.InputException;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * Refuses text the letter's fonts cannot draw: a character without a glyph would print as a blank
 * box, and a letter with a garbled name is worse than no letter.
 */
public final class FontCoverage {
  private static volatile CmapLookup[] lookups;

  private FontCoverage() {}

  /** Checks every printed field; the message names the field and the script, never the text. */
  public static void check(Map<String, String> fields) {
    CmapLookup[] fonts = lookups();
    fields.forEach((field, text) -> {
      if (text == null) {
        return;
      }
      text.codePoints().forEach(cp -> {
        if (Character.isWhitespace(cp) || Character.getType(cp) == Character.FORMAT || cp == 0x00A0) {
          return;
        }
        for (CmapLookup font : fonts) {
          if (font.getGlyphId(cp) == 0) {
            String script = Character.UnicodeScript.of(cp).name().toLowerCase(Locale.ROOT).replace('_', ' ');
            throw new InputException(field + ": has characters (" + script + " script) that the letter's font"
                + " cannot show; use another spelling");
          }
        }
      });
    });
  }

  // Regular and bold: names also appear in the bold subject line.
  private static CmapLookup[] lookups() {
    CmapLookup[] fonts = lookups;
    if (fonts == null) {
      fonts = new CmapLookup[] {cmap(Fonts.regular()), cmap(Fonts.read("DejaVuSans-Bold.ttf"))};
      lookups = fonts;
    }
    return fonts;
  }

  private static CmapLookup cmap(byte[] font) {
    try {
      TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font));
      return ttf.getUnicodeCmapLookup();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
