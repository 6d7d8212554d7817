package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.accommodate.Letters;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.pdf.PdfExposure;
import org.accommodate.privacy.PrivacyReview;
import org.accommodate.privacy.ScanFinding;
import org.accommodate.request.ProfileReader;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivacyScanCliTest {
  private static final Map<String, String> PASSWORD = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);

  private static Letters setUp(Path dir, String request, String profile) {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", profile);
    Fixtures.write(dir, "request.yaml", request);
    return letters;
  }

  private static void assertNoPdf(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.toString().endsWith(".pdf") || f.toString().endsWith(".part")));
    }
  }

  @Test
  void aBlockedTermRefusesTheLetterWithOneLineNamingFieldAndCategory(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.request().replace("Start work at 1:00 p.m. on these days",
        "Methadone at 8 a.m. before work"), Fixtures.profile());
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf");

    assertEquals(ExitCodes.PRIVACY, result.exitCode());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    assertTrue(result.err().startsWith("error: accommodation.details: names a substance-use medication [sud-medication] (BLOCK, rule en:"),
        result.err());
    assertFalse(result.err().toLowerCase().contains("methadone"), "never the text itself");
    assertNoPdf(dir);
  }

  @Test
  void aWarningStopsTheLetterUnlessAcceptedAndTheCategoryIsReported(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.request().replace("Start work at 1:00 p.m. on these days",
        "Later start during recovery"), Fixtures.profile());

    CliResult refused = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf");
    assertEquals(ExitCodes.PRIVACY, refused.exitCode());
    assertTrue(refused.err().contains("(WARN, rule en:"), refused.err());
    assertTrue(refused.err().contains("--accept-warnings"), refused.err());
    assertNoPdf(dir);

    CliResult accepted = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf", "--accept-warnings");
    assertEquals(ExitCodes.OK, accepted.exitCode(), accepted.err());
    assertTrue(accepted.err().contains("accepted warnings recorded for categories: sud-condition"), accepted.err());
    assertFalse(accepted.err().contains("recovery"));

    // A draft goes as far as the letter would, and says what it let through.
    assertEquals(ExitCodes.PRIVACY, CliResult.run(letters, "preview", "request.yaml", "-o", "d.pdf").exitCode());
    CliResult draft = CliResult.run(letters, "preview", "request.yaml", "-o", "d.pdf", "--accept-warnings");
    assertEquals(ExitCodes.OK, draft.exitCode(), draft.err());
    assertTrue(draft.err().contains("note: warnings accepted for categories (the signed letter's ledger entry records them):"
        + " sud-condition"), draft.err());
  }

  @Test
  void checkListsEveryFindingThenRefuses(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.request().replace("Start work at 1:00 p.m. on these days",
        "After group therapy and methadone"), Fixtures.profile());
    CliResult result = CliResult.run(letters, "check", "request.yaml");

    assertEquals(ExitCodes.PRIVACY, result.exitCode());
    assertTrue(result.out().contains("accommodation.details: names a substance-use medication"), result.out());
    assertTrue(result.out().contains("accommodation.details: names a therapy"), result.out());
    assertTrue(result.err().contains("more; 'accommodate check' lists them)"), result.err());
  }

  @Test
  void anAddictionSpecificCredentialInTheProfileIsAWarning(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.request(), Fixtures.profile().replace("credential: MD", "credential: LCADC"));
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf");

    assertEquals(ExitCodes.PRIVACY, result.exitCode());
    assertTrue(result.err().startsWith("error: profile.clinician.credential: names an addiction-specific credential"),
        result.err());
  }

  @Test
  void theOutputFileNameIsScannedToo(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.request(), Fixtures.profile());
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "rivera-methadone.pdf");

    assertEquals(ExitCodes.PRIVACY, result.exitCode());
    assertTrue(result.err().startsWith("error: output file name: names a substance-use medication"), result.err());
    assertNoPdf(dir);
  }

  @Test
  void bookmarksAnnotationsAndMetadataAreScanned() throws IOException {
    byte[] pdf;
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      document.addPage(page);
      PDAnnotationText note = new PDAnnotationText();
      note.setContents("Suboxone");
      page.getAnnotations().add(note);
      PDDocumentOutline outline = new PDDocumentOutline();
      PDOutlineItem item = new PDOutlineItem();
      item.setTitle("Group therapy");
      outline.addLast(item);
      document.getDocumentCatalog().setDocumentOutline(outline);
      document.getDocumentInformation().setKeywords("detox");
      document.save(out);
      pdf = out.toByteArray();
    }
    var profile = new ProfileReader().read(Fixtures.profile().getBytes(StandardCharsets.UTF_8), "clinic.yaml", Path.of("."));
    List<ScanFinding> findings = new PrivacyReview(profile).scanOutput(PdfExposure.of(pdf), List.of());
    List<String> places = findings.stream().map(ScanFinding::field).toList();

    assertTrue(places.contains("annotations"), places.toString());
    assertTrue(places.contains("bookmarks"), places.toString());
    assertTrue(places.contains("PDF metadata /Keywords"), places.toString());
  }

  @Test
  void aLetterIdThatSpellsATermIsNotAFinding() {
    var profile = new ProfileReader().read(Fixtures.profile().getBytes(StandardCharsets.UTF_8), "clinic.yaml", Path.of("."));
    // Random IDs can spell "12MG" or "PTSD" by chance; the ID is exempt, other text is not.
    List<ScanFinding> findings = new PrivacyReview(profile).scanOutput(
        Map.of("letter text", "Letter ID: 12MG-PTSD-ADHD-EMDR, methadone"), List.of("12MG-PTSD-ADHD-EMDR"));
    assertEquals(List.of("sud-medication"), findings.stream().map(ScanFinding::category).toList());
  }

  @Test
  void partTwoStatementTwoByProfileChoice(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.part2Consent(Fixtures.request()),
        Fixtures.profile() + "organization:\n  part2_program: true\n  part2_statement: 2\n");
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "p2.pdf");
    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    try (var document = org.apache.pdfbox.Loader.loadPDF(dir.resolve("p2.pdf").toFile())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
      assertTrue(text.contains("42 CFR part 2 prohibits unauthorized use or disclosure of these records."), text);
      assertFalse(text.contains("This record which has been disclosed to you"), text);
    }
  }

  @Test
  void functionalLevelNamesLimitationsButNoCondition(@TempDir Path dir) throws IOException {
    String request = Fixtures.request().replace("language: en\n", "language: en\nlevel: functional\n"
        + "functional_limitations: [sleeping, concentrating]\n")
        .replace("accommodation]", "accommodation, work-restrictions]");
    Letters letters = setUp(dir, request, Fixtures.profile());
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "f.pdf");
    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    try (var document = org.apache.pdfbox.Loader.loadPDF(dir.resolve("f.pdf").toFile())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
      assertTrue(text.contains("Jordan Rivera has limitations in sleeping and concentrating that are relevant"), text);
      assertFalse(text.contains("condition"), text);
    }
  }

  @Test
  void eachLevelIsACategoryTheAuthorizationMustCover(@TempDir Path dir) {
    String request = Fixtures.request().replace("language: en\n", "language: en\nlevel: condition-category\n"
        + "functional_limitations: [sleeping]\ncondition_category: medical-condition\n")
        .replace("accommodation]", "accommodation, work-restrictions]");
    Letters letters = setUp(dir, request, Fixtures.profile());
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "c.pdf");

    assertEquals(ExitCodes.PRIVACY, result.exitCode());
    assertTrue(result.err().startsWith("error: authorization.discloses: does not cover disability-status"), result.err());
  }

  @Test
  void limitationsAreRefusedAtTheScheduleOnlyLevel(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.request() + "functional_limitations: [sleeping]\n", Fixtures.profile());
    CliResult result = CliResult.run(letters, "check", "request.yaml");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().startsWith("error: functional_limitations: only with level functional"), result.err());
  }

  @Test
  void roundingWidensWindowsOutwardToWholeSteps(@TempDir Path dir) throws IOException {
    String request = Fixtures.request().replace("from: \"09:00\"", "from: \"09:10\"")
        .replace("to: \"12:00\"", "to: \"11:50\"") + "round_minutes: 30\n";
    Letters letters = setUp(dir, request, Fixtures.profile());
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "r.pdf");
    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    try (var document = org.apache.pdfbox.Loader.loadPDF(dir.resolve("r.pdf").toFile())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
      assertTrue(text.contains("Mondays, Wednesdays and Fridays 9:00 a.m. to 12:00 p.m."), text);
      assertFalse(text.contains("9:10"), text);
    }
  }
}
