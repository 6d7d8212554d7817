package org.accommodate.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.icu.text.SpoofChecker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookalikesTest {
  /**
   * The shipped table is exactly what Unicode's confusables data (ICU's skeletons) gives: every
   * letter that the earlier folding steps leave as it is and whose skeleton is that of one ASCII
   * letter. When ICU is updated, the expected table is written to target/ to replace the shipped one.
   */
  @Test
  void theTableIsWhatUnicodesConfusablesGive() throws IOException {
    String expected = derived();
    String shipped;
    try (InputStream in = Lookalikes.class.getResourceAsStream("lookalikes.tsv")) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!expected.equals(shipped)) {
      Files.writeString(Path.of("target", "lookalikes.tsv"), expected);
    }
    assertEquals(expected, shipped, "regenerated as target/lookalikes.tsv");
  }

  static String derived() {
    SpoofChecker checker = new SpoofChecker.Builder().build();
    Map<String, List<Character>> ascii = new HashMap<>();
    for (char c = 'A'; c <= 'z'; c++) {
      if (Character.isLetter(c)) {
        ascii.computeIfAbsent(checker.getSkeleton(String.valueOf(c)), k -> new ArrayList<>()).add(c);
      }
    }
    StringBuilder table = new StringBuilder(HEADER);
    for (int c = 0x80; c <= Character.MAX_CODE_POINT; c++) {
      String text = Character.toString(c);
      if (!Character.isLetter(c) || !Normalizer.normalize(text, Normalizer.Form.NFKC).equals(text)
          || !Normalizer.normalize(text, Normalizer.Form.NFD).equals(text)) {
        continue;  // folding has already turned it into something else
      }
      List<Character> candidates = ascii.get(checker.getSkeleton(text));
      if (candidates != null) {
        table.append(String.format("%04X\t%s%n", c, pick(c, candidates)));
      }
    }
    return table.toString();
  }

  // "l" and "I" share a skeleton: an upper-case look-alike reads as I, any other as l.
  private static char pick(int c, List<Character> candidates) {
    for (char candidate : candidates) {
      if (Character.isUpperCase(candidate) == Character.isUpperCase(c)) {
        return candidate;
      }
    }
    return candidates.get(0);
  }

  private static final String HEADER = """
      # Letters that look like one ASCII letter, and that letter: the scanner reads "mеthadone"
      # with a Cyrillic е as "methadone". Derived from Unicode's confusables data (ICU's
      # skeletons) by LookalikesTest, which fails when this file differs from what it derives.
      """;
}
