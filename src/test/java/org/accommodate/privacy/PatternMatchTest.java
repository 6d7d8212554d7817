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

  // The scan runs a pattern only over text holding what one of its matches would begin with.
  @Test
  void aPatternsLiteralStartIsInEveryTextItMatches() throws Exception {
    assertEquals(List.of("born "), SensitiveTermScanner.Term.literalStarts("born (on |in )?[0-9]{4}"));
    assertEquals(List.of("5150", "5250"), SensitiveTermScanner.Term.literalStarts("5150|5250"));
    assertEquals(List.of(), SensitiveTermScanner.Term.literalStarts("5150|[0-9]"));
    assertEquals(List.of("a"), SensitiveTermScanner.Term.literalStarts("ab?c"));
    assertEquals(List.of("z71"), SensitiveTermScanner.Term.literalStarts("z71\\.?[45]"));
    assertEquals(List.of(), SensitiveTermScanner.Term.literalStarts("[0-9]{3} [0-9]{2}"));
    assertEquals(List.of("x"), SensitiveTermScanner.Term.literalStarts("x(a|b)"));
    List<String> shipped = new ArrayList<>();
    for (String list : List.of("en", "es")) {
      try (var in = SensitiveTermScanner.class.getResourceAsStream("terms/" + list + ".tsv")) {
        new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
            .filter(l -> l.startsWith("PATTERN\t")).forEach(l -> shipped.add(l.split("\t")[2]));
      }
    }
    String[] pieces = {"born ", "on ", "3/14/1985", "1985 03 14", "march 14 1985", "chart ", "# ", "88213", "nacida ",
        "el ", "14 de marzo de 1985", "f10", ".2", "h0012", "90792", "z71.41", "5150", "988", "123 45 6789", "20 mg",
        "b", "o", " ", "a", "x"};
    Random random = new Random(20261208);
    for (String regex : shipped) {
      Pattern scanned = Pattern.compile("(?:" + regex + ")(?![\\p{L}\\p{N}])");
      List<String> starts = SensitiveTermScanner.Term.literalStarts(regex);
      int matched = 0;
      for (int i = 0; i < 20_000; i++) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(6); n > 0; n--) {
          text.append(pieces[random.nextInt(pieces.length)]);
        }
        if (!SensitiveTermScanner.matches(scanned, text.toString()).isEmpty()) {
          matched++;
          assertEquals(true, starts.isEmpty() || starts.stream().anyMatch(text.toString()::contains),
              regex + " matched " + text + " without any of " + starts);
        }
      }
      assertEquals(true, matched > 0, regex + " never matched: the test's pieces need its words");
    }
  }
}
