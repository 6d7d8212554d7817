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
    Random random = new Random(20261128);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(14); n > 0; n--) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String input = text.toString();
      assertEquals(SPLIT.matcher(input).replaceAll(""), TextFolding.joinSplitWords(input), () -> input.codePoints()
          .mapToObj(c -> String.format("U+%04X", c)).toList().toString());
    }
  }

  @Test
  void hyphenatedAndLineBrokenWordsJoin() {
    assertEquals("addiction addiction adiccion", TextFolding.views("Ad-\ndiction ad -  diction ADIC\r\nCIÓN").joined());
  }
}
