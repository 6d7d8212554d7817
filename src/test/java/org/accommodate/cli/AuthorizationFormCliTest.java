package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.accommodate.Forms;
import org.accommodate.Letters;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.VeraPdf;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The form the patient signs before the letter: filled from the request while its signature
 * fields are still empty, with every element the clinic's laws ask for, archival and accessible.
 */
class AuthorizationFormCliTest {
  // A template's example filled in but for the signature's fields, which keep their placeholders
  // until the patient has signed.
  private static String unsigned(Letters letters, String regimes) {
    String example = CliResult.run(letters, "templates", "show", "schedule-adjustment", "--example").out();
    return example.replace("<the patient's legal name>", "Jordan Rivera")
        .replace("<the employer, as the authorization names it>", "Acme Logistics")
        .replace("<first day, YYYY-MM-DD>", "2026-12-07").replace("<last day, YYYY-MM-DD>", "2027-01-29")
        .replace("\"<days: MON, TUE, WED, THU, FRI, SAT, SUN>\"", "MON, WED").replace("\"<HH:MM>\"\n    to", "\"09:00\"\n    to")
        .replace("\"<HH:MM>\"", "\"12:00\"")
        .replace("recipient: <the employer, as the form names it>", "recipient: Acme Logistics")
        .replace("<the purpose, as the form states it>", "to arrange a temporary change to my work schedule")
        .replace("<its last day, YYYY-MM-DD>", "2027-03-31")
        .replace("regimes: [hipaa]", "regimes: " + regimes);
  }

  // A clinic with a folder of requests (cohort/) and one for their forms (forms/).
  private static Letters cohortFolders(Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Files.createDirectories(dir.resolve("cohort"));
    Files.createDirectories(dir.resolve("forms"));
    return letters;
  }

  private static String text(Path pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }

