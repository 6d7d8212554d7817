package org.accommodate.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import org.accommodate.Letters;
import org.accommodate.keys.ClinicCa;
import org.accommodate.keys.DemoKeys;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandCliTest {
  // Found by hand: a letter printed to PDF (or scanned) loses its metadata and signature, not its
  // page; verify read no letter ID, and HR could not tell the clinic which letter to send again.
  @Test
  void aLetterPrintedToPdfIsQuotedByTheIdItsPagePrints(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    assertEquals(0, CliResult.run(letters, "demo", "-o", "letter.pdf").exitCode());
    String id = new ObjectMapper().readTree(CliResult.run(letters, "verify", "letter.pdf", "--json").out())
        .get("letterId").asText();
    try (PDDocument letter = Loader.loadPDF(dir.resolve("letter.pdf").toFile()); PDDocument printed = new PDDocument()) {
      printed.importPage(letter.getPage(0));
      printed.save(dir.resolve("printed.pdf").toFile());
    }
    CliResult result = CliResult.run(letters, "verify", "printed.pdf");
    assertEquals(ExitCodes.UNSIGNED, result.exitCode(), result.out());
    assertTrue(result.out().contains("ask the clinic for the signed letter (the file states letter ID " + id + ")."),
        result.out());
  }

  // A letter saved again by a PDF program keeps its signature but not its byte offsets: the
  // reader is told that this, not a forger, is the likely cause, and that the original may verify.
  @Test
  void aLetterSavedAgainByAPdfProgramSaysSo(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    assertEquals(0, CliResult.run(letters, "demo", "-o", "letter.pdf").exitCode());
    try (PDDocument document = Loader.loadPDF(dir.resolve("letter.pdf").toFile())) {
      document.save(dir.resolve("saved.pdf").toFile(), CompressParameters.NO_COMPRESSION);
    }
    CliResult result = CliResult.run(letters, "verify", "saved.pdf", "--trust", "keys/demo/ca.pem");
    assertEquals(5, result.exitCode(), result.out());
    assertTrue(result.out().contains(": the file was rewritten after signing (saved again, optimized or converted by a"
        + " PDF program), cut short or changed; the file the clinic sent may still verify."), result.out());
  }

  // Found by hand: a preview handed on as if it were the letter read "ask the clinic for the
  // signed letter (the file states letter ID …)", an ID never issued, which no ledger holds.
  @Test
  void aDraftIsNamedAsOneAndItsIdIsNotQuoted(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Fixtures.write(dir, "request.yaml", Fixtures.request());
    assertEquals(ExitCodes.OK, CliResult.run(letters, "preview", "request.yaml", "-o", "draft.pdf").exitCode());

    CliResult result = CliResult.run(letters, "verify", "draft.pdf");
    assertEquals(ExitCodes.UNSIGNED, result.exitCode(), result.out());
    assertTrue(result.out().contains("It is a draft (\"DRAFT — not signed, not valid\" across its top)"), result.out());
    assertTrue(result.out().contains("What now:   a draft is never a letter, and no letter bears its ID; ask the clinic"
        + " for the signed letter."), result.out());
    assertFalse(result.out().contains("Letter ID"), result.out());
    JsonNode json = new ObjectMapper().readTree(CliResult.run(letters, "verify", "draft.pdf", "--json").out());
    assertTrue(json.get("letterId").isNull(), json.toString());
  }

  private static Path signedLetter(Path dir, Letters letters) {
    CliResult demo = CliResult.run(letters, "demo", "-o", "letter.pdf");
    assertEquals(ExitCodes.OK, demo.exitCode(), demo.err());
    return dir.resolve("letter.pdf");
  }

  @Test
  void verifiesAnIntactLetterAgainstTheDemoCa(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);

    CliResult result = CliResult.run(letters, "verify", pdf.toString(), "--trust", "keys/demo/ca.pem");

    assertEquals(ExitCodes.OK, result.exitCode(), result.out());
    assertTrue(result.out().contains("Signed by:  Alex Morgan, Demo Clinic"), result.out());
    assertTrue(result.out().contains("certified: no changes allowed"), result.out());
    assertFalse(result.out().contains("What now:"), result.out());
  }

  // A named pipe in the trust folder, or in a folder of letters, is no certificate or letter:
  // opening it waited for a writer and held verify forever.
  @Test
  void namedPipesInFoldersAreSkippedNotWaitedOn(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    Files.createDirectories(dir.resolve("trust"));
    Files.copy(dir.resolve("keys/demo/ca.pem"), dir.resolve("trust/ca.pem"));
    Path[] pipes = {Fixtures.namedPipe(dir.resolve("trust/other.pem")),
        Fixtures.namedPipe(pdf.resolveSibling("waiting.pdf"))};
    try {
      CliResult result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> CliResult.run(letters, "verify", pdf.getParent().toString(), "--trust", "trust"));
      assertEquals(ExitCodes.OK, result.exitCode(), result.out());
    } finally {
      for (Path pipe : pipes) {
        Fixtures.letGo(pipe);
      }
    }
  }

  @Test
  void aLetterPipedToStandardInputIsVerifiedAsAFileWouldBe(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    byte[] letter = Files.readAllBytes(signedLetter(dir, letters));

    CliResult piped = CliResult.run(letters, java.util.Map.of(), letter, "verify", "-", "--trust", "keys/demo/ca.pem");
    assertEquals(ExitCodes.OK, piped.exitCode(), piped.err());
    assertTrue(piped.out().startsWith("(standard input)\n  Result:     VALID"), piped.out());

    byte[] changed = letter.clone();
    changed[100] ^= 1;
    CliResult json = CliResult.run(letters, java.util.Map.of(), changed, "verify", "-", "--json", "--trust",
        "keys/demo/ca.pem");
    assertEquals(ExitCodes.MODIFIED_OR_INVALID, json.exitCode(), json.err());
    assertEquals("-", new ObjectMapper().readTree(json.out()).get("file").asText());

    assertEquals("error: standard input: not a PDF file\n",
        CliResult.run(letters, java.util.Map.of(), "hello".getBytes(US_ASCII), "verify", "-").err());
    assertEquals("error: PDF: a letter on standard input (-) is checked on its own, not with files\n",
        CliResult.run(letters, java.util.Map.of(), letter, "verify", "-", "letter.pdf").err());
  }

  @Test
  void trustsCertificatesInKeysTrustedByDefault(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    Files.createDirectories(dir.resolve("keys/trusted"));
    Files.copy(dir.resolve("keys/demo/ca.pem"), dir.resolve("keys/trusted/clinic-ca.pem"));

    assertEquals(ExitCodes.OK, CliResult.run(letters, "verify", pdf.toString()).exitCode());
  }

  @Test
  void reportsAnUnrelatedCaAsNotTrusted(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    ClinicCa.Issued other = ClinicCa.selfSignedCa(new X500Name("CN=Other Clinic CA,O=Other Clinic"),
        ClinicCa.KeyType.EC_P256, Fixtures.CLOCK.instant(), Duration.ofDays(365));
    Path otherCa = Files.writeString(dir.resolve("other-ca.pem"), DemoKeys.pem(other.certificate()));

    CliResult result = CliResult.run(letters, "verify", pdf.toString(), "--trust", otherCa.toString());

    assertEquals(ExitCodes.UNTRUSTED, result.exitCode(), result.out());
    assertTrue(result.out().contains("does not chain to any trusted certificate authority"), result.out());
    String id = result.out().lines().filter(l -> l.startsWith("  Letter ID:")).findFirst().orElseThrow().substring(14);
    assertTrue(result.out().contains("  What now:   before relying on it, ask the clinic for its CA certificate's SHA-256"
        + " fingerprint through a channel you trust (its website, or a phone number you look up yourself; not this file"
        + " or whoever sent it); only if it is the CA SHA-256 above, check again with --trust-fingerprint and the clinic's"
        + " fingerprint (with --remember, the clinic's later letters need no fingerprint). Or ask the clinic to confirm"
        + " the letter (the file states letter ID " + id + ")."), result.out());
  }

  private static String published(Letters letters, String caFile) {
    CliResult show = CliResult.run(letters, "keys", "show", caFile);
    assertEquals(ExitCodes.OK, show.exitCode(), show.err());
    return show.out().lines().filter(l -> l.startsWith("SHA-256:")).findFirst().orElseThrow().substring(13);
  }

  // An HR officer rarely holds the clinic's CA file; the fingerprint the clinic publishes (its
  // website, read out on the phone) is enough, as the letter carries the certificate it names.
  @Test
  void theFingerprintTheClinicPublishesIsEnoughToTrustItsLetters(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    String published = published(letters, "keys/demo/ca.pem");

    CliResult untrusted = CliResult.run(letters, "verify", pdf.toString());
    assertEquals(ExitCodes.UNTRUSTED, untrusted.exitCode(), untrusted.out());
    assertTrue(untrusted.out().contains("\n  Authority:  Demo Clinic CA, Demo Clinic (SPECIMEN - demo key, not valid)"
        + " (as the letter names it; not trusted here)\n  CA SHA-256: " + published + "\n"), untrusted.out());

    // As shown, and as people type it: lower case, without colons, with its label.
    for (String typed : List.of(published, published.replace(":", "").toLowerCase(java.util.Locale.ROOT),
        "SHA-256: " + published)) {
      CliResult pinned = CliResult.run(letters, "verify", pdf.toString(), "--trust-fingerprint", typed);
      assertEquals(ExitCodes.OK, pinned.exitCode(), typed + "\n" + pinned.out());
      assertTrue(pinned.out().contains("Trust:      issued by a trusted authority: Demo Clinic CA, Demo Clinic (SPECIMEN"
          + " - demo key, not valid) (by the fingerprint you gave)\n"), pinned.out());
      assertFalse(pinned.out().contains("Authority:"), pinned.out());
    }
    JsonNode json = new ObjectMapper().readTree(CliResult.run(letters, "verify", pdf.toString(), "--json").out());
    assertEquals(published, json.get("signatures").get(0).get("namedAuthority").get("sha256").asText());
  }

  // An HR officer compares the clinic's fingerprint once; later letters from that clinic verify
  // with no option, as with a CA certificate the clinic handed over. Only what was compared is kept.
  @Test
  void aFingerprintComparedOnceIsRememberedForTheClinicsLaterLetters(@TempDir Path dir) throws Exception {
    Letters clinic = Fixtures.letters(dir.resolve("clinic"));
    Path pdf = signedLetter(dir.resolve("clinic"), clinic);
    String published = published(clinic, "keys/demo/ca.pem");
    Path office = java.nio.file.Files.createDirectories(dir.resolve("hr"));
    Letters hr = Letters.create(Fixtures.CLOCK, office);

    CliResult alone = CliResult.run(hr, "verify", pdf.toString(), "--remember");
    assertEquals(ExitCodes.USAGE, alone.exitCode(), alone.err());
    assertEquals("error: --remember: give the clinic's CA fingerprint with --trust-fingerprint; only a certificate"
        + " whose fingerprint you compared is kept\n", alone.err());

    CliResult first = CliResult.run(hr, "verify", pdf.toString(), "--trust-fingerprint", published, "--remember");
    assertEquals(ExitCodes.OK, first.exitCode(), first.out());
    Path kept = office.resolve("keys/trusted/demo-clinic-ca-" + published.replace(":", "").substring(0, 16)
        .toLowerCase(java.util.Locale.ROOT) + ".pem");
    assertTrue(first.out().endsWith("\nRemembered: Demo Clinic CA, Demo Clinic (SPECIMEN - demo key, not valid) in "
        + office.relativize(kept) + "; its letters verify from this folder without --trust-fingerprint.\n"), first.out());
    assertEquals(java.nio.file.Files.readString(dir.resolve("clinic/keys/demo/ca.pem")), java.nio.file.Files.readString(kept));

    CliResult before = CliResult.run(Letters.create(Fixtures.CLOCK, java.nio.file.Files.createDirectories(dir.resolve("hr0"))),
        "verify", pdf.toString());
    assertTrue(before.out().contains("(with --remember, the clinic's later letters need no fingerprint)"), before.out());
    CliResult later = CliResult.run(hr, "verify", pdf.toString());
    assertEquals(ExitCodes.OK, later.exitCode(), later.out());
    assertTrue(later.out().contains("Trust:      issued by a trusted authority: Demo Clinic CA"), later.out());
    CliResult again = CliResult.run(hr, "verify", pdf.toString(), "--trust-fingerprint", published, "--remember", "--json");
    assertEquals(1, again.out().lines().count(), again.out());
    assertTrue(again.err().startsWith("Already remembered: Demo Clinic CA"), again.err());

    // A trust folder or certificate any user may write is one anyone may add a forger's CA to.
    java.nio.file.Files.setPosixFilePermissions(kept.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xrwx"));
    CliResult open = CliResult.run(hr, "verify", pdf.toString());
    assertEquals(ExitCodes.USAGE, open.exitCode(), open.out());
    assertEquals("error: --trust: " + kept.getParent() + " can be changed by any user of this computer, so anyone could"
        + " make a forged letter trusted; remove their write permission (chmod o-w) and check its contents\n", open.err());
    java.nio.file.Files.setPosixFilePermissions(kept.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    java.nio.file.Files.setPosixFilePermissions(kept, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
    assertTrue(CliResult.run(hr, "verify", pdf.toString()).err().startsWith("error: --trust: " + kept + " can be changed"));
    java.nio.file.Files.setPosixFilePermissions(kept, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(ExitCodes.OK, CliResult.run(hr, "verify", pdf.toString()).exitCode());

    // keys/trusted/ is read without being named: another user's folder is refused (it takes root
    // to give a folder away, so the check is skipped for anyone else).
    java.nio.file.attribute.UserPrincipal nobody = null;
    try {
      nobody = office.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
      // no such account here: nothing to give the folder to
    }
    if (nobody != null && new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
      var root = java.nio.file.Files.getOwner(kept.getParent());
      java.nio.file.Files.setOwner(kept.getParent(), nobody);
      CliResult foreign = CliResult.run(hr, "verify", pdf.toString());
      assertEquals(ExitCodes.USAGE, foreign.exitCode(), foreign.out());
      assertEquals("error: keys/trusted: " + kept.getParent() + " belongs to another user (nobody), who could have put a"
          + " CA certificate there; verify reads keys/trusted/ only when it is yours (name it with --trust to use it"
          + " anyway)\n", foreign.err());
      assertEquals(ExitCodes.OK, CliResult.run(hr, "verify", pdf.toString(), "--trust", "keys/trusted").exitCode());
      java.nio.file.Files.setOwner(kept.getParent(), root);
    }

    // An impostor CA of the same name is not VALID with the clinic's fingerprint, so nothing is kept.
    Path elsewhere = dir.resolve("impostor");
    new DemoKeys(elsewhere.resolve("keys/demo"), Fixtures.CLOCK).ensure(ClinicCa.KeyType.RSA_2048);
    Path forged = signedLetter(elsewhere, Letters.create(Fixtures.CLOCK, elsewhere));
    Path empty = java.nio.file.Files.createDirectories(dir.resolve("hr2"));
    CliResult impostor = CliResult.run(Letters.create(Fixtures.CLOCK, empty), "verify", forged.toString(),
        "--trust-fingerprint", published, "--remember");
    assertEquals(ExitCodes.UNTRUSTED, impostor.exitCode(), impostor.out());
    assertTrue(impostor.out().endsWith("\nNothing remembered: no letter was VALID through the fingerprint given.\n"),
        impostor.out());
    assertFalse(java.nio.file.Files.exists(empty.resolve("keys")));
  }

  // Anyone can make a CA with the clinic's very name; only the clinic's own has its fingerprint.
  @Test
  void aLetterFromAnImpostorCaOfTheSameNameFailsTheClinicsFingerprint(@TempDir Path dir) {
    Letters clinic = Fixtures.letters(dir.resolve("clinic"));
    String published = published(clinic, "keys/demo/ca.pem");
    Path elsewhere = dir.resolve("impostor");
    new DemoKeys(elsewhere.resolve("keys/demo"), Fixtures.CLOCK).ensure(ClinicCa.KeyType.RSA_2048);
    Letters impostor = Letters.create(Fixtures.CLOCK, elsewhere);
    Path forged = signedLetter(elsewhere, impostor);

    CliResult result = CliResult.run(clinic, "verify", forged.toString(), "--trust-fingerprint", published);

    assertEquals(ExitCodes.UNTRUSTED, result.exitCode(), result.out());
    assertTrue(result.out().contains("  Authority:  Demo Clinic CA, Demo Clinic"), result.out());
    assertFalse(result.out().contains(published), result.out());
    assertTrue(result.out().contains("This letter carries no certificate authority with the fingerprint given with"
        + " --trust-fingerprint"), result.out());
    assertTrue(result.out().contains("  What now:   this letter does not come from the certificate authority whose"
        + " fingerprint you gave; if that fingerprint came from the clinic, do not rely on the letter"), result.out());
  }

  // A letter signed with a key stored without its CA (as all letters before session 15) carries
  // nothing a fingerprint could be checked against, and says so rather than "another authority".
  @Test
  void aLetterWithoutItsAuthoritysCertificateAsksForTheCertificateItself(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    var key = letters.demoKeys().keySource().load();
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("clinician", key.privateKey(), DemoKeys.PASSWORD.toCharArray(),
        new java.security.cert.Certificate[] {key.certificate()});
    try (var out = Files.newOutputStream(dir.resolve("alone.p12"))) {
      store.store(out, DemoKeys.PASSWORD.toCharArray());
    }
    CliResult demo = CliResult.run(letters, java.util.Map.of(org.accommodate.keys.PasswordSource.ENVIRONMENT_VARIABLE,
        DemoKeys.PASSWORD), "demo", "-o", "alone.pdf", "--keystore", "alone.p12");
    // With a key of its own, demo verifies against no anchor: NOT TRUSTED, but written.
    assertTrue(Files.isRegularFile(dir.resolve("alone.pdf")), demo.err() + demo.out());

    CliResult result = CliResult.run(letters, "verify", "alone.pdf", "--trust-fingerprint", published(letters, "keys/demo/ca.pem"));
    assertEquals(ExitCodes.UNTRUSTED, result.exitCode(), result.out());
    assertFalse(result.out().contains("Authority:"), result.out());
    assertTrue(result.out().contains("- This letter does not carry its certificate authority's certificate, so a"
        + " fingerprint cannot be checked against it: use --trust with the clinic's CA certificate."), result.out());
    assertTrue(result.out().contains("  What now:   get the clinic's CA certificate itself from the clinic"), result.out());
    assertEquals(ExitCodes.OK, CliResult.run(letters, "verify", "alone.pdf", "--trust", "keys/demo/ca.pem").exitCode());
  }

  // As with --trust, a clinician's own certificate is no anchor: no revocation list could withdraw it.
  @Test
  void aClinicianFingerprintTrustsNothingAndAMalformedOneIsNamed(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    String clinician = org.accommodate.keys.ClinicKeys.fingerprint(letters.demoKeys().keySource().load().certificate());

    CliResult result = CliResult.run(letters, "verify", pdf.toString(), "--trust-fingerprint", clinician);
    assertEquals(ExitCodes.UNTRUSTED, result.exitCode(), result.out());
    assertTrue(result.out().contains("- The fingerprint given with --trust-fingerprint is that of Alex Morgan, Demo Clinic"
        + " (SPECIMEN - demo key, not valid), which is not a certificate authority"), result.out());

    String format = "error: --trust-fingerprint: give a certificate's SHA-256 fingerprint, 64 hexadecimal digits with or"
        + " without colons, as 'accommodate keys show CA.pem' prints it";
    CliResult shortened = CliResult.run(letters, "verify", pdf.toString(), "--trust-fingerprint", clinician.substring(3));
    assertEquals(ExitCodes.USAGE, shortened.exitCode(), shortened.err());
    assertEquals(format + "\n", shortened.err());
    assertEquals("", shortened.out());
    CliResult sha1 = CliResult.run(letters, "verify", pdf.toString(), "--trust-fingerprint", "0".repeat(40));
    assertEquals(format + " (this one has 40 digits, a SHA-1 fingerprint)\n", sha1.err());
  }

  @Test
  void rejectsALetterWithOneByteOfPageContentChanged(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    byte[] bytes = Files.readAllBytes(pdf);
    int offset = pageContentOffset(bytes);
    bytes[offset] ^= 0x01;
    Files.write(pdf, bytes);

    CliResult result = CliResult.run(letters, "verify", pdf.toString(), "--trust", "keys/demo/ca.pem");

    assertEquals(ExitCodes.MODIFIED_OR_INVALID, result.exitCode(), result.out());
    assertTrue(result.out().contains("INVALID"), result.out());
  }

  @Test
  void rejectsBytesAppendedAfterSigning(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    Files.write(pdf, "appended".getBytes(US_ASCII), StandardOpenOption.APPEND);

    CliResult result = CliResult.run(letters, "verify", pdf.toString(), "--trust", "keys/demo/ca.pem");

    assertEquals(ExitCodes.MODIFIED_OR_INVALID, result.exitCode());
    assertTrue(result.out().contains("does not cover the whole file"), result.out());
    assertTrue(result.out().contains("  What now:   do not rely on this file; ask the clinic that issued it to confirm"
        + " the letter or send it again (the file states letter ID "), result.out());
  }

  // A copy saved with a password (a mail gateway's or a viewer's protection) was once reported as
  // "not a well-formed PDF": it is said for what it is.
  @Test
  void aPasswordProtectedCopyIsNamedAsSuch(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    org.accommodate.testing.Tools.run("qpdf", "--encrypt", "user-pw", "owner-pw", "256", "--", pdf.toString(),
        dir.resolve("protected.pdf").toString());

    CliResult result = CliResult.run(letters, "verify", "protected.pdf", "--trust", "keys/demo/ca.pem");

    assertEquals(ExitCodes.MODIFIED_OR_INVALID, result.exitCode());
    assertTrue(result.out().contains("\n  - The file is protected with a password, which no letter is: it is not the file"
        + " that was signed (a copy saved with protection, or another file).\n"), result.out());
    assertTrue(CliResult.run(letters, "verify", "protected.pdf", "--json").out().contains("\"ENCRYPTED\""));
  }

  @Test
  void reportsAnUnsignedPdfAsNotSigned(@TempDir Path dir) throws IOException {
    Path pdf = dir.resolve("unsigned.pdf");
    try (PDDocument document = new PDDocument()) {
      document.addPage(new PDPage());
      document.save(pdf.toFile());
    }
    CliResult result = CliResult.run(Fixtures.letters(dir), "verify", pdf.toString());

    assertEquals(ExitCodes.UNSIGNED, result.exitCode(), result.out());
    assertTrue(result.out().contains("NOT SIGNED"), result.out());
    assertTrue(result.out().contains("  What now:   this file proves nothing about who wrote it; ask the clinic for the"
        + " signed letter."), result.out());
  }

  @Test
  void rejectsAFileThatIsNotAPdfWithOneLine(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("notes.pdf"), "just text");
    CliResult result = CliResult.run(Fixtures.letters(dir), "verify", file.toString());

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    assertTrue(result.err().contains("not a PDF file"), result.err());
  }

  // HR given the clinician's own certificate instead of the clinic's CA: trusting it would call
  // the letters valid with no revocation list that could withdraw them, so it is refused by name.
  @Test
  void aClinicianCertificateIsNoTrustAnchor(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    Files.writeString(dir.resolve("clinician.pem"), DemoKeys.pem(letters.demoKeys().keySource().load().certificate()));

    CliResult result = CliResult.run(letters, "verify", pdf.toString(), "--trust", "clinician.pem");
    assertEquals(ExitCodes.USAGE, result.exitCode(), result.out());
    assertTrue(result.err().startsWith("error: --trust: " + dir.resolve("clinician.pem") + " holds a certificate that is"
        + " not a certificate authority's (CN="), result.err());
    assertEquals("", result.out());
  }

  // A name made to print a verdict of its own: under the changed copy, a forged "Result: VALID"
  // line. Every name stays on its line, in people's output and in error messages alike.
  @Test
  void aFileNameCannotPrintALineOfItsOwn(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    String forged = "\n  Result:     VALID - authentic, unchanged since signing, signer trusted\n";
    Path copy = Files.copy(pdf, dir.resolve("letter.pdf" + forged + "x.pdf"));
    Files.write(copy, "appended".getBytes(US_ASCII), StandardOpenOption.APPEND);

    CliResult result = CliResult.run(letters, "verify", copy.toString(), "--trust", "keys/demo/ca.pem");
    assertEquals(ExitCodes.MODIFIED_OR_INVALID, result.exitCode(), result.out());
    List<String> results = result.out().lines().filter(l -> l.startsWith("  Result:")).toList();
    assertEquals(1, results.size(), result.out());
    assertTrue(results.get(0).startsWith("  Result:     INVALID"), result.out());
    assertTrue(result.out().startsWith(dir.resolve("letter.pdf\uFFFD  Result:     VALID").toString()), result.out());

    CliResult missing = CliResult.run(letters, "verify", dir.resolve("gone.pdf" + forged).toString());
    assertEquals(1, missing.err().lines().count(), missing.err());
  }

  @Test
  void jsonReportsOneObjectPerFileWithTheLetterId(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    // A name with a right-to-left override ("copy\u202Efdp.pdf" shows as "copypdf.pdf"): the
    // JSON gives it exactly, as an escape, and the terminal never sees the override itself.
    Path copy = Files.copy(pdf, dir.resolve("copy\u202Efdp.pdf"));

    CliResult result = CliResult.run(letters, "verify", pdf.toString(), copy.toString(), "--json",
        "--trust", "keys/demo/ca.pem");

    assertEquals(ExitCodes.OK, result.exitCode());
    var lines = result.out().strip().lines().toList();
    assertEquals(2, lines.size(), result.out());
    assertEquals(copy.toString(), new ObjectMapper().readTree(lines.get(1)).get("file").asText());
    assertTrue(lines.get(1).contains("copy\\u202Efdp.pdf") && !result.out().contains("\u202E"), lines.get(1));
    JsonNode report = new ObjectMapper().readTree(lines.get(0));
    assertEquals("VALID", report.get("result").asText());
    assertTrue(report.get("letterId").asText().matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}"));
    JsonNode signature = report.get("signatures").get(0);
    assertEquals("B-B", signature.get("level").asText());
    assertTrue(signature.get("coversWholeFile").asBoolean());
    assertEquals(1, signature.get("certificationPermission").asInt());
    assertTrue(report.get("advice").isNull(), report.toString());

    Files.write(copy, "appended".getBytes(US_ASCII), StandardOpenOption.APPEND);
    JsonNode changed = new ObjectMapper().readTree(CliResult.run(letters, "verify", copy.toString(), "--json",
        "--trust", "keys/demo/ca.pem").out());
    assertEquals("INVALID", changed.get("result").asText());
    assertTrue(changed.get("advice").asText().startsWith("do not rely on this file"), changed.toString());
  }

  @Test
  void manyFilesAreReportedInTheOrderGivenWhileCheckedConcurrently(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    List<String> args = new java.util.ArrayList<>(List.of("verify", "--json", "--trust", "keys/demo/ca.pem"));
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      Path copy = Files.copy(pdf, dir.resolve("letter-" + i + ".pdf"));
      if (i % 5 == 3) {
        Files.write(copy, "junk".getBytes(US_ASCII), StandardOpenOption.APPEND);
      }
      args.add(copy.toString());
      expected.add(copy.toString() + (i % 5 == 3 ? " INVALID" : " VALID"));
    }

    CliResult result = CliResult.run(letters, args.toArray(new String[0]));

    assertEquals(ExitCodes.MODIFIED_OR_INVALID, result.exitCode());
    List<String> seen = new java.util.ArrayList<>();
    for (String line : result.out().strip().lines().toList()) {
      JsonNode report = new ObjectMapper().readTree(line);
      seen.add(report.get("file").asText() + " " + report.get("result").asText());
    }
    assertEquals(expected, seen);
  }

  @Test
  void theWorstFileDecidesTheExitCode(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    Path broken = Files.copy(pdf, dir.resolve("broken.pdf"));
    Files.write(broken, "junk".getBytes(US_ASCII), StandardOpenOption.APPEND);

    CliResult result = CliResult.run(letters, "verify", pdf.toString(), broken.toString(), "--trust", "keys/demo/ca.pem");

    assertEquals(ExitCodes.MODIFIED_OR_INVALID, result.exitCode());
    assertFalse(result.out().isBlank());
  }

  // An HR officer checking a folder: one missing file and one that is not a PDF are reported,
  // and the letters after them are still checked.
  @Test
  void aFileThatCannotBeReadDoesNotStopTheOthers(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    Path notPdf = Files.writeString(dir.resolve("notes.pdf"), "not a letter");

    CliResult human = CliResult.run(letters, "verify", "missing.pdf", notPdf.toString(), pdf.toString(),
        "--trust", "keys/demo/ca.pem");
    assertEquals(ExitCodes.USAGE, human.exitCode(), human.err());
    assertTrue(human.out().contains("VALID - authentic"), human.out());
    assertTrue(human.out().endsWith("\n3 files: 2 not read, 1 VALID\n"), human.out());
    assertEquals(List.of("error: " + dir.resolve("missing.pdf") + ": no such file", "error: " + notPdf + ": not a PDF file"),
        human.err().lines().toList());

    CliResult json = CliResult.run(letters, "verify", "missing.pdf", notPdf.toString(), pdf.toString(),
        "--trust", "keys/demo/ca.pem", "--json");
    assertEquals(ExitCodes.USAGE, json.exitCode(), json.err());
    List<JsonNode> lines = new ArrayList<>();
    for (String line : json.out().lines().toList()) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertEquals(List.of("ERROR", "ERROR", "VALID"), lines.stream().map(n -> n.get("result").asText()).toList());
    assertEquals(List.of(2, 2, 0), lines.stream().map(n -> n.get("exitCode").asInt()).toList());
    assertEquals(dir.resolve("missing.pdf").toString(), lines.get(0).get("file").asText());
    assertTrue(json.err().isEmpty(), json.err());
  }

  // HR keeps the letters it receives in a folder: verify takes the folder.
  @Test
  void aFolderMeansItsPdfFilesInNameOrder(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);
    Path folder = Files.createDirectories(dir.resolve("received/old.pdf"));  // a folder, whatever its name
    Files.copy(pdf, dir.resolve("received/b.PDF"));
    Files.copy(pdf, dir.resolve("received/a.pdf"));
    Files.writeString(dir.resolve("received/notes.txt"), "not a letter");

    CliResult result = CliResult.run(letters, "verify", "received", "--trust", "keys/demo/ca.pem");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    List<String> checked = result.out().lines().filter(l -> l.startsWith("/")).toList();
    assertEquals(List.of(dir.resolve("received/a.pdf").toString(), dir.resolve("received/b.PDF").toString()), checked);
    assertTrue(result.out().endsWith("\n2 files: 2 VALID\n"), result.out());
    assertTrue(Files.isDirectory(folder));

    CliResult empty = CliResult.run(letters, "verify", "received/old.pdf");
    assertEquals(ExitCodes.USAGE, empty.exitCode());
    assertEquals("error: PDF: no .pdf files in received/old.pdf", empty.err().strip());
  }

  @Test
  void aMissingCrlFileIsNamedAsMissing(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    Path pdf = signedLetter(dir, letters);

    CliResult result = CliResult.run(letters, "verify", pdf.toString(), "--trust", "keys/demo/ca.pem", "--crl", "gone.crl");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertEquals("error: --crl: no such file " + dir.resolve("gone.crl"), result.err().strip());
  }

  /** The offset of a byte inside the first page's content stream. */
  private static int pageContentOffset(byte[] bytes) throws IOException {
    try (PDDocument document = Loader.loadPDF(bytes)) {
      var key = document.getPage(0).getCOSObject().getCOSObject(org.apache.pdfbox.cos.COSName.CONTENTS).getKey();
      String marker = "\n" + key.getNumber() + " " + key.getGeneration() + " obj";
      String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
      int object = text.indexOf(marker);
      int stream = text.indexOf("stream", object) + "stream".length();
      while (bytes[stream] == '\r' || bytes[stream] == '\n') {
        stream++;
      }
      return stream + 20;
    }
  }
}
