package org.accommodate.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextFoldingTest {
  // The rule as first written, kept as the reference for the hand-written pass.
  private static final Pattern SPLIT = Pattern.compile("(?<=\\p{L})(?:\\s*[\\p{Pd}\\u2212_]\\s*|[ \\t]*\\R[ \\t]*)(?=\\p{L})");
  // Letters (Latin, Arabic, outside the BMP), digits, every kind of blank and line break, dashes
  // (one outside the BMP), lone surrogates.
  private static final String[] PIECES = {"a", "B", "é", "ß", "ǅ", "ب", "1", "٣", ".", " ", "\t", "\n", "\r", "\r\n",
      "\u000B", "\f", "\u0085", "\u2028", "\u2029", "\u00A0", "-", "\u2013", "\u2212", "_", "\uD801\uDC00",
      "\uD803\uDEAD", "\uD83D\uDE00", "\uD801", "\uDC00"};

  @Test
  void splitWordsJoinExactlyAsTheRegexJoinedThem() {
    agreeOnRandomTexts(20261128, PIECES, 14, input -> SPLIT.matcher(input).replaceAll(""), TextFolding::joinSplitWords);
  }

  // 100,000 texts of up to maxPieces pieces each: the hand-written pass gives what the reference gives.
  private static void agreeOnRandomTexts(long seed, String[] pieces, int maxPieces,
      java.util.function.UnaryOperator<String> reference, java.util.function.UnaryOperator<String> pass) {
    Random random = new Random(seed);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(maxPieces); n > 0; n--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String input = text.toString();
      assertEquals(reference.apply(input), pass.apply(input), () -> input.codePoints()
          .mapToObj(c -> String.format("U+%04X", c)).toList().toString());
    }
  }

  // plain() as first written, with two regex replacements, then look-alikes read through a map
  // of what Unicode's confusables give (LookalikesTest), not through the shipped table.
  private static String plainByRegex(String text) {
    String compatible = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)
        .replaceAll("[\\p{Cf}\\u034F\\u115F\\u1160\\u3164\\uFFA0]", "");
    String unmarked = java.text.Normalizer.normalize(compatible, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    StringBuilder latin = new StringBuilder();
    unmarked.codePoints().forEach(c -> latin.appendCodePoint(LOOKALIKES.getOrDefault(c, c)));
    return latin.toString();
  }

  private static final java.util.Map<Integer, Integer> LOOKALIKES = LookalikesTest.derived().lines()
      .filter(line -> !line.startsWith("#"))
      .collect(java.util.stream.Collectors.toMap(line -> Integer.parseInt(line.split("\t")[0], 16),
          line -> (int) line.split("\t")[1].charAt(0)));

  // Accented and compatibility characters, every invisible one removed (an Arabic letter mark, a
  // tag, a Hangul filler, a variation selector), marks inside and outside the BMP (a musical
  // combining stem), look-alikes (Cyrillic, Greek with an accent, a script letter that NFKC
  // makes an l, Hebrew, one outside the BMP), lone surrogates.
  private static final String[] PLAIN_PIECES = {"a", "É", "ñ", "ﬁ", "①", "Å", "ǅ", "\u0301", "\u20DD", "\u0903",
      "\u00AD", "\u200B", "\u200D", "\u200F", "\u2060", "\u2064", "\uFEFF", "\u034F", "\u180E", "\u2065",
      "\u061C", "\uDB40\uDC41", "\u3164", "\uFE0F", "а", "Ο", "ά", "ℓ", "ו", "\uD801\uDC04",
      "\uD834\uDD65", "\uD83D\uDE00", "\uD801", "\uDC00", "ب", "\u064B", " ", "-", "1"};

  @Test
  void plainRemovesExactlyWhatTheRegexesRemoved() {
    agreeOnRandomTexts(20261203, PLAIN_PIECES, 10, TextFoldingTest::plainByRegex, TextFolding::plain);
  }

  // Dots mark an abbreviation (two letters are enough, read in capitals); spaced-out letters
  // join from three on, so "Plan A or B" stays as it is.
  @Test
  void initialismsWrittenLetterByLetterReadAsOneWord() {
    assertEquals("IOP at AM; AA meets; methadone; METHADONE", TextFolding.initialisms(
        "I. O. P. at a.m.; A.A. meets; m e t h a d o n e; M.E.T.H.A.D.O.N.E."));
    assertEquals("Plan A or B, a b, JR Smith, Dr. A. Lee, I.Opposite, x.1", TextFolding.initialisms(
        "Plan A or B, a b, J. R. Smith, Dr. A. Lee, I.Opposite, x.1"));
    assertEquals("iop adiccion", TextFolding.views("i.o.p. ADIC-\nCIÓN").joined());
    assertEquals("IOP ADICCION", TextFolding.views("i.o.p. ADIC-\nCIÓN").joinedCased());
  }

  @Test
  void hyphenatedAndLineBrokenWordsJoin() {
    assertEquals("addiction addiction adiccion", TextFolding.views("Ad-\ndiction ad -  diction ADIC\r\nCIÓN").joined());
  }
}
