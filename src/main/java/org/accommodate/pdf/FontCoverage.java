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
    check(fields, java.util.List.of());
  }

  /**
   * As above, where a character may also come from one of the profile's extra fonts (the
   * renderer falls back to them glyph by glyph).
   */
  public static void check(Map<String, String> fields, java.util.List<java.nio.file.Path> extraFonts) {
    CmapLookup[] fonts = lookups();
    java.util.List<CmapLookup> extra = new java.util.ArrayList<>();
    for (java.nio.file.Path font : extraFonts) {
      try {
        extra.add(cmap(java.nio.file.Files.readAllBytes(font)));
      } catch (IOException | UncheckedIOException e) {
        throw new InputException("profile.fonts: " + font.getFileName() + " is not a readable TrueType font", e);
      }
    }
    fields.forEach((field, text) -> {
      if (text == null) {
        return;
      }
      text.codePoints().forEach(cp -> {
        if (Character.isWhitespace(cp) || Character.getType(cp) == Character.FORMAT || cp == 0x00A0) {
          return;
        }
        if (extra.stream().anyMatch(font -> font.getGlyphId(cp) != 0)) {
          return;
        }
        for (CmapLookup font : fonts) {
          if (font.getGlyphId(cp) == 0) {
            String script = Character.UnicodeScript.of(cp).name().toLowerCase(Locale.ROOT).replace('_', ' ');
            throw new InputException(field + ": has characters (" + script + " script) that the letter's fonts"
                + " cannot show; add a font for them in the profile (fonts:) or use another spelling");
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