  @Test
  void theFormIsFilledFromTheRequestBeforeThePatientSigns(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Fixtures.write(dir, "request.yaml", unsigned(letters, "[hipaa]"));

    CliResult result = CliResult.run(letters, "authorization-form", "request.yaml");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("Authorization form (en) written to authorization-form.pdf\n"), result.out());
    Path form = dir.resolve("authorization-form.pdf");
    String text = text(form);
    for (String element : List.of("Patient Jordan Rivera", "Riverside Health Partners, 12 River Road, Springfield, IL 62704",
        "Who may receive it Acme Logistics", "your name", "the days and times when you are not available for work",
        "Purpose to arrange a temporary change to my work schedule", "It ends on March 31, 2027",
        "You do not have to sign this form", "by writing to Riverside Health Partners at 12 River Road",
        "HIPAA) may no longer protect it", "You have the right to a copy of this form",
        "Signature of the patient or the patient's legal representative", "Prepared on December 1, 2026")) {
      assertTrue(text.contains(element), element + " in: " + text);
    }
    assertFalse(text.contains("42 CFR part 2") || text.contains("California"), "neither law applies to this clinic");
    assertFalse(text.contains("functional") || text.contains("limited (such as"), "only the categories the request names");
    assertEquals(Set.of(), VeraPdf.failures(form, PDFAFlavour.PDFA_2_A));
    assertEquals(Set.of(), VeraPdf.failures(form, PDFAFlavour.PDFUA_1));
    try (PDDocument document = Loader.loadPDF(form.toFile())) {
      int pages = document.getNumberOfPages();
      assertTrue(pages > 1);
      assertEquals(pages, text.split("Jordan Rivera · Authorization form", -1).length - 1, "whose form it is, on every page");
      assertEquals("Authorization to share information with an employer", document.getDocumentInformation().getTitle());
      String xmp = new String(document.getDocumentCatalog().getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
      assertFalse(xmp.contains("Rivera"), "the patient's name is on the page, not in the metadata");
    }
    assertFalse(Files.exists(dir.resolve("ledger.jsonl")), "a form is not a disclosure: nothing is recorded");

    // The signature's fields are still placeholders: no letter until the patient has signed.
    CliResult check = CliResult.run(letters, "check", "request.yaml");
    assertEquals(ExitCodes.USAGE, check.exitCode());
    assertEquals("error: authorization.reference, authorization.signed: still hold placeholders in angle brackets; replace"
        + " them with the values; not signed yet? the authorization-form command prints the form for the patient to sign\n",
        check.err());

    // Once the patient has signed, the same request, its signature fields and the form's scope
    // code filled in, passes; a scope edited since the form was printed does not.
    java.util.regex.Matcher printed = java.util.regex.Pattern.compile("form_code: ([0-9A-Z]{4}-[0-9A-Z]{4})")
        .matcher(result.out());
    assertTrue(printed.find(), result.out());
    String code = printed.group(1);
    assertTrue(text.contains("Scope code " + code + ":"), text);
    String signedRequest = unsigned(letters, "[hipaa]").replace("<the signed form's ID>", "AUTH-1")
        .replace("<the day it was signed, YYYY-MM-DD>", "2026-11-30")
        .replace("# form_code: <the scope code on a form authorization-form printed>", "form_code: " + code.toLowerCase());
    Fixtures.write(dir, "request.yaml", signedRequest);
    CliResult signed = CliResult.run(letters, "check", "request.yaml");
    assertEquals(ExitCodes.OK, signed.exitCode(), signed.err());
    assertTrue(signed.out().contains("Scope code " + code + ": the request states the scope the signed form prints.\n"),
        signed.out());
    Fixtures.write(dir, "edited.yaml", signedRequest.replace("- days: [MON, WED]", "- days: [MON, WED, FRI]")
        .replace("  recipient: Acme Logistics", "  recipient: ACME logistics "));
    assertEquals(ExitCodes.OK, CliResult.run(letters, "check", "edited.yaml").exitCode(),
        "the schedule is not the form's; the recipient's case and spacing do not count");
    Fixtures.write(dir, "edited.yaml", signedRequest.replace("2027-03-31", "2027-06-30"));
    CliResult drifted = CliResult.run(letters, "check", "edited.yaml");
    assertEquals(ExitCodes.PRIVACY, drifted.exitCode());
    assertEquals("error: authorization.form_code: is not the code of the scope this request states (patient.name,"
        + " authorization.recipient, purpose, discloses, expires); the request was changed since the form was printed,"
        + " or the code was mistyped: correct the request, or have the patient sign a new form\n", drifted.err());
    Fixtures.write(dir, "edited.yaml", signedRequest.replace("form_code: " + code.toLowerCase(), "form_code: 12345"));
    assertEquals("error: authorization.form_code: must be the 8-character scope code printed on the form, such as"
        + " 7KQF-2MXA\n", CliResult.run(letters, "check", "edited.yaml").err());

    // Printed again, the file is not replaced without --force.
    byte[] first = Files.readAllBytes(form);
    CliResult again = CliResult.run(letters, "authorization-form", "request.yaml");
    assertEquals(ExitCodes.USAGE, again.exitCode());
    assertEquals("error: -o: " + form + " already exists; use --force to replace it\n", again.err());
    assertArrayEquals(first, Files.readAllBytes(form));
  }

