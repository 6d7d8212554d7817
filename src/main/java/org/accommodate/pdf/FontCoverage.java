package org.accommodate.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.accommodate.InputException;
import org.apache.fontbox.ttf.CmapLookup;

/**
 * Refuses text the letter's fonts cannot draw: a character without a glyph would print as a blank
 * box, and a letter with a garbled name is worse than no letter.
 */
public final class FontCoverage {
  // The regular and bold character maps of the cuts (true) and of the whole faces (false).
  private static final Map<Boolean, CmapLookup[]> FACES = new java.util.concurrent.ConcurrentHashMap<>();
  // A profile font's character map, made once per process and then only read (by any thread).
  private static final Map<java.nio.file.Path, CmapLookup> PROFILE_CMAPS = new java.util.concurrent.ConcurrentHashMap<>();

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
    java.util.List<CmapLookup> extra = new java.util.ArrayList<>();
    for (java.nio.file.Path font : extraFonts) {
      try {
        extra.add(profileCmap(font));
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
        for (CmapLookup font : faces(FontCut.inRanges(cp))) {
          if (font.getGlyphId(cp) == 0) {
            String script = Character.UnicodeScript.of(cp).name().toLowerCase(Locale.ROOT).replace('_', ' ');
            throw new InputException(field + ": has characters (" + script + " script) that the letter's fonts"
                + " cannot show; add a font for them in the profile (fonts:) or use another spelling");
          }
        }
      });
    });
  }

  /**
   * Whether the Latin cuts draw {@code text} exactly as the whole faces would: every character in
   * the cut's ranges is in the cut exactly when it is in the face (FontCutTest), and a character
   * outside them that neither whole face has comes from a profile font either way. A letter with
   * a Japanese name then loads the cuts rather than two 6,000-glyph faces.
   */
  static boolean cutSuffices(CharSequence text) {
    if (FontCut.covers(text)) {
      return true;
    }
    return text.codePoints().allMatch(c -> c == '\n' || c == '\r' || c == '\t' || FontCut.inRanges(c)
        || java.util.Arrays.stream(faces(false)).allMatch(face -> face.getGlyphId(c) == 0));
  }

  // Regular and bold: names also appear in the bold subject line. A character in the Latin cut's
  // ranges is looked up in the cuts, which hold it exactly when the face does: the renderer makes
  // them anyway, and parsing both whole faces' character maps took 65 ms of a 0.9 s letter.
  private static CmapLookup[] faces(boolean cut) {
    return FACES.computeIfAbsent(cut, c -> new CmapLookup[] {
        cmap(c ? Fonts.cut(Fonts.REGULAR) : Fonts.face(Fonts.REGULAR)),
        cmap(c ? Fonts.cut(Fonts.BOLD) : Fonts.face(Fonts.BOLD))});
  }

  private static CmapLookup profileCmap(java.nio.file.Path font) throws IOException {
    java.nio.file.Path key = font.toAbsolutePath().normalize();
    CmapLookup cmap = PROFILE_CMAPS.get(key);
    if (cmap == null) {
      // From this thread's parse, which the renderer then uses too: one parse of the font, not two.
      if (Fonts.postScriptOutlines(Fonts.profileFile(key))) {
        throw new InputException("profile.fonts: " + font.getFileName() + " has PostScript (CFF) outlines, which"
            + " cannot be embedded as a subset; use a font with TrueType outlines (.ttf, or a .ttc collection)");
      }
      cmap = Fonts.parsedProfile(key).getUnicodeCmapLookup();
      if (cmap == null) {
        throw new IOException("no Unicode character map");
      }
      PROFILE_CMAPS.putIfAbsent(key, cmap);
    }
    return cmap;
  }

  private static CmapLookup cmap(byte[] font) {
    try {
      return Fonts.parse(font).getUnicodeCmapLookup();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
