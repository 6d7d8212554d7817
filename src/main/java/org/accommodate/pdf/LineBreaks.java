package org.accommodate.pdf;

import com.ibm.icu.text.BreakIterator;
import com.openhtmltopdf.extend.FSTextBreaker;
import java.util.Locale;

/**
 * Line breaks by Unicode's rules (UAX #14, through ICU) rather than the JDK's line iterator that
 * openhtmltopdf uses by default, which breaks after a colon or full stop inside a word: "1:"
 * ended a line and "00 p.m." began the next, or "p." and "m.". One breaker per thread, reused letter after letter (ICU builds the first
 * from its rule data; a render uses it from one thread, one text at a time).
 */
final class LineBreaks implements FSTextBreaker {
  private static final ThreadLocal<LineBreaks> PER_THREAD = ThreadLocal.withInitial(LineBreaks::new);

  private final BreakIterator breaker = BreakIterator.getLineInstance(Locale.ROOT);

  private LineBreaks() {}

  static LineBreaks forThisThread() {
    return PER_THREAD.get();
  }

  @Override
  public int next() {
    return breaker.next();
  }

  @Override
  public void setText(String text) {
    breaker.setText(text);
  }
}
