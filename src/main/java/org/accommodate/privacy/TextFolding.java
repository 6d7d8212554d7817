package org.accommodate.privacy;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * The normalized views of a text that terms are matched against (domain.md §4.2): Unicode
 * compatibility forms, no accents or invisible characters, lower case, and a second view with
 * hyphenated and line-broken words joined and spelt-out initialisms read as words, so
 * "Ad-\ndiction", "ADICCION" and "I.O.P." all match.
 */
final class TextFolding {
  private TextFolding() {}

  /**
   * The views of one text, made from a single normalization.
   *
   * @param cased case kept, dashes read as spaces (for abbreviations)
   * @param folded lower case, dashes read as spaces
   * @param joinedCased case kept, with hyphenated and line-broken words joined and initialisms
   *     written with dots or spaces read as one word
   * @param joined {@code joinedCased} in lower case
   */
  record Views(String cased, String folded, String joinedCased, String joined) {}

  static Views views(String text) {
    String plain = plain(text);
    String cased = spaced(plain);
    String joinedCased = spaced(initialisms(joinSplitWords(plain)));
    return new Views(cased, cased.toLowerCase(Locale.ROOT), joinedCased, joinedCased.toLowerCase(Locale.ROOT));
  }

  /**
   * Initialisms written letter by letter read as one word: with dots ("I.O.P.", "i. o. p.",
   * "A.A.", "M.E.T.H.A.D.O.N.E"), two letters or more, in capitals, since the dots mark an
   * abbreviation; with single spaces ("m e t h a d o n e", "I O P"), three letters or more, as
   * typed. "a.m." becomes "AM" and "J. R. Smith" "JR Smith", which name nothing.
   */
  static String initialisms(String text) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < text.length(); i++) {
      if (!singleLetterAt(text, i)) {
        continue;
      }
      StringBuilder letters = new StringBuilder().append(text.charAt(i));
      boolean dotted = false;
      boolean spaced = false;
      int end = i + 1;  // what the initialism takes of the text: its letters and their dots
      int next = i + 1;
      while (next < text.length()) {
        boolean dot = text.charAt(next) == '.';
        int k = dot ? next + 1 : next;
        if (k < text.length() && text.charAt(k) == ' ') {
          k++;
        }
        if (k == next || (dot ? spaced : dotted)) {
          break;
        }
        if (dot) {
          end = next + 1;
        }
        if (!singleLetterAt(text, k)) {
          break;
        }
        dotted |= dot;
        spaced |= !dot;
        letters.append(text.charAt(k));
        next = k + 1;
        end = next;
      }
      if (dotted ? letters.length() < 2 : letters.length() < 3) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, i).append(dotted ? letters.toString().toUpperCase(Locale.ROOT) : letters);
      copied = end;
      i = end - 1;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  // A letter standing alone: no letter or digit just before or after it.
  private static boolean singleLetterAt(String text, int i) {
    return i < text.length() && Character.isLetter(text.charAt(i))
        && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
        && (i + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(i + 1)));
  }

  /**
   * A hyphen or a line break (with optional spaces) between two letters joins a split word:
   * exactly what {@code (?<=\p{L})(?:\s*[\p{Pd}\u2212_]\s*|[ \t]*\R[ \t]*)(?=\p{L})} replaced
   * by nothing gives, in one pass without a look-behind at every position (a sixth of a
   * letter's output scan).
   */
  static String joinSplitWords(String text) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 1; i < text.length(); i++) {
      if (!isLetterBefore(text, i)) {
        continue;
      }
      int end = splitEnd(text, i);
      if (end < 0) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, i);
      copied = end;
      i = end - 1;  // the letter at end may itself start the next split
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  // The end of a split that starts at i (a letter just before it), or -1: spaces, a dash or
  // underscore, spaces; else blanks, one line break (\R, CR LF as one), blanks; then a letter.
  private static int splitEnd(String text, int i) {
    int k = i;
    while (k < text.length() && isSpace(text.charAt(k))) {
      k++;
    }
    if (k < text.length() && isDash(text.codePointAt(k))) {
      int j = k + Character.charCount(text.codePointAt(k));
      while (j < text.length() && isSpace(text.charAt(j))) {
        j++;
      }
      if (j < text.length() && Character.isLetter(text.codePointAt(j))) {
        return j;
      }
    }
    k = i;
    while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    if (k >= text.length()) {
      return -1;
    }
    char c = text.charAt(k);
    if (c == '\r' && k + 1 < text.length() && text.charAt(k + 1) == '\n') {
      k += 2;
    } else if (c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
      k++;
    } else {
      return -1;
    }
    while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    return k < text.length() && Character.isLetter(text.codePointAt(k)) ? k : -1;
  }

  // As the regex's look-behind sees it: one char, so a letter outside the BMP does not count.
  private static boolean isLetterBefore(String text, int i) {
    return Character.isLetter(text.charAt(i - 1));
  }

  // \s without UNICODE_CHARACTER_CLASS
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean isDash(int c) {
    return c == '_' || c == '\u2212' || Character.getType(c) == Character.DASH_PUNCTUATION;
  }

  /**
   * Accents, invisible characters and compatibility forms removed, letters of other scripts
   * that look like ASCII letters read as those; case kept.
   */
  static String plain(String text) {
    if (ascii(text)) {
      return text;  // nothing to normalize, no marks, nothing invisible, no look-alikes
    }
    String compatible = without(Normalizer.normalize(text, Normalizer.Form.NFKC), TextFolding::invisible);
    return latin(without(Normalizer.normalize(compatible, Normalizer.Form.NFD), TextFolding::mark));
  }

  private static String latin(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      out.appendCodePoint(Lookalikes.latin(c));
      i += Character.charCount(c);
    }
    return out.toString();
  }

  // The text without the characters {@code drop} names, and the text itself when it has none (as
  // most letters do). One pass by code point: two regex replacements were a third of plain().
  private static String without(String text, IntPredicate drop) {
    int i = 0;
    while (i < text.length() && !drop.test(text.codePointAt(i))) {
      i += Character.charCount(text.codePointAt(i));
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, i);
    while (i < text.length()) {
      int c = text.codePointAt(i);
      if (!drop.test(c)) {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }

  // Unicode's default-ignorable characters, which show nothing where they stand: format
  // characters (soft hyphen, zero-width spaces and joiners, direction marks, the Arabic letter
  // mark, BOM, tags, musical beams …), the combining grapheme joiner and the Hangul fillers.
  // Variation selectors are marks, removed with the accents.
  private static boolean invisible(int c) {
    return Character.getType(c) == Character.FORMAT || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164
        || c == 0xFFA0;
  }

  // \p{M}: combining marks of every kind.
  private static boolean mark(int c) {
    if (c < 0x300) {
      return false;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  /** Case-sensitive view for abbreviations: dashes read as spaces. */
  static String cased(String text) {
    return spaced(plain(text));
  }

  /** Folded view: lower case, dashes read as spaces. */
  static String folded(String text) {
    return cased(text).toLowerCase(Locale.ROOT);
  }

  // Dashes (\p{Pd}, minus, underscore) and runs of white space become one space; no space at
  // either end. One pass: this runs over every text a letter shows.
  private static String spaced(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pending = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '_' || c == '\u2212'
          || Character.getType(c) == Character.DASH_PUNCTUATION) {
        pending = true;
      } else {
        if (pending && out.length() > 0) {
          out.append(' ');
        }
        pending = false;
        out.append(c);
      }
    }
    return out.toString().strip();
  }

  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
