package org.accommodate.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Set;

/**
 * What the tool prints, made safe for a terminal: control characters (an escape sequence can move
 * the cursor, clear the screen, hide text or retitle the window) and text-direction overrides
 * (which can make a file name read as another) become U+FFFD. They can only come from input, such
 * as a request's file name, and requests may come from an export nobody read. Line breaks and
 * tabs stay (\r\n too), and so do the text styles picocli gives its help (bold, italic, yellow, red), which
 * cannot hide or move anything. The progress bar writes to the terminal on its own.
 */
final class TerminalText extends FilterWriter {
  private static final char ESC = 0x1B;
  private static final char REPLACEMENT = '\uFFFD';
  // Select Graphic Rendition parameters of picocli's default colour scheme.
  private static final Set<String> HELP_STYLES = Set.of("", "0", "1", "2", "3", "4", "21", "22", "23", "24", "31", "33", "39");

  private TerminalText(Writer out) {
    super(out);
  }

  /**
   * {@code value} as part of one printed line: a line break inside it (a file name can hold one, and
   * so can a certificate's name) becomes U+FFFD, so that it cannot start a line of its own, such as a
   * forged "Result: VALID" under a letter that is not.
   */
  static String oneLine(Object value) {
    return LINE_BREAKS.matcher(String.valueOf(value)).replaceAll("\uFFFD");
  }

  private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("[\\n\\r\\u000B\\u000C\\u2028\\u2029]");

  static PrintWriter wrap(PrintWriter writer) {
    return new PrintWriter(new TerminalText(writer), true);
  }

  private static boolean unsafe(int c) {
    return c != '\n' && c != '\t' && Character.getType(c) == Character.CONTROL
        || c == 0x061C || c == 0x200E || c == 0x200F || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
  }

  @Override
  public void write(int c) throws IOException {
    out.write(unsafe(c) ? REPLACEMENT : c);
  }

  @Override
  public void write(char[] text, int offset, int length) throws IOException {
    char[] safe = null;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (!unsafe(text[i]) || text[i] == '\r' && i + 1 < end && text[i + 1] == '\n') {
        continue;  // a Windows line break is kept whole
      }
      int style = text[i] == ESC ? helpStyle(text, i, end) : 0;
      if (style > 0) {
        i += style - 1;
        continue;
      }
      if (safe == null) {
        safe = java.util.Arrays.copyOfRange(text, offset, end);
      }
      safe[i - offset] = REPLACEMENT;
    }
    out.write(safe == null ? text : safe, safe == null ? offset : 0, length);
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    write(text.toCharArray(), offset, length);
  }

  // The length of the help style sequence (ESC [ parameters m) starting at {@code at}, or 0.
  private static int helpStyle(char[] text, int at, int end) {
    if (at + 2 >= end || text[at + 1] != '[') {
      return 0;
    }
    int i = at + 2;
    while (i < end && i - at < 24 && (Character.isDigit(text[i]) || text[i] == ';')) {
      i++;
    }
    if (i >= end || text[i] != 'm') {
      return 0;
    }
    for (String parameter : new String(text, at + 2, i - at - 2).split(";", -1)) {
      if (!HELP_STYLES.contains(parameter)) {
        return 0;
      }
    }
    return i - at + 1;
  }
}
