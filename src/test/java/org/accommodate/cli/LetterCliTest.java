package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.accommodate.Letters;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.VeraPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.verapdf.pdfa.flavours.PDFAFlavour;

class LetterCliTest {
  private static final Map<String, String> PASSWORD = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);

  private static Letters setUp(Path dir, String request) {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Fixtures.write(dir, "request.yaml", request);
    return letters;
  }

  @Test
  void signsALetterWithTheProfilesKeyAndThePasswordFromTheEnvironment(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.request());
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf", "--explain");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("Signed letter "), result.out());
    assertTrue(result.out().contains("patient.reference"), result.out());
    assertTrue(Files.isRegularFile(dir.resolve("out.pdf")));
    assertEquals(ExitCodes.OK, CliResult.run(letters, "verify", "out.pdf", "--trust", "keys/demo/ca.pem").exitCode());
  }

  // Found by hand: `-o letters/` was refused ("is a folder; name a file"), and `-o x.txt` wrote a
  // PDF no viewer or mail program would open as one, without a word.
  @Test
  void aFolderGivenWithOTakesTheLetterUnderItsIdAndANameNotEndingInPdfIsPointedOut(@TempDir Path dir)
      throws IOException {
    Letters letters = setUp(dir, Fixtures.request());
    Files.createDirectory(dir.resolve("letters"));
    CliResult letter = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "letters");
    assertEquals(ExitCodes.OK, letter.exitCode(), letter.err());
    List<String> written = pdfs(dir.resolve("letters"));
    assertEquals(1, written.size(), written.toString());
    assertTrue(written.get(0).matches("letter-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}\\.pdf"), written.toString());
    assertTrue(letter.out().contains("written to " + dir.resolve("letters").resolve(written.get(0))), letter.out());
    assertFalse(letter.err().contains(".pdf, by which"), letter.err());
    CliResult draft = CliResult.run(letters, "preview", "request.yaml", "-o", "letters");
    assertEquals(ExitCodes.OK, draft.exitCode(), draft.err());
    assertEquals(2, pdfs(dir.resolve("letters")).size());

    CliResult text = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "x.txt");
    assertEquals(ExitCodes.OK, text.exitCode(), text.err());
    assertTrue(text.err().contains("-o: x.txt does not end in .pdf, by which viewers and mail programs know a PDF;"
        + " rename it"), text.err());
  }

  // Found by hand: `-o letters/` with no such folder wrote the letter as a file named "letters"
  // (a path drops the slash), then advised renaming it.
  @Test
  void anOutputEndingInASlashMustBeAFolderThatExists(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.request());
    for (String command : List.of("letter", "preview", "authorization-form")) {
      CliResult result = CliResult.run(letters, PASSWORD, command, "request.yaml", "-o", "letters/");
      assertEquals(ExitCodes.USAGE, result.exitCode(), command + ": " + result.err());
      assertTrue(result.err().startsWith("error: -o: letters/ ends in a slash, as a folder does, but there is no such"
          + " folder; make it first, or name a file"), result.err());
      assertFalse(Files.exists(dir.resolve("letters")), command);
    }
    assertFalse(Files.exists(dir.resolve("ledger.jsonl")), "nothing recorded");

    Files.createDirectory(dir.resolve("letters"));
    CliResult letter = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "letters/");
    assertEquals(ExitCodes.OK, letter.exitCode(), letter.err());
    assertEquals(1, pdfs(dir.resolve("letters")).size());
    CliResult batch = CliResult.run(letters, PASSWORD, "batch", "request.yaml", "--out-dir", "made/");
    assertEquals(ExitCodes.OK, batch.exitCode(), batch.err());
    assertEquals(1, pdfs(dir.resolve("made")).size(), "--out-dir is made when missing, slash or not");
  }

  // An EHR export piped in: the letter is made with no file ever holding the request; check and
  // preview read it the same way; batch, which knows requests by their files, refuses it.
  @Test
  void aRequestPipedToStandardInputNeedsNoFile(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    byte[] request = Fixtures.request().getBytes(java.nio.charset.StandardCharsets.UTF_8);

    CliResult letter = CliResult.run(letters, PASSWORD, request, "letter", "-", "-o", "piped.pdf");
    assertEquals(ExitCodes.OK, letter.exitCode(), letter.err());
    assertEquals(ExitCodes.OK, CliResult.run(letters, "verify", "piped.pdf", "--trust", "keys/demo/ca.pem").exitCode());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("clinic.yaml"), files.map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml") || f.endsWith(".json")).toList());
    }
    CliResult check = CliResult.run(letters, Map.of(), request, "check", "-", "--json");
    assertEquals(ExitCodes.OK, check.exitCode(), check.err());
    assertTrue(check.out().startsWith("{\"file\":\"-\",\"result\":\"ok\""), check.out());
    assertEquals(ExitCodes.OK, CliResult.run(letters, Map.of(), request, "preview", "-", "-o", "draft.pdf").exitCode());

    CliResult batch = CliResult.run(letters, PASSWORD, request, "batch", "-", "--out-dir", "out");
    assertEquals(ExitCodes.USAGE, batch.exitCode());
    assertEquals("error: REQUEST: batch reads request files and folders; for a request on standard input use"
        + " letter -\n", batch.err());
    assertFalse(Files.exists(dir.resolve("out")));
    Fixtures.write(dir, "other.yaml", Fixtures.request());
    assertEquals(ExitCodes.USAGE, CliResult.run(letters, Map.of(), request, "check", "-", "other.yaml").exitCode());

    CliResult damaged = CliResult.run(letters, PASSWORD, "patient: [".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "letter", "-", "-o", "bad.pdf");
    assertEquals("error: request on standard input: not valid YAML at line 1, column 11\n", damaged.err());
    assertEquals("error: request on standard input: is empty\n",
        CliResult.run(letters, PASSWORD, "\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "letter", "-").err());
    CliResult endless = CliResult.run(letters, PASSWORD, new byte[100_000], "letter", "-", "-o", "big.pdf");
    assertEquals("error: request on standard input: larger than 64 KiB\n", endless.err());
    assertFalse(Files.exists(dir.resolve("bad.pdf")) || Files.exists(dir.resolve("big.pdf")));
  }

  // A program that files the letter itself takes it from standard output (-o -): the PDF alone
  // there, everything said on standard error, the ledger entry written first, no file in the
  // office. A reader that goes away before the letter is written is told which entry it left.
  @Test
  void aLetterWrittenToStandardOutputLeavesNoFile(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    byte[] request = Fixtures.request().getBytes(java.nio.charset.StandardCharsets.UTF_8);

    CliResult piped = CliResult.run(letters, PASSWORD, request, "letter", "-", "-o", "-", "--explain");
    assertEquals(ExitCodes.OK, piped.exitCode(), piped.err());
    assertEquals("", piped.out());
    assertTrue(piped.err().startsWith("Signed letter ") && piped.err().contains(" written to standard output\n")
        && piped.err().contains("patient.reference"), piped.err());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".pdf")).toList());
    }
    Files.write(dir.resolve("received.pdf"), piped.piped());
    assertEquals(ExitCodes.OK, CliResult.run(letters, "verify", "received.pdf", "--trust", "keys/demo/ca.pem").exitCode());
    CliResult recorded = CliResult.run(letters, "ledger", "verify", "--letter", "received.pdf");
    assertEquals(ExitCodes.OK, recorded.exitCode(), recorded.err());
    assertTrue(recorded.out().contains("issued by this office"), recorded.out());

    assertEquals("error: --png: needs a file; -o - writes the letter to standard output\n",
        CliResult.run(letters, PASSWORD, request, "letter", "-", "-o", "-", "--png").err());

    java.io.OutputStream closed = new java.io.OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    };
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Main.run(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err), letters,
        PASSWORD, new java.io.ByteArrayInputStream(request), closed, "letter", "-", "-o", "-");
    assertEquals(ExitCodes.USAGE, code);
    assertTrue(err.toString().matches("(?s).*error: -o -: standard output was closed before the letter was written;"
        + " ledger entry 2 records letter [0-9A-Z-]{19}, which reached no one: broken pipe\n"), err.toString());
  }

  @Test
  void aDraftGoesToStandardOutputButNoPdfGoesToATerminal(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    byte[] request = Fixtures.request().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Fixtures.write(dir, "request.yaml", Fixtures.request());
    assertEquals(ExitCodes.OK, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "first.pdf").exitCode());
    byte[] ledger = Files.readAllBytes(dir.resolve("ledger.jsonl"));

    CliResult draft = CliResult.run(letters, Map.of(), request, "preview", "-", "-o", "-");
    assertEquals(ExitCodes.OK, draft.exitCode(), draft.err());
    assertEquals("", draft.out());
    assertTrue(draft.err().startsWith("Draft written to standard output\n"), draft.err());
    assertTrue(new String(draft.piped(), 0, 8, java.nio.charset.StandardCharsets.US_ASCII).startsWith("%PDF-"));
    try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(draft.piped())) {
      assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(document).contains("DRAFT"));
    }
    assertEquals(List.of("first.pdf"), pdfs(dir));

    // Standard output on a terminal (null): refused before any work, nothing recorded or written.
    for (String command : List.of("letter", "preview")) {
      java.io.StringWriter err = new java.io.StringWriter();
      int code = Main.run(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err), letters,
          PASSWORD, new java.io.ByteArrayInputStream(request), null, command, "-", "-o", "-");
      assertEquals(ExitCodes.USAGE, code, command);
      assertEquals("error: -o -: standard output is a terminal; send it to a file or a program (-o - > "
          + (command.equals("letter") ? "letter" : "draft") + ".pdf), or name the file with -o FILE\n", err.toString());
    }
    // Where a command has no standard output for files, - is not taken for a file's name.
    assertEquals("error: -o: - (standard output) is not supported here; name a file\n",
        CliResult.run(letters, "demo", "-o", "-").err());
    assertEquals(List.of("first.pdf"), pdfs(dir));
    assertFalse(Files.exists(dir.resolve("-")));
    assertTrue(java.util.Arrays.equals(ledger, Files.readAllBytes(dir.resolve("ledger.jsonl"))), "nothing recorded");
  }

  private static List<String> pdfs(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".pdf") || f.equals("-")).sorted().toList();
    }
  }

  // A device that never ends (/dev/zero) given for any file is refused by a size limit: the
  // file system says it holds 0 bytes, and reading it all ran the process out of memory (a
  // request, a profile, a letter, a ledger) or hung it (a CRL).
  @ParameterizedTest
  @MethodSource("endlessInputs")
  void aFileThatNeverEndsIsRefusedBySize(List<String> args, String error, @TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.request());
    assertEquals(ExitCodes.OK, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "a.pdf").exitCode());
    CliResult result = CliResult.run(letters, PASSWORD, args.toArray(String[]::new));
    assertEquals(ExitCodes.USAGE, result.exitCode(), result.err());
    assertEquals("error: " + error + "\n", result.err());
    assertFalse(Files.exists(dir.resolve("z.pdf")));
  }

  static Stream<Arguments> endlessInputs() {
    return Stream.of(
        Arguments.of(List.of("check", "/dev/zero"), "request /dev/zero: larger than 64 KiB"),
        Arguments.of(List.of("letter", "request.yaml", "--profile", "/dev/zero", "-o", "z.pdf"),
            "profile /dev/zero: larger than 64 KiB"),
        Arguments.of(List.of("letter", "request.yaml", "--password-file", "/dev/zero", "-o", "z.pdf"),
            "--password-file: /dev/zero is larger than 4 KiB; it should hold the password on its first line"),
        Arguments.of(List.of("verify", "/dev/zero"), "/dev/zero: larger than 32 MiB; not a letter"),
        Arguments.of(List.of("verify", "a.pdf", "--crl", "/dev/zero"), "--crl: /dev/zero is larger than 64 MiB"),
        Arguments.of(List.of("ledger", "verify", "--ledger", "/dev/zero"), "ledger /dev/zero: not a regular file"),
        Arguments.of(List.of("ledger", "verify", "--letter", "/dev/zero"), "--letter: /dev/zero is larger than 32 MiB; not a letter"),
        Arguments.of(List.of("letter", "request.yaml", "--keystore", "/dev/zero", "-o", "z.pdf"),
            "--keystore: not a regular file /dev/zero"),
        Arguments.of(List.of("keys", "show", "/dev/zero"), "/dev/zero: larger than 32 MiB; neither a certificate file nor a letter"),
        Arguments.of(List.of("keys", "revoke", "/dev/zero", "--ca", "keys/demo/ca.p12"),
            "CERT: /dev/zero: larger than 32 MiB; neither a certificate file nor a letter"));
  }

  // A missing keystore is named where it was named: the option, or the profile's field.
  // An output named after an existing folder was refused before anything was signed or recorded
  // (found out at the rename, it had left a ledger entry for a letter that reached no one); a
  // letter now goes into the folder (test above). keys crl's same mistake was an internal error.
  @Test
  void anOutputThatIsAFolderOrADeviceIsRefusedBeforeTheLedgerRecordsAnything(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.request());
    Files.createDirectory(dir.resolve("letters"));
    CliResult crl = CliResult.run(letters, Map.of("ACCOMMODATE_CA_PASSWORD", DemoKeys.PASSWORD),
        "keys", "crl", "--ca", "keys/demo/ca.p12", "--output", "letters");
    assertEquals("error: -o: " + dir.resolve("letters") + " is a folder; name a file\n", crl.err());
    // Nor does --force replace a device or a pipe: run as root, it replaced /dev/null itself.
    Path pipe = Fixtures.namedPipe(dir.resolve("pipe"));
    CliResult onPipe = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "pipe", "--force");
    assertEquals("error: -o: " + pipe + " is not a regular file (a device or a pipe); name a file\n", onPipe.err());
    assertTrue(Files.exists(pipe) && !Files.isRegularFile(pipe), "the pipe is still there");
    assertFalse(Files.exists(dir.resolve("ledger.jsonl")), "nothing recorded");
  }

  @Test
  void aMissingKeystoreIsNamedWhereItWasGiven(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.request());
    Fixtures.write(dir, "moved.yaml", Fixtures.profile().replace("keys/demo/clinician.p12", "keys/moved.p12"));
    CliResult fromProfile = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "a.pdf", "--profile", "moved.yaml");
    assertEquals(ExitCodes.USAGE, fromProfile.exitCode(), fromProfile.err());
    assertTrue(fromProfile.err().startsWith("error: profile.signing.keystore: no such file "), fromProfile.err());
    CliResult fromOption = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "b.pdf", "--keystore", "keys/gone.p12");
    assertTrue(fromOption.err().startsWith("error: --keystore: no such file "), fromOption.err());
    assertFalse(Files.exists(dir.resolve("a.pdf")) || Files.exists(dir.resolve("b.pdf")));
  }

  @Test
  void aPart2ProgramLetterCarriesTheNoticeVerbatimAndTheScopeOfConsent(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.part2Consent(Fixtures.request()));
    Fixtures.write(dir, "part2.yaml", Fixtures.profile() + "organization:\n  part2_program: true\n");
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "p2.pdf", "--profile", "part2.yaml");
    assertEquals(ExitCodes.OK, result.exitCode(), result.err());

    String text = text(dir.resolve("p2.pdf"));
    String notice = new String(getClass().getClassLoader()
        .getResourceAsStream("org/accommodate/privacy/part2-statement-1.txt").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    for (String paragraph : notice.split("\n")) {
      assertTrue(text.contains(paragraph.replaceAll("\\s+", " ")), paragraph);
    }
    assertTrue(text.contains("Purpose: work schedule accommodation ·"), text);
    assertTrue(text.contains("Consent expires: March 1, 2027"), text);
  }

  // A general authorization is not a Part 2 consent (the 2.32 notice says so to the employer), and
  // a Part 2 consent on file at a clinic whose profile says otherwise means one of them is wrong.
  @Test
  void aPart2ProgramNeedsAPart2ConsentAndOnlyItTakesOne(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.request());
    Fixtures.write(dir, "part2.yaml", Fixtures.profile() + "organization:\n  part2_program: true\n");

    CliResult general = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "p2.pdf", "--profile", "part2.yaml");
    assertEquals(ExitCodes.PRIVACY, general.exitCode(), general.err());
    assertEquals("error: authorization.regimes: this clinic is a 42 CFR Part 2 program (organization.part2_program in"
        + " the profile), so a letter needs the patient's written consent under 42 CFR 2.31, not a general"
        + " authorization; list part2 once the signed form meets 2.31\n", general.err());
    assertFalse(Files.exists(dir.resolve("p2.pdf")));

    Fixtures.write(dir, "consent.yaml", Fixtures.part2Consent(Fixtures.request()));
    CliResult elsewhere = CliResult.run(letters, PASSWORD, "letter", "consent.yaml", "-o", "out.pdf");
    assertEquals(ExitCodes.PRIVACY, elsewhere.exitCode(), elsewhere.err());
    assertTrue(elsewhere.err().startsWith("error: authorization.regimes: lists part2, but the clinic profile does not say"
        + " this is a 42 CFR Part 2 program"), elsewhere.err());
    assertFalse(Files.exists(dir.resolve("out.pdf")));

    CliResult checked = CliResult.run(letters, "check", "consent.yaml", "--profile", "part2.yaml");
    assertEquals(ExitCodes.OK, checked.exitCode(), checked.err());
    assertTrue(checked.out().startsWith("Authorization OK (HIPAA authorization and 42 CFR Part 2 consent): "), checked.out());

    Fixtures.write(dir, "part2-only.yaml", Fixtures.request().replace("  discloses: [", "  regimes: [part2]\n  discloses: ["));
    CliResult alone = CliResult.run(letters, PASSWORD, "check", "part2-only.yaml", "--profile", "part2.yaml");
    assertEquals(ExitCodes.PRIVACY, alone.exitCode(), alone.err());
    assertEquals("error: authorization.regimes: does not list hipaa; every letter rests on a HIPAA authorization"
        + " (45 CFR 164.508), so list hipaa once the signed form also meets it\n", alone.err());

    Fixtures.write(dir, "typo.yaml", Fixtures.request().replace("  discloses: [", "  regimes: [hipaa, part-2]\n  discloses: ["));
    CliResult typo = CliResult.run(letters, PASSWORD, "check", "typo.yaml");
    assertEquals(ExitCodes.USAGE, typo.exitCode(), typo.err());
    assertTrue(typo.err().startsWith("error: authorization.regimes[1]: "), typo.err());
  }

  // California's Civil Code: the clinic discloses under a form meeting 56.11 only, and tells the
  // employer the authorization's limits on use (56.14) and its duties (56.20, 56.245).
  @Test
  void aCaliforniaClinicNeedsCaliforniasFormAndTellsTheEmployerItsLimits(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir, Fixtures.request());
    Fixtures.write(dir, "ca.yaml", Fixtures.profile().replace("\"Springfield, IL 62704\"", "\"Oakland, CA 94607\"")
        + "organization:\n  jurisdiction: US-CA\n");
    CliResult hipaaOnly = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "ca.pdf", "--profile", "ca.yaml");
    assertEquals(ExitCodes.PRIVACY, hipaaOnly.exitCode(), hipaaOnly.err());
    assertEquals("error: authorization.regimes: this clinic is in California (organization.jurisdiction: US-CA), so a"
        + " letter needs an authorization that meets Civil Code 56.11 (handwritten or in type of at least 14 points,"
        + " signed for this alone, with a specific end date); list ca-cmia once the signed form does\n", hipaaOnly.err());
    assertFalse(Files.exists(dir.resolve("ca.pdf")));

    String californian = Fixtures.request().replace("  discloses: [", "  regimes: [hipaa, ca-cmia]\n  discloses: [");
    Fixtures.write(dir, "ca-request.yaml", californian);
    Fixtures.write(dir, "ca-request-es.yaml", californian.replace("language: en", "language: es"));
    CliResult checked = CliResult.run(letters, "check", "ca-request.yaml", "--profile", "ca.yaml");
    assertTrue(checked.out().startsWith("Authorization OK (HIPAA authorization and California Civil Code 56.11"
        + " authorization): "), checked.out());
    assertTrue(checked.out().contains("California notice"), checked.out());
    for (String language : List.of("en", "es")) {
      String request = language.equals("en") ? "ca-request.yaml" : "ca-request-es.yaml";
      CliResult result = CliResult.run(letters, PASSWORD, "letter", request, "-o", language + ".pdf", "--profile", "ca.yaml");
      assertEquals(ExitCodes.OK, result.exitCode(), result.err());
      String text = text(dir.resolve(language + ".pdf"));
      assertEquals(Set.of(), VeraPdf.failures(dir.resolve(language + ".pdf"), PDFAFlavour.PDFA_2_A), language);
      assertEquals(Set.of(), VeraPdf.failures(dir.resolve(language + ".pdf"), PDFAFlavour.PDFUA_1), language);
      if (language.equals("en")) {
        assertTrue(text.contains("Notice under California law. The authorization under which this information is"
            + " disclosed (California Civil Code section 56.11) limits its use to: work schedule accommodation"
            + " (recipient: Acme Logistics; the authorization expires March 1, 2027). The employer must keep it"
            + " confidential and may not use or disclose it without authorization except as the law allows (section"
            + " 56.20); no recipient may disclose it further except under a new authorization or as the law requires"
            + " or permits (section 56.245)."), text);
      } else {
        assertTrue(text.contains("Aviso conforme a la ley de California. La autorización con la que se divulga esta"
            + " información (Código Civil de California, sección 56.11) limita su uso a: work schedule accommodation"
            + " (destinatario: Acme Logistics; la autorización vence el 1 de marzo de 2027). El empleador debe"
            + " mantenerla confidencial"), text);
      }
    }
    // FEHA: documentation need not disclose the nature of the disability; the clinician is told.
    Fixtures.write(dir, "ca-condition.yaml", californian.replace("language: en\n", "language: en\nlevel: condition-category\n"
        + "functional_limitations: [sleeping]\ncondition_category: medical-condition\n")
        .replace("accommodation]", "accommodation, work-restrictions, disability-status]"));
    CliResult condition = CliResult.run(letters, "check", "ca-condition.yaml", "--profile", "ca.yaml");
    assertEquals(ExitCodes.OK, condition.exitCode(), condition.err());
    assertTrue(condition.err().contains("warning: level: a California employer may not require the nature of the"
        + " disability (2 CCR 11069(d))"), condition.err());
    assertFalse(CliResult.run(letters, "check", "ca-condition.yaml").err().contains("California"));
    // The purpose is printed, so it is scanned as the field it is, before anything is rendered.
    Fixtures.write(dir, "ca-purpose.yaml", californian.replace("purpose: work schedule accommodation",
        "purpose: work schedule during methadone dosing"));
    CliResult purpose = CliResult.run(letters, PASSWORD, "letter", "ca-purpose.yaml", "-o", "p.pdf", "--profile", "ca.yaml");
    assertEquals(ExitCodes.PRIVACY, purpose.exitCode(), purpose.err());
    assertTrue(purpose.err().startsWith("error: authorization.purpose: names a substance-use medication"), purpose.err());
    // A form that meets California's law too is simply accepted elsewhere, and adds nothing there.
    CliResult elsewhere = CliResult.run(letters, PASSWORD, "letter", "ca-request.yaml", "-o", "il.pdf");
    assertEquals(ExitCodes.OK, elsewhere.exitCode(), elsewhere.err());
    assertFalse(text(dir.resolve("il.pdf")).contains("California"));
  }

  // domain.md §5: the patient gets a copy in their own language showing exactly what was
  // disclosed; made with the letter, it carries the letter's ID and is marked as the patient's.
  @Test
  void thePatientsCopyIsMadeWithTheLetterAndCarriesItsId(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.request());
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf", "--patient-copy", "es");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    String id = result.out().substring("Signed letter ".length(), "Signed letter ".length() + 19);
    assertTrue(result.out().endsWith("Patient's copy written to " + dir.resolve("out-copy-es.pdf") + "\n"), result.out());
    String copy = text(dir.resolve("out-copy-es.pdf"));
    assertTrue(copy.contains("SU COPIA — sin firmar; su empleador recibe la carta firmada"), copy);
    assertTrue(copy.contains("Identificador de la carta: " + id), copy);
    assertTrue(copy.contains("Jordan Rivera no está disponible para trabajar"), copy);
    try (var document = org.apache.pdfbox.Loader.loadPDF(dir.resolve("out-copy-es.pdf").toFile())) {
      assertTrue(document.getSignatureDictionaries().isEmpty(), "the copy is not signed");
    }
    assertEquals(1, Files.readAllLines(dir.resolve("ledger.jsonl")).size(), "one disclosure: the letter");

    // A copy that cannot be written stops the letter before anything is recorded or written.
    CliResult taken = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "again.pdf", "--patient-copy", "es");
    assertEquals(ExitCodes.OK, taken.exitCode(), taken.err());
    Files.delete(dir.resolve("again.pdf"));
    CliResult refused = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "again.pdf", "--patient-copy", "es");
    assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.err());
    assertEquals("error: --patient-copy: " + dir.resolve("again-copy-es.pdf") + " already exists; use --force to replace"
        + " it\n", refused.err());
    assertFalse(Files.exists(dir.resolve("again.pdf")));
    assertEquals(2, Files.readAllLines(dir.resolve("ledger.jsonl")).size());
    assertEquals("error: --patient-copy: must be en or es\n",
        CliResult.run(letters, PASSWORD, "letter", "request.yaml", "--patient-copy", "fr").err());
  }

  // The patient's language is known when the request is written (domain.md: patientCopyLocale):
  // the request may ask for the copy itself, and --patient-copy overrides it for one run.
  @Test
  void theRequestMayAskForThePatientsCopy(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.request().replace("language: en", "language: en\npatient_copy: es"));

    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    String id = result.out().substring("Signed letter ".length(), "Signed letter ".length() + 19);
    assertTrue(result.out().contains("Patient's copy written to " + dir.resolve("out-copy-es.pdf") + "\n"), result.out());
    String copy = text(dir.resolve("out-copy-es.pdf"));
    assertTrue(copy.contains("SU COPIA — sin firmar") && copy.contains("Identificador de la carta: " + id), copy);
    CliResult check = CliResult.run(letters, "check", "request.yaml");
    assertTrue(check.out().contains("Patient's copy: in es, written beside the letter"), check.out());
    CliResult preview = CliResult.run(letters, "preview", "request.yaml", "-o", "draft.pdf");
    assertTrue(preview.err().contains("note: the request asks for the patient's copy in es; --patient-language es shows it"),
        preview.err());

    CliResult english = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "en.pdf", "--patient-copy", "en");
    assertEquals(ExitCodes.OK, english.exitCode(), english.err());
    assertTrue(text(dir.resolve("en-copy-en.pdf")).contains("YOUR COPY — not signed"));
    assertFalse(Files.exists(dir.resolve("en-copy-es.pdf")), "the option overrides the request");

    // Standard output takes the letter alone: the copy the request asks for is not dropped unsaid.
    CliResult piped = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "-");
    assertEquals(ExitCodes.USAGE, piped.exitCode());
    assertEquals("error: patient_copy: the request asks for the patient's copy, which needs a file; -o - writes the"
        + " letter alone to standard output: give -o FILE\n", piped.err());
    assertEquals(2, Files.readAllLines(dir.resolve("ledger.jsonl")).size(), "nothing signed for the refused run");

    Fixtures.write(dir, "request.yaml", Fixtures.request().replace("language: en", "language: en\npatient_copy: fr"));
    assertEquals("error: patient_copy: must be one of en, es\n",
        CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "fr.pdf").err());
  }

  @Test
  void aLetterFromANonPart2OrganizationNeverMentionsPart2(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.request());
    assertEquals(ExitCodes.OK, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf").exitCode());
    String text = text(dir.resolve("out.pdf"));
    assertFalse(text.toLowerCase().contains("cfr part 2"), text);
    assertFalse(text.contains("work schedule accommodation"), "the purpose stays internal");
    assertFalse(text.contains("California"), text);
  }

  private static String text(Path pdf) throws IOException {
    try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      return new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }

  @Test
  void wordsExtractAsTypedWithNoLigatureGlyphs(@TempDir Path dir) throws IOException {
    // An HR system searching the letter, or a screen reader, must find "office", not "o\uFB03ce".
    Letters letters = setUp(dir, Fixtures.request().replace("Start work at 1:00 p.m. on these days",
        "Start work at 1:00 p.m.; the office staff confirm the shift at first light"));
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "lig.pdf");
    assertEquals(ExitCodes.OK, result.exitCode(), result.err());

    String text = text(dir.resolve("lig.pdf"));
    assertTrue(text.contains("the office staff confirm the shift at first light"), text);
    assertTrue(text.contains("confidential"), text);
    assertFalse(text.chars().anyMatch(c -> c >= 0xFB00 && c <= 0xFB06), text);
  }

  @Test
  void readsThePasswordFromAFile(@TempDir Path dir) throws java.io.IOException {
    Letters letters = setUp(dir, Fixtures.request());
    Fixtures.secret(dir, "password.txt", DemoKeys.PASSWORD + "\n");
    CliResult result = CliResult.run(letters, "letter", "request.yaml", "-o", "out.pdf",
        "--password-file", "password.txt", "--keystore", "keys/demo/clinician.p12");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());

    // A password file other users may read is refused, as ssh refuses such a key, by its own option.
    Fixtures.write(dir, "shared.txt", DemoKeys.PASSWORD + "\n");
    java.nio.file.Files.setPosixFilePermissions(dir.resolve("shared.txt"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    Path shared = dir.resolve("shared.txt");
    Map<String, String[]> commands = Map.of(
        "--password-file", new String[] {"letter", "request.yaml", "-o", "never.pdf", "--password-file", "shared.txt",
            "--keystore", "keys/demo/clinician.p12"},
        "--ca-password-file", new String[] {"keys", "crl", "--ca", "keys/demo/ca.p12", "--ca-password-file", "shared.txt"});
    for (Map.Entry<String, String[]> entry : commands.entrySet()) {
      String option = entry.getKey();
      String[] command = entry.getValue();
      CliResult refused = CliResult.run(letters, command);
      assertEquals(ExitCodes.USAGE, refused.exitCode(), String.join(" ", command));
      assertEquals("error: " + option + ": " + shared + " can be read by other users of this computer; make it readable"
          + " by you alone (chmod 600 " + shared + ")\n", refused.err());
    }
    assertFalse(java.nio.file.Files.exists(dir.resolve("never.pdf")));
  }

  @Test
  void aWrongPasswordIsAKeyErrorOnOneLine(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.request());
    CliResult result = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, "not-it"),
        "letter", "request.yaml", "-o", "out.pdf");

    assertEquals(ExitCodes.SIGNING, result.exitCode(), result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    assertTrue(result.err().contains("wrong password"), result.err());
    assertFalse(result.err().contains("not-it"));
    assertFalse(Files.exists(dir.resolve("out.pdf")));
  }

  // The JDK reports a keystore whose integrity check fails as a wrong password; with the right
  // one, a clinician would be told again and again to type what they typed.
  @Test
  void aDamagedKeystoreIsNotCalledAWrongPassword(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.request());
    Path keystore = dir.resolve("keys/demo/clinician.p12");
    byte[] bytes = Files.readAllBytes(keystore);
    bytes[bytes.length - 40] ^= 1;  // inside the integrity check's data, after the key
    Files.write(keystore, bytes);

    CliResult damaged = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf");
    assertEquals(ExitCodes.SIGNING, damaged.exitCode(), damaged.err());
    assertEquals("error: keystore " + keystore + ": the password is right, but the file was changed or damaged"
        + " (its integrity check fails); restore it from a copy\n", damaged.err());
    CliResult wrong = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, "not-it"),
        "letter", "request.yaml", "-o", "out.pdf");
    assertEquals("error: keystore " + keystore + ": wrong password\n", wrong.err());
    assertFalse(Files.exists(dir.resolve("out.pdf")));
  }

  @Test
  void withoutAnyPasswordSourceItSaysWhereToPutOne(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.request());
    CliResult result = CliResult.run(letters, "letter", "request.yaml", "-o", "out.pdf");

    assertEquals(ExitCodes.SIGNING, result.exitCode());
    assertTrue(result.err().contains("ACCOMMODATE_KEY_PASSWORD"), result.err());
  }

  @Test
  void aPasswordIsNeverAcceptedAsAnOptionValue(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.request());
    CliResult result = CliResult.run(letters, "letter", "request.yaml", "--password", "demo");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().contains("unknown option --password"), result.err());
    assertFalse(result.err().contains("demo"), result.err());
  }

  // A typo gets the name it was probably meant to be; the typed word is never repeated back (a
  // file named after a patient, a password in the wrong place), and a far miss gets no guess.
  @Test
  void aMistypedCommandOrOptionGetsTheNearestNameWithoutEchoingIt(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.request());
    assertEquals("error: unknown command; did you mean 'letter'? (see 'accommodate --help')",
        CliResult.run(letters, "lettr", "request.yaml").err().strip());
    assertEquals("error: unknown command (see 'accommodate --help')",
        CliResult.run(letters, "jordan-rivera.yaml").err().strip());
    assertEquals("error: unknown command; did you mean 'list'? (see 'accommodate ledger --help')",
        CliResult.run(letters, "ledger", "lst").err().strip());
    CliResult option = CliResult.run(letters, "verify", "x.pdf", "--trst", "ca.pem");
    assertEquals(ExitCodes.USAGE, option.exitCode());
    assertEquals("error: unknown option --trst; did you mean '--trust'? (see 'accommodate verify --help')", option.err().strip());
  }

  @Test
  void aRefusedAuthorizationNeverAsksForTheKey(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.request().replace("expires: 2027-03-01", "expires: 2026-11-30"));
    java.util.concurrent.atomic.AtomicBoolean asked = new java.util.concurrent.atomic.AtomicBoolean();
    org.accommodate.keys.KeySource keys = () -> {
      asked.set(true);
      throw new AssertionError("the key was asked for");
    };
    var request = letters.readRequest(Path.of("request.yaml"));
    var profile = letters.readProfile(null);
    org.junit.jupiter.api.Assertions.assertThrows(org.accommodate.PrivacyRefusalException.class,
        () -> letters.issue(request, profile, keys, org.accommodate.IssueOptions.defaults().withOutput(Path.of("x.pdf"))));
    assertFalse(asked.get());
    assertFalse(Files.exists(dir.resolve("x.pdf")));
  }

  static Stream<Arguments> badRequests() {
    String ok = Fixtures.request();
    return Stream.of(
        // An unknown field's name is repeated only when it is a typo of ours: any other name may
        // be a value typed without its ": ", or a word of the patient's.
        Arguments.of("mistyped field", ok + "unavilable: CANARY-7Q4\n", ExitCodes.USAGE,
            "unavilable: unknown field; did you mean unavailable?"),
        Arguments.of("unknown field", ok + "shoe_size: CANARY-7Q4\n", ExitCodes.USAGE, "request: field 10 is none of"),
        Arguments.of("value typed as a name", ok.replace("  details: Start",
            "  details Start after CANARY-7Q4 dosing at 1:00 p.m.: yes\n  details: Start"), ExitCodes.USAGE,
            "accommodation: field 2 is none of details, type; its name is not repeated here"),
        Arguments.of("diagnosis field", ok.replace("patient:\n", "patient:\n  diagnosis: CANARY-7Q4\n"),
            ExitCodes.USAGE, "patient.diagnosis: health details never belong in a request"),
        Arguments.of("missing authorization", ok.substring(0, ok.indexOf("authorization:")),
            ExitCodes.PRIVACY, "authorization: no patient authorization"),
        Arguments.of("expired authorization", ok.replace("expires: 2027-03-01", "expires: 2026-11-30"),
            ExitCodes.PRIVACY, "authorization.expires: the authorization expired"),
        Arguments.of("dated back within an expired authorization", ok.replace("date: 2026-12-01", "date: 2026-11-30")
            .replace("signed: 2026-11-30", "signed: 2026-11-29").replace("expires: 2027-03-01", "expires: 2026-11-30")
            .replace("start: 2026-12-07", "start: 2026-11-30").replace("end: 2027-01-29", "end: 2026-11-30"),
            ExitCodes.PRIVACY, "authorization.expires: the authorization has expired (the letter is dated earlier"),
        Arguments.of("dated ahead", ok.replace("date: 2026-12-01", "date: 2026-12-02"), ExitCodes.USAGE,
            "date: is after today"),
        Arguments.of("recipient mismatch", ok.replace("recipient: Acme Logistics", "recipient: CANARY-7Q4 Freight"),
            ExitCodes.PRIVACY, "authorization.recipient: does not name employer.organization"),
        Arguments.of("end before start", ok.replace("end: 2027-01-29", "end: 2026-12-01"),
            ExitCodes.USAGE, "period.end: must be on or after period.start"),
        Arguments.of("malformed time", ok.replace("from: \"09:00\"", "from: \"9h CANARY-7Q4\""),
            ExitCodes.USAGE, "unavailable[0].from: must be a 24-hour time"),
        Arguments.of("hour out of range", ok.replace("to: \"12:00\"", "to: \"25:00\""),
            ExitCodes.USAGE, "unavailable[0].to: must be a 24-hour time"),
        Arguments.of("time as a number", ok.replace("from: \"09:00\"", "from: 900"),
            ExitCodes.USAGE, "unavailable[0].from: must be a 24-hour time in quotes"),
        Arguments.of("bad weekday", ok.replace("[MON, WED, FRI]", "[MON, CANARY-7Q4]"),
            ExitCodes.USAGE, "unavailable[0].days[1]: must be a weekday"),
        Arguments.of("missing category", ok.replace("care-status, ", ""),
            ExitCodes.PRIVACY, "authorization.discloses: does not cover care-status"),
        Arguments.of("supervisor attention", ok.replace("attention: Human Resources", "attention: Shift Supervisor"),
            ExitCodes.PRIVACY, "employer.attention: a supervisor or manager"),
        Arguments.of("authorization signed after letter", ok.replace("signed: 2026-11-30", "signed: 2026-12-02"),
            ExitCodes.PRIVACY, "authorization.signed: the authorization is dated after the letter date"),
        Arguments.of("period past authorization", ok.replace("end: 2027-01-29", "end: 2027-04-01"),
            ExitCodes.PRIVACY, "period: the arrangement runs past authorization.expires"),
        Arguments.of("not yaml", "patient: [unclosed\n  CANARY-7Q4", ExitCodes.USAGE, "request request.yaml: not valid YAML"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void aBadRequestGetsOneLineTheRightExitCodeAndNoOutputFile(String name, String request, int exitCode,
      String message, @TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, request);

    for (String command : new String[] {"letter", "check"}) {
      CliResult result = command.equals("letter")
          ? CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf")
          : CliResult.run(letters, PASSWORD, "check", "request.yaml");

      assertEquals(exitCode, result.exitCode(), command + ": " + result.err());
      assertEquals(1, result.err().strip().lines().count(), result.err());
      assertTrue(result.err().startsWith("error: " + message), result.err());
      assertFalse(result.err().contains("CANARY-7Q4"), "messages never quote the request: " + result.err());
      assertFalse(result.err().contains("Exception"), result.err());
      assertEquals("", result.out());
    }
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".pdf")
          || f.getFileName().toString().endsWith(".part")), "no output file");
    }
  }

  @Test
  void checkPrintsTheDisclosureManifestAndWritesNothing(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.request());
    long before;
    try (var files = Files.list(dir)) {
      before = files.count();
    }
    CliResult result = CliResult.run(letters, "check", "request.yaml");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertTrue(result.out().contains("patient.name"), result.out());
    assertTrue(result.out().matches("(?s).*authorization\\.purpose\\s+withheld.*"), result.out());
    assertTrue(result.out().matches("(?s).*clinician NPI\\s+withheld.*"), result.out());
    try (var files = Files.list(dir)) {
      assertEquals(before, files.count());
    }
  }

  // A folder requests/ of three: a.yaml ready, b.yaml with an expired authorization, c.yaml as given.
  private static Letters requestsToCheck(Path dir, String third) throws IOException {
    Letters letters = setUp(dir, Fixtures.request());
    Files.createDirectories(dir.resolve("requests"));
    Fixtures.write(dir, "requests/a.yaml", Fixtures.request());
    Fixtures.write(dir, "requests/b.yaml", Fixtures.request().replace("expires: 2027-03-01", "expires: 2026-11-01"));
    Fixtures.write(dir, "requests/c.yaml", third);
    return letters;
  }

  // Before a batch: every request in a folder checked without the key, one line each, the
  // reason naming the field and never its content, and the worst exit code as batch would give.
  @Test
  void checkTakesAFolderOfRequestsAndSaysWhichWouldFail(@TempDir Path dir) throws IOException {
    Letters letters = requestsToCheck(dir,
        Fixtures.request().replace("Jordan Rivera", "Jordan Rivera\n  diagnosis: Zephyrine"));
    long before;
    try (var files = Files.walk(dir)) {
      before = files.count();
    }

    CliResult result = CliResult.run(letters, "check", "requests");

    assertEquals(ExitCodes.PRIVACY, result.exitCode(), result.err());
    List<String> lines = result.out().lines().toList();
    assertEquals("ok    requests/a.yaml (template schedule-adjustment)", lines.get(0));
    assertTrue(lines.get(1).startsWith("FAIL  requests/b.yaml: authorization.expires"), lines.get(1));
    assertTrue(lines.get(2).startsWith("FAIL  requests/c.yaml: patient.diagnosis: health details never belong"), lines.get(2));
    assertEquals("3 requests: 1 ready for a letter, 2 would fail.", lines.get(3));
    assertFalse(result.out().contains("Zephyrine"), result.out());
    try (var files = Files.walk(dir)) {
      assertEquals(before, files.count(), "check writes nothing");
    }
    // The line names the request once; the reader's own mention of it is not repeated.
    Files.createDirectories(dir.resolve("broken"));
    Fixtures.write(dir, "broken/x.yaml", "patient: [\n");
    CliResult broken = CliResult.run(letters, "check", "broken", "requests/a.yaml");
    assertTrue(broken.out().startsWith("FAIL  broken/x.yaml: not valid YAML at line"), broken.out());
  }

  @Test
  void checkJsonGivesEachRequestsVerdictAndWhatItWouldDiscloseNeverTheText(@TempDir Path dir) throws IOException {
    Letters letters = requestsToCheck(dir, Fixtures.request().replace("Start work at 1:00 p.m. on these days",
        "Start work after methadone dosing at Zephyrine House"));

    CliResult result = CliResult.run(letters, "check", "requests", "--json");

    assertEquals(ExitCodes.PRIVACY, result.exitCode(), result.err());
    List<JsonNode> lines = new java.util.ArrayList<>();
    for (String line : result.out().lines().toList()) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertEquals(3, lines.size(), result.out());
    JsonNode ok = lines.get(0);
    assertEquals("requests/a.yaml", ok.get("file").asText());
    assertEquals("ok", ok.get("result").asText());
    assertEquals(0, ok.get("exitCode").asInt());
    assertEquals("schedule-adjustment", ok.get("template").asText());
    assertEquals("[\"hipaa\"]", ok.get("regimes").toString());
    assertTrue(ok.get("categories").toString().contains("\"schedule\""), ok.toString());
    assertTrue(ok.get("manifest").toString().contains("\"field\":\"patient.name\",\"disclosed\":true"), ok.toString());
    assertEquals(0, ok.get("findings").size(), ok.toString());

    JsonNode expired = lines.get(1);
    assertEquals("FAIL", expired.get("result").asText());
    assertEquals(ExitCodes.PRIVACY, expired.get("exitCode").asInt());
    assertTrue(expired.get("error").asText().startsWith("authorization.expires"), expired.toString());

    JsonNode sensitive = lines.get(2);
    assertEquals("FAIL", sensitive.get("result").asText());
    assertEquals(ExitCodes.PRIVACY, sensitive.get("exitCode").asInt());
    JsonNode finding = sensitive.get("findings").get(0);
    assertEquals("accommodation.details", finding.get("field").asText(), sensitive.toString());
    assertEquals("BLOCK", finding.get("severity").asText(), sensitive.toString());
    assertFalse(result.out().toLowerCase().contains("methadone"), result.out());
    assertFalse(result.out().contains("Zephyrine"), result.out());
    assertFalse(result.err().contains("Zephyrine"), result.err());
  }

  @Test
  void aMissingProfileIsAnInputErrorNamingTheOption(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "request.yaml", Fixtures.request());
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().startsWith("error: --profile:"), result.err());
  }

  @Test
  void jsonRequestsWorkLikeYaml(@TempDir Path dir) {
    String json = "{\"patient\": {\"name\": \"Jordan Rivera\"},"
        + " \"date\": \"2026-12-01\","
        + " \"employer\": {\"organization\": \"Acme Logistics\"},"
        + " \"period\": {\"start\": \"2026-12-07\", \"weeks\": 4},"
        + " \"unavailable\": [{\"days\": [\"Tuesday\"], \"from\": \"13:00\", \"to\": \"16:30\"}],"
        + " \"accommodation\": {\"type\": \"shifted-hours\"},"
        + " \"authorization\": {\"reference\": \"A-1\", \"signed\": \"2026-11-20\", \"signed_by\": \"patient\","
        + " \"expires\": \"2027-06-01\", \"recipient\": \"ACME logistics\", \"purpose\": \"schedule\","
        + " \"discloses\": [\"identity\", \"care-status\", \"schedule\", \"duration\", \"accommodation\"]}}";
    Letters letters = setUp(dir, "");
    Fixtures.write(dir, "request.json", json);
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.json", "-o", "json.pdf");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
  }

  // A patient's written revocation, once the clinic lists it, stops every letter under that
  // authorization: one letter, a check and a batch alike (45 CFR 164.508(b)(2), (b)(5)).
  @Test
  void aRevokedAuthorizationStopsEveryLetterUnderIt(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, Fixtures.request());
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile() + "\nrevoked_authorizations: revoked.txt\n");
    Fixtures.write(dir, "revoked.txt", "# authorizations revoked in writing\n AUTH-2026-0001\nauth-2026-0142  # by letter, 2026-11-30\n");

    CliResult letter = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf");
    assertEquals(ExitCodes.PRIVACY, letter.exitCode());
    assertEquals("error: authorization.reference: the patient revoked this authorization (profile.revoked_authorizations"
        + " lists it); a letter needs a new one\n", letter.err());
    assertFalse(Files.exists(dir.resolve("out.pdf")));
    assertEquals(ExitCodes.PRIVACY, CliResult.run(letters, "check", "request.yaml").exitCode());
    assertEquals(ExitCodes.PRIVACY, CliResult.run(letters, "preview", "request.yaml", "-o", "d.pdf").exitCode());

    Files.createDirectories(dir.resolve("requests"));
    Fixtures.write(dir, "requests/a.yaml", Fixtures.request().replace("AUTH-2026-0142", "AUTH-2026-0150"));
    Fixtures.write(dir, "requests/b.yaml", Fixtures.request());
    CliResult batch = CliResult.run(letters, PASSWORD, "batch", "requests", "--out-dir", "out");
    assertEquals(ExitCodes.PRIVACY, batch.exitCode(), batch.err());
    JsonNode items = new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile()).get("letters");
    assertEquals(0, items.get(0).get("exitCode").asInt(), items.toString());
    assertEquals(3, items.get(1).get("exitCode").asInt(), items.toString());

    CliResult other = CliResult.run(letters, "check", "requests/a.yaml");
    assertEquals(ExitCodes.OK, other.exitCode(), other.err());
    assertTrue(other.out().startsWith("Authorization OK (HIPAA authorization): template schedule-adjustment, covers"
        + " accommodation, care-status,"
        + " duration, identity, schedule; not on the clinic's list of revoked authorizations (2)."), other.out());

    // A list saved by an editor that starts files with a byte-order mark reads the same.
    Fixtures.write(dir, "revoked.txt", "\uFEFFAUTH-2026-0142\n");
    assertEquals(ExitCodes.PRIVACY, CliResult.run(letters, "check", "request.yaml").exitCode());

    // A list the profile names but that cannot be read stops everything: it may hold this patient.
    Files.delete(dir.resolve("revoked.txt"));
    CliResult unreadable = CliResult.run(letters, "check", "requests/a.yaml");
    assertEquals(ExitCodes.USAGE, unreadable.exitCode());
    assertTrue(unreadable.err().startsWith("error: profile.revoked_authorizations: cannot read "), unreadable.err());
    assertTrue(unreadable.err().endsWith("revoked.txt: no such file or folder\n"), unreadable.err());
  }
}
