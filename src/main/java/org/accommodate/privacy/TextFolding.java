package org.accommodate.privacy;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normalized views of a text that terms are matched against (domain.md §4.2): Unicode
 * compatibility forms, no accents or invisible characters, lower case, and a second view with
 * hyphenated and line-broken words joined, so "Ad-\ndiction" and "ADICCION" both match.
 */
final class TextFolding {
  private static final Pattern INVISIBLE = Pattern.compile("[\\u00AD\\u200B-\\u200F\\u2060-\\u2064\\uFEFF\\u034F\\u180E]");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  // A hyphen or a line break (with optional spaces) between two letters joins a split word.
  private static final Pattern SPLIT = Pattern.compile("(?<=\\p{L})(?:\\s*[\\p{Pd}\\u2212_]\\s*|[ \\t]*\\R[ \\t]*)(?=\\p{L})");

  private TextFolding() {}

  /**
   * The three views of one text, made from a single normalization.
   *
   * @param cased case kept, dashes read as spaces (for abbreviations)
   * @param folded lower case, dashes read as spaces
   * @param joined folded, with hyphenated and line-broken words joined
   */
  record Views(String cased, String folded, String joined) {}

  static Views views(String text) {
    String plain = plain(text);
    String cased = spaced(plain);
    return new Views(cased, cased.toLowerCase(Locale.ROOT), spaced(SPLIT.matcher(plain).replaceAll("")).toLowerCase(Locale.ROOT));
  }

  /** Accents, invisible characters and compatibility forms removed; case kept. */
  static String plain(String text) {
    if (ascii(text)) {
      return text;  // nothing to normalize, no marks, nothing invisible
    }
    String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
    compatible = INVISIBLE.matcher(compatible).replaceAll("");
    return MARKS.matcher(Normalizer.normalize(compatible, Normalizer.Form.NFD)).replaceAll("");
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
