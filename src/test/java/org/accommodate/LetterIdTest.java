package org.accommodate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.accommodate.privacy.SensitiveTermScanner;
import org.junit.jupiter.api.Test;

/**
 * A letter's ID is printed in the letter and names its file, and the scan exempts it: a random
 * ID must never read as a diagnosis or a kind of care ("ADHD-FZ2A-8ZPF-Y3WM" came out of a test
 * run before session 13).
 */
class LetterIdTest {
  @Test
  void codesThatSpellAListedTermAreRecognized() {
    SensitiveTermScanner terms = SensitiveTermScanner.standard();
    for (String code : List.of("ADHD-FZ2A-8ZPF-Y3WM", "7G2K-PTSD-0000-1111", "XY12-TDAH-ZZZZ-9999", "2MAT-AAAA-BBBB-CCCC",
        "QQQQ-RRRR-METH-1234", "ZZZZ-EMDR-1111-2222",
        // Issued in session 21: the diagnostic manual's name, which the lists had only with a separator.
        "DSM5-2NCZ-1FAA-3P79", "0DSM-2NCZ-1FAA-3P79")) {
      assertTrue(terms.spelledIn(code), code);
    }
    for (String code : List.of("4JH0-X1B0-Z83N-KQTA", "VHJA-5X1V-ZMBX-S9W4", "M4T0-1234-5678-9ABC")) {
      assertFalse(terms.spelledIn(code), code);
    }
  }

  @Test
  void noIssuedIdHoldsAnAbbreviationOfTheLists() throws IOException {
    // The abbreviations read straight from the shipped lists, not through the scanner.
    Set<String> abbreviations = new HashSet<>();
    for (String list : List.of("en.tsv", "es.tsv")) {
      try (InputStream in = getClass().getResourceAsStream("/org/accommodate/privacy/terms/" + list)) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String[] parts = line.split("\t");
          if (parts[0].startsWith("ABBR") && parts[2].length() >= 3) {
            abbreviations.add(parts[2]);
          }
        }
      }
    }
    assertTrue(abbreviations.containsAll(List.of("ADHD", "PTSD", "TDAH", "MAT", "EMDR")), abbreviations.toString());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      String id = Letters.newLetterId();
      assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), id);
      for (String abbreviation : abbreviations) {
        for (String group : id.split("-")) {
          assertFalse(group.contains(abbreviation), id + " holds " + abbreviation);
        }
      }
      seen.add(id);
    }
    assertEquals(50_000, seen.size(), "IDs stay random");
  }
}
