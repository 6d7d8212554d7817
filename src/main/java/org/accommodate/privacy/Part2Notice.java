package org.accommodate.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.accommodate.PrivacyRefusalException;

/**
 * The notice that must accompany every disclosure by a 42 CFR Part 2 program (42 CFR 2.32(a),
 * 2024 text), kept once as canonical text and checked against its pinned hash at every render so
 * that an edited or superseded wording can never be printed.
 */
final class Part2Notice {
  // SHA-256 of the canonical UTF-8 text (paragraphs separated by single line breaks, no final break).
  private static final String STATEMENT_1_SHA256 = "dae0b4d455d63722bc4e0d3760e8319ba4ea929068b0a9d96244bf20c338245d";
  private static final String STATEMENT_2_SHA256 = "79fee3d6dff7e052183c61b66bfed589f0f45dcf330bb277e07b396bd12e9774";
  // Wordings from the 2018 and 2020 rules, which the 2024 rule replaced.
  private static final List<String> SUPERSEDED = List.of(
      "This information has been disclosed to you from records protected by federal confidentiality rules",
      "prohibits unauthorized disclosure of these records.");

  private Part2Notice() {}

  /** The statement's paragraphs, verified; statement is 1 or 2. */
  static List<String> paragraphs(int statement) {
    String text = canonical(statement);
    String expected = statement == 2 ? STATEMENT_2_SHA256 : STATEMENT_1_SHA256;
    if (!expected.equals(sha256(text)) || SUPERSEDED.stream().anyMatch(text::contains)) {
      throw new PrivacyRefusalException("organization.part2_statement: the 42 CFR 2.32 notice text failed its"
          + " integrity check; reinstall the tool");
    }
    return List.of(text.split("\n"));
  }

  private static String canonical(int statement) {
    String name = "org/accommodate/privacy/part2-statement-" + (statement == 2 ? 2 : 1) + ".txt";
    try (InputStream in = Part2Notice.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new PrivacyRefusalException("organization.part2_statement: the 42 CFR 2.32 notice text is missing;"
            + " reinstall the tool");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PrivacyRefusalException("organization.part2_statement: the 42 CFR 2.32 notice text cannot be read");
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
