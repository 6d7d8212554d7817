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
  private static final Pattern DASHES = Pattern.compile("[\\p{Pd}\\u2212_]");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  // A hyphen or a line break (with optional spaces) between two letters joins a split word.
  private static final Pattern SPLIT = Pattern.compile("(?<=\\p{L})(?:\\s*[\\p{Pd}\\u2212_]\\s*|[ \\t]*\\R[ \\t]*)(?=\\p{L})");

  private TextFolding() {}

  /** Accents, invisible characters and compatibility forms removed; case kept. */
  static String plain(String text) {
    String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
    compatible = INVISIBLE.matcher(compatible).replaceAll("");
    return MARKS.matcher(Normalizer.normalize(compatible, Normalizer.Form.NFD)).replaceAll("");
  }

  /** Case-sensitive view for abbreviations: dashes read as spaces. */
  static String cased(String text) {
    return SPACES.matcher(DASHES.matcher(plain(text)).replaceAll(" ")).replaceAll(" ").strip();
  }

  /** Folded view: lower case, dashes read as spaces. */
  static String folded(String text) {
    return cased(text).toLowerCase(Locale.ROOT);
  }

  /** Folded view with hyphenated and line-broken words joined. */
  static String joined(String text) {
    String plain = plain(text);
    return SPACES.matcher(DASHES.matcher(SPLIT.matcher(plain).replaceAll("")).replaceAll(" "))
        .replaceAll(" ").strip().toLowerCase(Locale.ROOT);
  }
}
