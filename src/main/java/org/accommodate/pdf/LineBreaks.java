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
final class LineBreaks implements FSTextBreaker {
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
}
