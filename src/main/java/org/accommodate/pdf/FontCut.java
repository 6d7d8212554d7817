package org.accommodate.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFSubsetter;

/**
 * A DejaVu face cut down to the characters of Latin-script letters. Loading a TrueType font into
 * a document makes PDFBox write and read back the width of every glyph (DejaVu Sans has about
 * 6,000), although saving keeps only the glyphs used; a cut of a few hundred glyphs makes that
 * cheap. Text with any character outside the cut uses the whole face, so bidi shaping and other
 * scripts take the same path as before.
 */
public final class FontCut {
  // Basic Latin, Latin-1, Latin Extended-A/B, spacing modifiers, general punctuation and the euro.
  private static final int[][] RANGES = {{0x20, 0x7E}, {0xA0, 0x24F}, {0x2B0, 0x2FF}, {0x2010, 0x205E}, {0x20AC, 0x20AC}};

  private FontCut() {}

  /** Whether every character of {@code text} is in the cut (line ends and tabs need no glyph). */
  public static boolean covers(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 || c > 0x7E) && c != '\n' && c != '\r' && c != '\t' && !inRanges(c)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the character {@code codePoint} is in the cut's ranges (the face may still lack it). */
  static boolean inRanges(int c) {
    for (int[] range : RANGES) {
      if (c >= range[0] && c <= range[1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The cut of the TrueType font in {@code face}, as a font file without hinting (see
   * {@link Unhinted}). Made once per process: each
   * thread then parses the small cut, and never the whole face unless a letter needs it (a parsed
   * DejaVu face holds its character maps and glyph names, tens of thousands of objects).
   */
  static byte[] of(byte[] face) {
    try {
      TTFSubsetter subsetter = new TTFSubsetter(Fonts.parse(face));
      for (int[] range : RANGES) {
        for (int c = range[0]; c <= range[1]; c++) {
          subsetter.add(c);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      subsetter.writeToStream(out);
      return Unhinted.of(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("font cut", e);
    }
  }
}
