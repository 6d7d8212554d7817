package org.accommodate.pdf;

import com.openhtmltopdf.extend.FSTextBreaker;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * Where a line may break: the JDK's line iterator, which openhtmltopdf uses by default, without
 * the breaks Unicode's rules forbid inside times, abbreviations and codes (UAX #14 LB25, LB29):
 * after a full stop, colon, comma or semicolon that a letter or digit follows directly, and after
 * a hyphen before a digit. The default ended a line with "1:" and began the next with "00 p.m.",
 * or split "p." from "m." and "E-" from "00412". ICU's UAX #14 iterator gives the same breaks
 * here, but made a cold 1,000-letter batch about a second slower.
 */
public final class LineBreaks implements FSTextBreaker {
  private static final ThreadLocal<LineBreaks> PER_THREAD = ThreadLocal.withInitial(LineBreaks::new);

  private final BreakIterator breaker = BreakIterator.getLineInstance(Locale.ROOT);
  private String text = "";

  private LineBreaks() {}

  /** One per thread, reused letter after letter: a render uses it from one thread, one text at a time. */
  static LineBreaks forThisThread() {
    return PER_THREAD.get();
  }

  @Override
  public void setText(String newText) {
    text = newText;
    breaker.setText(newText);
  }

  @Override
  public int next() {
    int at = breaker.next();
    while (at != BreakIterator.DONE && at > 0 && at < text.length() && joined(text.charAt(at - 1), text.charAt(at))) {
      at = breaker.next();
    }
    return at;
  }

  static boolean joined(char before, char after) {
    return (before == '.' || before == ':' || before == ',' || before == ';') && Character.isLetterOrDigit(after)
        || before == '-' && Character.isDigit(after);
  }

  // The shipped templates' text width (letter paper, 0.85 in margins) and the largest size a
  // field prints at: the letterhead's clinic name, and the heading that holds the patient's name.
  private static final float LINE_POINTS = (8.5f - 2 * 0.85f) * 72;
  private static final float CLINIC_NAME_POINTS = 14f;
  private static final float FIELD_POINTS = 10.5f;

  /**
   * Refuses a field with a run of text no line can hold (no space or other break in it): the
   * renderer lets it run off the page, so the reader would not see what the letter says. Measured
   * in DejaVu Sans Bold at the size the field prints at; a character that face lacks counts a
   * full em.
   */
  public static void checkFits(java.util.Map<String, String> fields) {
    fields.forEach((field, text) -> {
      if (text == null || text.length() < 20) {
        return;  // twenty characters fit on any line
      }
      org.apache.fontbox.ttf.TrueTypeFont bold = Fonts.parsedFace(Fonts.BOLD, FontCoverage.cutSuffices(text));
      float points = field.equals("profile.clinic.name") ? CLINIC_NAME_POINTS : FIELD_POINTS;
      LineBreaks breaks = forThisThread();
      breaks.setText(text);
      int start = 0;
      for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
        if (width(bold, text.substring(start, end).strip()) * points > LINE_POINTS) {
          throw new org.accommodate.InputException(field + ": has a run of text with no space or other break that is"
              + " too wide for a line of the letter (it would run off the page); add spaces");
        }
      }
    });
  }

  // In ems.
  private static float width(org.apache.fontbox.ttf.TrueTypeFont font, String run) {
    try {
      org.apache.fontbox.ttf.CmapLookup cmap = font.getUnicodeCmapLookup();
      float units = font.getUnitsPerEm();
      float width = 0;
      for (int i = 0; i < run.length(); ) {
        int c = run.codePointAt(i);
        int glyph = cmap.getGlyphId(c);
        width += glyph == 0 ? 1 : font.getAdvanceWidth(glyph) / units;
        i += Character.charCount(c);
      }
      return width;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