  // A Part 2 program in California: one form for HIPAA, 2.31 and 56.11, in 14-point type, in the
  // patient's language (the request's patient_copy) unless --language says otherwise.
  // As letter -o DIR: a folder given with -o takes the form under the name --out-dir gives it
  // (found by hand: refused, "is a folder; name a file").
  @Test
  void aFolderGivenWithOTakesTheFormUnderItsScopeCode(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Fixtures.write(dir, "request.yaml", unsigned(letters, "[hipaa]"));
    Files.createDirectory(dir.resolve("forms"));

    CliResult result = CliResult.run(letters, "authorization-form", "request.yaml", "-o", "forms");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    try (var files = Files.list(dir.resolve("forms"))) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      assertEquals(1, names.size(), names.toString());
      assertTrue(names.get(0).matches("form-[0-9A-Z]{4}-[0-9A-Z]{4}\\.pdf"), names.toString());
      assertTrue(result.out().startsWith("Authorization form (en) written to forms/" + names.get(0) + "\n"), result.out());
    }
  }

  @Test
  void aCalifornianPart2FormIsInFourteenPointTypeAndThePatientsLanguage(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile() + "organization:\n  part2_program: true\n  jurisdiction: US-CA\n");
    Fixtures.write(dir, "request.yaml", unsigned(letters, "[hipaa, part2, ca-cmia]")
        .replace("# patient_copy: es", "patient_copy: es"));

    CliResult result = CliResult.run(letters, "authorization-form", "request.yaml", "-o", "form.pdf");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("Authorization form (es) written to form.pdf\n"), result.out());
    Path form = dir.resolve("form.pdf");
    String text = text(form);
    for (String element : List.of("Consentimiento y autorización", "42 CFR 2.31", "artículo 56.11 del Código Civil de California",
        "Termina el 31 de marzo de 2027", "nombra 42 CFR part 2", "artículos 56.20 y 56.245",
        "Puede revocar (cancelar) este consentimiento")) {
      assertTrue(text.contains(element), element + " in: " + text);
    }
    assertTrue(smallestType(form) >= 14f, "California Civil Code 56.11: no type smaller than 14-point");
    assertEquals(Set.of(), VeraPdf.failures(form, PDFAFlavour.PDFA_2_A));
    assertEquals(Set.of(), VeraPdf.failures(form, PDFAFlavour.PDFUA_1));

    CliResult english = CliResult.run(letters, "authorization-form", "request.yaml", "-o", "en.pdf", "--language", "en");
    assertEquals(ExitCodes.OK, english.exitCode(), english.err());
    assertTrue(text(dir.resolve("en.pdf")).contains("Consent and authorization to share information with your employer"));
  }

  // The laws the form meets are one sentence in either language, with "and"/"y" before the last.
  @Test
  void theLawsTheFormMeetsAreListedAsASentence(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    String hipaa = "HIPAA (45 CFR 164.508)";
    String part2 = "the federal rules on substance use disorder patient records (42 CFR 2.31)";
    String california = "California Civil Code section 56.11";
    String hipaaEs = "HIPAA (45 CFR 164.508)";
    String part2Es = "las normas federales sobre los registros de pacientes con trastornos por consumo de sustancias (42 CFR 2.31)";
    String californiaEs = "artículo 56.11 del Código Civil de California";
    Map<String, List<String>> expected = Map.of(
        "[hipaa]|US-IL|false", List.of("of " + hipaa + ".", "de " + hipaaEs + "."),
        "[hipaa, part2]|US-IL|true", List.of("of " + hipaa + " and of " + part2 + ".",
            "de " + hipaaEs + " y de " + part2Es + "."),
        "[hipaa, ca-cmia]|US-CA|false", List.of("of " + hipaa + " and of " + california + ".",
            "de " + hipaaEs + " y del " + californiaEs + "."),
        "[hipaa, part2, ca-cmia]|US-CA|true", List.of("of " + hipaa + ", of " + part2 + ", and of " + california + ".",
            "de " + hipaaEs + ", de " + part2Es + " y del " + californiaEs + "."));
    for (Map.Entry<String, List<String>> clinic : expected.entrySet()) {
      String[] parts = clinic.getKey().split("\\|");
      Fixtures.write(dir, "clinic.yaml", Fixtures.profile() + "organization:\n  part2_program: " + parts[2]
          + "\n  jurisdiction: " + parts[1] + "\n");
      Fixtures.write(dir, "request.yaml", unsigned(letters, parts[0]));
      for (String language : List.of("en", "es")) {
        CliResult result = CliResult.run(letters, "authorization-form", "request.yaml", "-o", "form.pdf", "--force",
            "--language", language);
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        String sentence = clinic.getValue().get(language.equals("en") ? 0 : 1);
        String text = text(dir.resolve("form.pdf"));
        assertTrue(text.contains((language.equals("en") ? "meets the requirements " : "cumple los requisitos ") + sentence),
            clinic.getKey() + " " + language + ": " + text);
      }
    }
  }

  // The form is the patient's and the clinic's: it prints what the patient allows, never the
  // clinic's own record numbers, the clinician's NPI or a program name the profile withholds.
  @Test
  void theFormCarriesNoInternalReference(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile().replace("1234567893", "7474747474")
        + "sensitive_names: [CANARY-7Q4 Unit]\n");
    Fixtures.write(dir, "request.yaml", unsigned(letters, "[hipaa]")
        .replace("# reference: <the clinic's record number; never printed, but how ledger report finds the letter>",
            "reference: CANARY-7Q4-PATIENT")
        .replace("<the signed form's ID>", "CANARY-7Q4-AUTH"));

    CliResult result = CliResult.run(letters, "authorization-form", "request.yaml");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    Path form = dir.resolve("authorization-form.pdf");
    String raw = new String(Files.readAllBytes(form), java.nio.charset.StandardCharsets.ISO_8859_1);
    String text = text(form);
    for (String marker : List.of("CANARY-7Q4", "7474747474")) {
      assertFalse(text.contains(marker) || raw.contains(marker) || result.out().contains(marker), marker);
    }
    assertTrue(text.contains("Jordan Rivera"), text);
  }

  // A cohort starting together: one form per request into a folder, each named after its scope
  // code (a request's own file name may be the patient's), a bad request reported and skipped.
  @Test
  void aCohortsFormsGoIntoAFolderNamedByTheirScopeCodes(@TempDir Path dir) throws IOException {
    Letters letters = cohortFolders(dir);
    String request = unsigned(letters, "[hipaa]");
    Fixtures.write(dir, "cohort/jordan-rivera.yaml", request);
    Fixtures.write(dir, "cohort/sam-okafor.yaml", request.replace("Jordan Rivera", "Sam Okafor"));
    Fixtures.write(dir, "cohort/late.yaml", request.replace("2027-03-31", "2026-11-01"));

    CliResult result = CliResult.run(letters, "authorization-form", "cohort", "--out-dir", "forms");

    assertEquals(ExitCodes.USAGE, result.exitCode(), "the worst item's exit code");
    List<String> lines = result.out().lines().toList();
    assertEquals(4, lines.size(), result.out());
    assertTrue(lines.get(0).matches("ok    cohort/jordan-rivera\\.yaml: form-(\\w{4}-\\w{4})\\.pdf \\(en\\), form_code: \\1"),
        lines.get(0));
    assertEquals("FAIL  cohort/late.yaml: authorization.expires: is already past; a new form needs the last day it is to"
        + " be valid", lines.get(1));
    assertTrue(lines.get(2).startsWith("ok    cohort/sam-okafor.yaml: form-"), lines.get(2));
    assertEquals("2 forms written to forms, 1 failed.", lines.get(3));
    List<String> forms = files(dir.resolve("forms"));
    assertEquals(2, forms.size());
    for (String form : forms) {
      assertTrue(form.matches("form-\\w{4}-\\w{4}\\.pdf"), form);
      assertTrue(lines.get(0).contains(form) || lines.get(2).contains(form), form);
    }
    String sam = forms.stream().filter(f -> lines.get(2).contains(f)).findFirst().orElseThrow();
    assertTrue(text(dir.resolve("forms").resolve(sam)).contains("Patient Sam Okafor"));

    assertEquals("error: --out-dir: needed for several requests or a folder: each form goes there as form-CODE.pdf\n",
        CliResult.run(letters, "authorization-form", "cohort").err());
    assertEquals("error: -o: names one form's file; --out-dir names the folder for forms named after their scope codes:"
        + " give one of them\n", CliResult.run(letters, "authorization-form", "cohort/sam-okafor.yaml", "--out-dir",
        "forms", "-o", "x.pdf").err());
    CliResult again = CliResult.run(letters, "authorization-form", "cohort/sam-okafor.yaml", "--out-dir", "forms");
    assertEquals("error: --out-dir: " + dir.resolve("forms").resolve(sam) + " already exists; use --force to replace it\n",
        again.err());
  }

  // Two letters for one patient under one authorization (the same scope) need one signed form: the
  // first request writes it and the next is pointed to it; one that wants it in another language,
  // or for other laws, is told so rather than have the first replaced.
  @Test
  void requestsOfTheSameScopeShareOneForm(@TempDir Path dir) throws IOException {
    Letters letters = cohortFolders(dir);
    String request = unsigned(letters, "[hipaa]");
    Fixtures.write(dir, "cohort/a.yaml", request);
    Fixtures.write(dir, "cohort/b.yaml", request.replace("2027-01-29", "2027-01-15"));  // not in the scope
    Fixtures.write(dir, "cohort/c.yaml", request + "patient_copy: es\n");
    Fixtures.write(dir, "cohort/d.yaml", request.replace("regimes: [hipaa]", "regimes: [hipaa, part2]"));

    CliResult result = CliResult.run(letters, "authorization-form", "cohort", "--out-dir", "forms");

    assertEquals(ExitCodes.USAGE, result.exitCode(), result.out());
    List<String> lines = result.out().lines().toList();
    assertEquals(5, lines.size(), result.out());
    String code = lines.get(0).replaceAll(".*form_code: ", "");
    assertEquals("ok    cohort/a.yaml: form-" + code + ".pdf (en), form_code: " + code, lines.get(0));
    assertEquals("ok    cohort/b.yaml: form-" + code + ".pdf (en), the same form as cohort/a.yaml's, form_code: " + code,
        lines.get(1));
    assertEquals("FAIL  cohort/c.yaml: patient_copy: the same scope as cohort/a.yaml, whose form form-" + code + ".pdf is in en: one"
        + " signed form covers both requests; for a copy in es, write it on its own with -o FILE --language es",
        lines.get(2));
    assertEquals("FAIL  cohort/d.yaml: authorization.regimes: the same scope as cohort/a.yaml, whose form form-" + code
        + ".pdf meets other laws; one signed form covers both requests: give both the same regimes", lines.get(3));
    assertEquals("1 form written to forms (1 more request sharing one of them), 2 failed.", lines.get(4));
    assertEquals(List.of("form-" + code + ".pdf"), files(dir.resolve("forms")));
  }

  // What the letter's check will refuse is refused before the patient signs: a recipient that is
  // not the letter's employer, a last day before the period ends. Until the employer and the
  // period are typed in, the form is made from the scope alone.
  @Test
  void aFormNoLetterCouldGoOutUnderIsRefusedBeforeItIsSigned(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    String request = unsigned(letters, "[hipaa]");
    Map<String, String> refusals = Map.of(
        request.replace("recipient: Acme Logistics", "recipient: Acme Freight"),
        "error: authorization.recipient: does not name employer.organization; the letter could not go out under this"
            + " form: make them the same before the patient signs",
        request.replace("2027-01-29", "2027-04-30"),
        "error: authorization.expires: comes before the end of period; the letter could not go out under this form:"
            + " give it a later last day, or shorten the period, before the patient signs");
    for (Map.Entry<String, String> refused : refusals.entrySet()) {
      Fixtures.write(dir, "request.yaml", refused.getKey());
      CliResult result = CliResult.run(letters, "authorization-form", "request.yaml");
      assertEquals(ExitCodes.PRIVACY, result.exitCode(), result.err());
      assertEquals(refused.getValue(), result.err().strip());
      assertFalse(Files.exists(dir.resolve(Forms.DEFAULT_OUTPUT)));
    }
    // Scope filled in, employer and period not yet: the form can be printed.
    String example = CliResult.run(letters, "templates", "show", "schedule-adjustment", "--example").out();
    Fixtures.write(dir, "request.yaml", example.replace("<the patient's legal name>", "Jordan Rivera")
        .replace("recipient: <the employer, as the form names it>", "recipient: Acme Logistics")
        .replace("<the purpose, as the form states it>", "to arrange a temporary change to my work schedule")
        .replace("<its last day, YYYY-MM-DD>", "2027-03-31"));
    CliResult early = CliResult.run(letters, "authorization-form", "request.yaml");
    assertEquals(ExitCodes.OK, early.exitCode(), early.err());
  }

  // An EHR can pipe the request in and take the form on standard output: no file in the office.
  @Test
  void aRequestPipedInGivesTheFormOnStandardOutput(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    byte[] request = unsigned(letters, "[hipaa]").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    CliResult piped = CliResult.run(letters, java.util.Map.of(), request, "authorization-form", "-", "-o", "-");

    assertEquals(ExitCodes.OK, piped.exitCode(), piped.err());
    assertTrue(piped.err().startsWith("Authorization form (en) written to standard output; its scope code: "), piped.err());
    try (PDDocument document = Loader.loadPDF(piped.piped())) {
      assertTrue(new PDFTextStripper().getText(document).contains("Jordan Rivera"));
    }
    assertEquals(List.of("clinic.yaml"), files(dir));

    // Standard output on a terminal (null): refused before any work.
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Main.run(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err), letters,
        java.util.Map.of(), new java.io.ByteArrayInputStream(request), null, "authorization-form", "-", "-o", "-");
    assertEquals(ExitCodes.USAGE, code);
    assertEquals("error: -o -: standard output is a terminal; send it to a file or a program (-o - >"
        + " authorization-form.pdf), or name the file with -o FILE\n", err.toString());
  }

  // 164.508(c)(2)(i) and 2.31(a)(6): the form says how to revoke, even when the profile gives no
  // address to write to.
  @Test
  void aClinicWithoutAnAddressSaysHowToFindWhereToWrite(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile().replace("  address: [12 River Road, \"Springfield, IL 62704\"]\n", ""));
    Fixtures.write(dir, "request.yaml", unsigned(letters, "[hipaa]"));

    CliResult result = CliResult.run(letters, "authorization-form", "request.yaml");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertTrue(text(dir.resolve("authorization-form.pdf")).contains("by writing to Riverside Health Partners (call (555)"
        + " 010-0123 for the address)"));
  }

  // The demo shows the form its patient would sign, before anything is set up; nothing is signed.
  @Test
  void theDemoWritesItsPatientsForm(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);

    CliResult result = CliResult.run(letters, "demo", "--authorization-form", "--patient-copy", "es");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("Authorization form (es) written to demo-authorization-form.pdf; its scope code: "),
        result.out());
    String text = text(dir.resolve("demo-authorization-form.pdf"));
    assertTrue(text.contains("Autorización para compartir información con su empleador") && text.contains("Jordan Rivera"),
        text);
    assertEquals(List.of("demo-authorization-form.pdf"), files(dir), "no letter, no ledger");
    assertEquals("error: --png: only for demo letters; --authorization-form writes the form the patient signs before any"
        + " letter\n", CliResult.run(letters, "demo", "--authorization-form", "--png", "-o", "x.pdf").err());
  }

  // Every glyph's, the page numbers' too.
  private static float smallestType(Path pdf) throws IOException {
    List<Float> sizes = new ArrayList<>();
    PDFTextStripper stripper = new PDFTextStripper() {
      @Override
      protected void writeString(String text, List<TextPosition> positions) {
        positions.forEach(p -> sizes.add(p.getFontSizeInPt()));
      }
    };
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      stripper.getText(document);
    }
    return sizes.stream().min(Float::compare).orElseThrow();
  }

  @Test
  void whatTheFormPrintsIsCheckedAsALettersIs(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    String request = unsigned(letters, "[hipaa]");

    Fixtures.write(dir, "r.yaml", request.replace("to arrange a temporary change to my work schedule", "<the purpose>"));
    assertEquals("error: authorization.purpose: still holds a placeholder in angle brackets; replace it with the value\n",
        CliResult.run(letters, "authorization-form", "r.yaml").err());
    Fixtures.write(dir, "r.yaml", request.replace("2027-03-31", "2026-11-30"));
    assertEquals("error: authorization.expires: is already past; a new form needs the last day it is to be valid\n",
        CliResult.run(letters, "authorization-form", "r.yaml").err());
    Fixtures.write(dir, "r.yaml", request.replace("discloses: [", "discloses: [treatment-type, "));
    CliResult treatment = CliResult.run(letters, "authorization-form", "r.yaml");
    assertEquals(ExitCodes.PRIVACY, treatment.exitCode());
    assertEquals("error: authorization.discloses: treatment-type is never in a letter; leave it out, so that the patient"
        + " is not asked to allow it\n", treatment.err());
    // The form allows what the letter's template prints: no less (it would have to be signed
    // again), and more only with a warning.
    Fixtures.write(dir, "r.yaml", request.replace("discloses: [accommodation, care-status, duration, identity, schedule]",
        "discloses: [accommodation, care-status, identity, schedule]"));
    CliResult missing = CliResult.run(letters, "authorization-form", "r.yaml");
    assertEquals(ExitCodes.PRIVACY, missing.exitCode());
    assertEquals("error: authorization.discloses: does not cover duration (needed by template 'schedule-adjustment');"
        + " add it before the patient signs, or the letter will be refused\n", missing.err());
    Fixtures.write(dir, "r.yaml", request.replace("discloses: [accommodation,", "discloses: [work-restrictions, accommodation,"));
    CliResult extra = CliResult.run(letters, "authorization-form", "r.yaml", "-o", "extra.pdf");
    assertEquals(ExitCodes.OK, extra.exitCode(), extra.err());
    assertEquals("warning: authorization.discloses: lists work-restrictions, which template 'schedule-adjustment' does"
        + " not print; leave it out, so that the patient allows only what the letter says\n", extra.err());
    Files.delete(dir.resolve("extra.pdf"));
    Fixtures.write(dir, "r.yaml", request.replace("patient:\n", "patient:\n  diagnosis: x\n"));
    assertTrue(CliResult.run(letters, "authorization-form", "r.yaml").err()
        .startsWith("error: patient.diagnosis: health details never belong in a request"));
    // Also in a part of the request the form does not read.
    Fixtures.write(dir, "r.yaml", request.replace("employer:\n", "employer:\n  medications: x\n"));
    assertTrue(CliResult.run(letters, "authorization-form", "r.yaml").err()
        .startsWith("error: employer.medications: health details never belong in a request"));
    // A purpose the Part 2 letter would print and refuse: refused now, before the patient signs it.
    Fixtures.write(dir, "part2.yaml", Fixtures.profile() + "organization:\n  part2_program: true\n");
    Fixtures.write(dir, "r.yaml", request.replace("to arrange a temporary change to my work schedule",
        "to arrange my hours around methadone dosing").replace("[hipaa]", "[hipaa, part2]"));
    CliResult purpose = CliResult.run(letters, "authorization-form", "r.yaml", "--profile", "part2.yaml");
    assertEquals(ExitCodes.PRIVACY, purpose.exitCode(), purpose.err());
    assertTrue(purpose.err().startsWith("error: authorization.purpose: "), purpose.err());
    assertFalse(purpose.err().contains("methadone"), "the message names the field, never its content");
    Fixtures.write(dir, "r.yaml", request);
    assertEquals("error: --language: must be en or es\n",
        CliResult.run(letters, "authorization-form", "r.yaml", "--language", "fr").err());
    assertEquals(List.of("clinic.yaml", "part2.yaml", "r.yaml"), files(dir), "nothing written for a refused form");
  }

  private static List<String> files(Path dir) {
    try (var list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).filter(n -> !n.equals("keys")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
