package org.accommodate.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatternMatchTest {
  // The shipped lists' patterns (terms/en.tsv) and one that can start with a non-word character.
  private static final String[] REGEXES = {"[0-9]+(\\.[0-9]+)? ?mg", "f(0[1-9]|[1-9][0-9])(\\.[0-9a-z]{1,4})?",
      "h00[0-4][0-9]", "\\.?[0-9]+"};
  private static final String[] PIECES = {"1", "0", "5", "9", ".", " ", "mg", "m", "g", "f", "h", "00", "a", "é", "٣",
      "\n", "-", "\uD801\uDC00", "\uD835\uDFCE", "\uD801", "\uDC00"};

  @Test
  void theLookBehindTestedAfterTheMatchFindsWhatTheRegexFound() {
    Random random = new Random(20261128);
    for (String regex : REGEXES) {
      Pattern reference = Pattern.compile("(?<![\\p{L}\\p{N}])" + regex + "(?![\\p{L}\\p{N}])");
      Pattern scanned = Pattern.compile("(?:" + regex + ")(?![\\p{L}\\p{N}])");
      for (int i = 0; i < 50_000; i++) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
          text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        String input = text.toString();
        List<String> expected = new ArrayList<>();
        Matcher matcher = reference.matcher(input);
        while (matcher.find()) {
          expected.add(matcher.start() + "-" + matcher.end());
        }
        List<String> actual = SensitiveTermScanner.matches(scanned, input).stream()
            .map((MatchResult m) -> m.start() + "-" + m.end()).toList();
        assertEquals(expected, actual, () -> regex + " on " + input.codePoints()
            .mapToObj(c -> String.format("U+%04X", c)).toList());
      }
    }
  }
}
