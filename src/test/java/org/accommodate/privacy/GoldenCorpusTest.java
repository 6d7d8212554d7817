package org.accommodate.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.accommodate.AccommodateException;
import org.accommodate.Letters;
import org.accommodate.PrivacyRefusalException;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.LetterRequest;
import org.accommodate.request.ProfileReader;
import org.accommodate.request.RequestReader;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The golden corpus (domain.md §4.2): requests the scan must refuse and known false positives it
 * must let through, English and Spanish. The counts are reported in the README.
 */
class GoldenCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SENSITIVE_NAMES = "sensitive_names: [Harbor Light, Unit 4B]\n";

  record Case(int line, String field, String text) {}

  static List<Case> corpus(String name) throws IOException {
    try (InputStream in = GoldenCorpusTest.class.getResourceAsStream("/privacy/" + name)) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      List<Case> cases = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split("\t", 2);
          cases.add(new Case(i + 1, parts[0], unescaped(parts[1])));
        }
      }
      return cases;
    }
  }

  // "\\n" is a line break and "\\u{200B}" the character of that code point, so that invisible
  // and look-alike characters can be read in the corpus.
  private static String unescaped(String text) {
    return java.util.regex.Pattern.compile("\\\\u\\{([0-9A-F]{4,6})\\}").matcher(text.replace("\\n", "\n"))
        .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1), 16))));
  }

  /** Runs check on a request carrying the text in the named field; true if the scan refuses. */
  static boolean refused(Case c) throws IOException {
    String quoted = JSON.writeValueAsString(c.text());
    String request = Fixtures.request();
    String profile = Fixtures.profile() + SENSITIVE_NAMES;
    switch (c.field()) {
      case "details":
        request = request.replace("details: Start work at 1:00 p.m. on these days", "details: " + quoted);
        break;
      case "attention":
        request = request.replace("attention: Human Resources", "attention: " + quoted);
        break;
      case "organization":
        request = request.replace("organization: Acme Logistics", "organization: " + quoted)
            .replace("recipient: Acme Logistics", "recipient: " + quoted);
        break;
      case "address":
        request = request.replace("address: [100 Main Street, \"Springfield, IL 62701\"]", "address: [" + quoted + "]");
        break;
      case "credential":
        profile = profile.replace("credential: MD", "credential: " + quoted);
        break;
      default:
        throw new IllegalArgumentException(c.field());
    }
    LetterRequest parsed = new RequestReader(Fixtures.CLOCK).read(request.getBytes(StandardCharsets.UTF_8), "request.yaml");
    ClinicProfile clinic = new ProfileReader().read(profile.getBytes(StandardCharsets.UTF_8), "clinic.yaml", Path.of("."));
    Letters letters = Letters.create(Fixtures.CLOCK, Path.of("."));
    try {
      Letters.Review review = letters.check(parsed, clinic);
      PrivacyReview.enforce(review.findings(), false);
      return false;
    } catch (PrivacyRefusalException e) {
      assertTrue(!e.getMessage().contains(c.text().strip()) || c.text().length() < 5,
          "a refusal never quotes the text: " + e.getMessage());
      return true;
    } catch (AccommodateException e) {
      throw new AssertionError("line " + c.line() + ": not a privacy refusal: " + e.getMessage(), e);
    }
  }

  @Test
  void refusesEveryRequestThatWouldLeakHealthInformation() throws IOException {
    List<Case> cases = corpus("refuse.tsv");
    List<String> missed = new ArrayList<>();
    for (Case c : cases) {
      if (!refused(c)) {
        missed.add(c.line() + ": " + c.text());
      }
    }
    System.out.printf("golden corpus: refused correctly %d/%d%n", cases.size() - missed.size(), cases.size());
    assertTrue(cases.size() >= 60, "at least 60 cases");
    assertEquals(List.of(), missed);
  }

  // Care named outright is BLOCK, which --accept-warnings cannot let through; the 2026.12.4
  // lists only warned of these (an ambiguous word each: depression, treatment, counseling). An
  // ambiguous word beside one of its own care words (near=) is its care sense.
  @Test
  void careNamedOutrightIsBlockedNotOnlyWarned() {
    for (String text : List.of("Is getting treatment for depression", "Recibe tratamiento para la depresión",
        "Has depression and is in treatment twice a week", "Tiene depresión y recibe tratamiento",
        "Anxiety medication makes mornings hard", "Tratamiento para la ansiedad",
        "Has been sober for 90 days", "Lleva 90 días sobrio", "Calls his sponsor every morning before the shift",
        "Está en rehabilitación por drogas", "In rehab for alcohol since May",
        "Takes Spravato", "Has group counseling in the evenings", "Sesiones de consejería grupal")) {
      assertTrue(SensitiveTermScanner.standard().scan("details", text).stream()
          .anyMatch(f -> f.severity() == ScanFinding.Severity.BLOCK), text);
    }
  }

  @Test
  void letsKnownFalsePositivesAndPlainNotesThrough() throws IOException {
    List<Case> cases = corpus("pass.tsv");
    List<String> refusedWrongly = new ArrayList<>();
    for (Case c : cases) {
      if (refused(c)) {
        refusedWrongly.add(c.line() + ": " + c.text());
      }
    }
    System.out.printf("golden corpus: passed correctly %d/%d%n", cases.size() - refusedWrongly.size(), cases.size());
    assertTrue(cases.size() >= 30, "at least 30 cases");
    assertEquals(List.of(), refusedWrongly);
  }
}
