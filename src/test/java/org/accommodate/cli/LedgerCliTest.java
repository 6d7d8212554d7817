package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.accommodate.Letters;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.ledger.Ledger;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerCliTest {
  private static final Map<String, String> PASSWORD = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);

  private static Letters setUp(Path dir) {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Fixtures.write(dir, "request.yaml", Fixtures.request());
    Fixtures.write(dir, "other.yaml", Fixtures.request().replace("MRN-0042", "MRN-0077")
        .replace("Acme Logistics", "Birch Foods"));
    return letters;
  }

  @Test
  void everyLetterIsRecordedAndTheOfficeCanProveItIssuedIt(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir);
    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "a.pdf").exitCode());
    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "other.yaml", "-o", "b.pdf").exitCode());
    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "c.pdf").exitCode());

    CliResult verify = CliResult.run(letters, "ledger", "verify", "--letter", "b.pdf");
    assertEquals(ExitCodes.OK, verify.exitCode(), verify.out());
    assertTrue(verify.out().contains("3 entries"), verify.out());
    assertTrue(verify.out().contains("issued by this office"), verify.out());

    CliResult report = CliResult.run(letters, "ledger", "report", "--patient", "MRN-0042");
    assertTrue(report.out().contains("2 disclosures"), report.out());
    assertFalse(report.out().contains("Birch Foods"), report.out());
    CliResult list = CliResult.run(letters, "ledger", "list", "--recipient", "birch foods");
    assertTrue(list.out().contains("1 letter."), list.out());

    // The ledger named as most people first type it, without a profile; not twice.
    Files.move(dir.resolve("clinic.yaml"), dir.resolve("elsewhere.yaml"));
    CliResult named = CliResult.run(letters, "ledger", "verify", "ledger.jsonl");
    assertEquals(ExitCodes.OK, named.exitCode(), named.err());
    assertTrue(named.out().contains("3 entries"), named.out());
    assertTrue(CliResult.run(letters, "ledger", "list", "ledger.jsonl").out().contains("3 letters."));
    assertTrue(CliResult.run(letters, "ledger", "report", "ledger.jsonl", "--patient", "MRN-0042").out()
        .contains("2 disclosures"));
    CliResult twice = CliResult.run(letters, "ledger", "verify", "ledger.jsonl", "--ledger", "ledger.jsonl");
    assertEquals(ExitCodes.USAGE, twice.exitCode());
    assertEquals("error: LEDGER: give the ledger once, as LEDGER or as --ledger FILE", twice.err().strip());
  }

  // The ledger holds no names: a letter issued without the clinic's patient reference cannot be
  // found for that patient's accounting. The letter says so when it is made, and the accounting
  // says such letters exist rather than look complete.
  @Test
  void aLetterWithoutAPatientReferenceIsFlaggedAndTheAccountingSaysItExists(@TempDir Path dir) {
    Letters letters = setUp(dir);
    Fixtures.write(dir, "unreferenced.yaml", Fixtures.request().replace("  reference: MRN-0042\n", ""));
    String advice = "warning: patient.reference: not given; the ledger then records the letter under no patient, and"
        + " 'ledger report --patient' cannot list it when the patient asks what was disclosed";
    CliResult check = CliResult.run(letters, "check", "unreferenced.yaml");
    assertEquals(ExitCodes.OK, check.exitCode(), check.err());
    assertTrue(check.err().contains(advice), check.err());
    CliResult issued = CliResult.run(letters, PASSWORD, "letter", "unreferenced.yaml", "-o", "a.pdf");
    assertEquals(ExitCodes.OK, issued.exitCode(), issued.err());
    assertTrue(issued.err().contains(advice), issued.err());
    assertEquals(ExitCodes.OK, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "b.pdf").exitCode());
    assertFalse(CliResult.run(letters, "check", "request.yaml").err().contains("patient.reference"));

    CliResult report = CliResult.run(letters, "ledger", "report", "--patient", "MRN-0042");
    assertTrue(report.out().contains("1 disclosure\nNot listed: 1 letter with no patient reference (issued without"
        + " one), which 'ledger list' shows.\n"), report.out());
    CliResult elsewhere = CliResult.run(letters, "ledger", "report", "--patient", "MRN-0042", "--recipient", "Birch Foods");
    assertFalse(elsewhere.out().contains("Not listed"), "the window's filters apply to the count: " + elsewhere.out());
  }

  // The disclosure is bound to the signed form's file when the request gives its hash, as
  // sha256sum prints it; the accounting shows it, and a hash that is not one is refused.
  @Test
  void theSignedFormsHashGoesIntoTheLedger(@TempDir Path dir) {
    Letters letters = setUp(dir);
    String form = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
    Fixtures.write(dir, "hashed.yaml", Fixtures.request()
        .replace("  reference: AUTH-2026-0142\n", "  reference: AUTH-2026-0142\n  document_sha256: " + form + "  auth.pdf\n"));
    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "hashed.yaml", "-o", "a.pdf").exitCode());
    CliResult report = CliResult.run(letters, "ledger", "report", "--patient", "MRN-0042");
    assertTrue(report.out().contains("authorization: AUTH-2026-0142 (signed form's file SHA-256 "
        + form.toLowerCase(java.util.Locale.ROOT) + ")"), report.out());
    assertEquals(ExitCodes.OK, CliResult.run(letters, "ledger", "verify").exitCode());

    Fixtures.write(dir, "short.yaml", Fixtures.request()
        .replace("  reference: AUTH-2026-0142\n", "  reference: AUTH-2026-0142\n  document_sha256: 9F86D0818\n"));
    CliResult refused = CliResult.run(letters, PASSWORD, "letter", "short.yaml", "-o", "b.pdf");
    assertEquals(ExitCodes.USAGE, refused.exitCode());
    assertEquals("error: authorization.document_sha256: must be the SHA-256 of the signed form's file, 64 hex digits"
        + " as sha256sum prints them\n", refused.err());
  }

  // Or the request names the signed form's file and the hash is read from it: no sha256sum to
  // copy, and a form replaced since the request was written is refused when both are given. The
  // path may hold the patient's name: no message shows it.
  @Test
  void theSignedFormsFileIsHashedWhereTheRequestNamesIt(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir);
    Files.createDirectories(dir.resolve("requests/forms"));
    Files.writeString(dir.resolve("requests/forms/Jordan Rivera.pdf"), "%PDF-1.7 the signed form");
    String form = Ledger.sha256(Files.readAllBytes(dir.resolve("requests/forms/Jordan Rivera.pdf")));
    String named = "  reference: AUTH-2026-0142\n  document: forms/Jordan Rivera.pdf\n";
    Fixtures.write(dir, "requests/named.yaml", Fixtures.request().replace("  reference: AUTH-2026-0142\n", named));
    CliResult issued = CliResult.run(letters, PASSWORD, "letter", "requests/named.yaml", "-o", "a.pdf");
    assertEquals(ExitCodes.OK, issued.exitCode(), issued.err());
    assertTrue(CliResult.run(letters, "ledger", "report", "--patient", "MRN-0042").out()
        .contains("authorization: AUTH-2026-0142 (signed form's file SHA-256 " + form + ")"));

    // A request on standard input names the file from the working folder.
    String piped = Fixtures.request().replace("  reference: AUTH-2026-0142\n",
        "  reference: AUTH-2026-0142\n  document: requests/forms/Jordan Rivera.pdf\n");
    CliResult fromStdin = CliResult.run(letters, PASSWORD, piped.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "check", "-");
    assertEquals(ExitCodes.OK, fromStdin.exitCode(), fromStdin.err());
    assertTrue(fromStdin.out().contains("Signed form's file: SHA-256 " + form + " (the ledger records it"), fromStdin.out());
    assertTrue(CliResult.run(letters, "check", "--json", "requests/named.yaml").out()
        .contains("\"authorizationSha256\":\"" + form + "\""));

    Fixtures.write(dir, "requests/both.yaml", Fixtures.request().replace("  reference: AUTH-2026-0142\n",
        named + "  document_sha256: " + form.toUpperCase(java.util.Locale.ROOT) + "\n"));
    assertEquals(ExitCodes.OK, CliResult.run(letters, PASSWORD, "letter", "requests/both.yaml", "-o", "b.pdf").exitCode());
    Files.writeString(dir.resolve("requests/forms/Jordan Rivera.pdf"), "%PDF-1.7 another form");
    CliResult replaced = CliResult.run(letters, PASSWORD, "letter", "requests/both.yaml", "-o", "c.pdf");
    assertEquals(ExitCodes.PRIVACY, replaced.exitCode());
    assertEquals("error: authorization.document: the file's SHA-256 is not the one authorization.document_sha256 gives;"
        + " the form on file is not the one the request names\n", replaced.err());

    Files.delete(dir.resolve("requests/forms/Jordan Rivera.pdf"));
    CliResult missing = CliResult.run(letters, PASSWORD, "letter", "requests/named.yaml", "-o", "d.pdf");
    assertEquals(ExitCodes.USAGE, missing.exitCode());
    assertEquals("error: authorization.document: no such file (a path from the request file's folder, or from the"
        + " working folder for a request on standard input)\n", missing.err());
    Fixtures.write(dir, "requests/folder.yaml", Fixtures.request().replace("  reference: AUTH-2026-0142\n",
        "  reference: AUTH-2026-0142\n  document: forms\n"));
    assertEquals("error: authorization.document: is not a file but a folder or device; name the signed form's file\n",
        CliResult.run(letters, PASSWORD, "letter", "requests/folder.yaml", "-o", "e.pdf").err());
    Files.writeString(dir.resolve("requests/forms/Jordan Rivera.pdf"), "");
    assertEquals("error: authorization.document: is empty; name the signed form's file\n",
        CliResult.run(letters, PASSWORD, "letter", "requests/named.yaml", "-o", "f.pdf").err());
    assertFalse(Files.exists(dir.resolve("c.pdf")) || Files.exists(dir.resolve("d.pdf")));
    assertEquals(2, Files.readAllLines(dir.resolve("ledger.jsonl")).size(), "only the two letters issued");
  }

  // The accounting a patient asks for lists every letter about them however the reference was
  // typed, in the requests or at the report: "0 disclosures" for "mrn-0042" would tell the
  // patient less than was disclosed. The recipient is compared as the authorization's is.
  @Test
  void anAccountingFindsTheReferenceAndTheRecipientAsTyped(@TempDir Path dir) {
    Letters letters = setUp(dir);
    Fixtures.write(dir, "spaced.yaml", Fixtures.request().replace("MRN-0042", "mrn-0042 "));
    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "a.pdf").exitCode());
    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "spaced.yaml", "-o", "b.pdf").exitCode());
    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "other.yaml", "-o", "c.pdf").exitCode());

    CliResult report = CliResult.run(letters, "ledger", "report", "--patient", "Mrn-0042", "--recipient", "ACME logistics.");
    assertEquals(ExitCodes.OK, report.exitCode(), report.err());
    assertTrue(report.out().contains("2 disclosures"), report.out());
    assertTrue(report.out().contains("the ledger writes it as MRN-0042, mrn-0042)"), report.out());
    CliResult exact = CliResult.run(letters, "ledger", "report", "--patient", "MRN-0077");
    assertTrue(exact.out().contains("1 disclosure\n"), exact.out());
    assertFalse(exact.out().contains("the ledger writes it"), exact.out());
    CliResult list = CliResult.run(letters, "ledger", "list", "--patient", "mrn-0042");
    assertTrue(list.out().contains("2 letters."), list.out());
  }

  // A mistyped date says what the option takes, in our words; a window that holds no day is
  // refused rather than answered with "0 disclosures", which would read as none made.
  @Test
  void datesOfAnAccountingAreCheckedBeforeAnythingIsRead(@TempDir Path dir) {
    Letters letters = setUp(dir);
    CliResult month = CliResult.run(letters, "ledger", "report", "--patient", "MRN-0042", "--from", "2026-13-01");
    assertEquals(ExitCodes.USAGE, month.exitCode());
    assertEquals("error: --from: must be a date written as YYYY-MM-DD (see 'accommodate ledger report --help')\n",
        month.err());
    CliResult window = CliResult.run(letters, "ledger", "list", "--from", "2026-12-10", "--to", "2026-12-01");
    assertEquals(ExitCodes.USAGE, window.exitCode());
    assertEquals("error: --to: is before --from; the window holds no day\n", window.err());
    CliResult workers = CliResult.run(letters, "batch", "request.yaml", "--out-dir", "out", "--workers", "two");
    assertEquals("error: --workers: must be a whole number (see 'accommodate batch --help')\n", workers.err());
  }

  @Test
  void withoutAProfileTheLedgerCommandsSayHowToNameTheLedger(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    CliResult none = CliResult.run(letters, "ledger", "list");
    assertEquals(ExitCodes.USAGE, none.exitCode());
    assertTrue(none.err().contains("pass --ledger FILE"), none.err());
    assertFalse(none.err().contains("demo-ledger.jsonl"), none.err());

    assertEquals(0, CliResult.run(letters, "demo", "-o", "demo.pdf").exitCode());
    CliResult afterDemo = CliResult.run(letters, "ledger", "verify");
    assertEquals(ExitCodes.USAGE, afterDemo.exitCode());
    assertTrue(afterDemo.err().contains("(demo letters are in demo-ledger.jsonl)"), afterDemo.err());
    CliResult verify = CliResult.run(letters, "ledger", "verify", "--ledger", "demo-ledger.jsonl");
    assertEquals(ExitCodes.OK, verify.exitCode(), verify.err());
    assertTrue(verify.out().contains(": 1 entry, every entry and the chain intact."), verify.out());
  }

  @Test
  void aLetterTheOfficeDidNotIssueIsNotInTheLedger(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir);
    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "a.pdf").exitCode());
    assertEquals(0, CliResult.run(letters, "demo", "-o", "other.pdf", "--no-ledger").exitCode());

    CliResult verify = CliResult.run(letters, "ledger", "verify", "--letter", "other.pdf");
    assertEquals(ExitCodes.MODIFIED_OR_INVALID, verify.exitCode());
    assertTrue(verify.out().contains("NOT in this ledger"), verify.out());
  }

  // HR phones with the letter ID the letter asks them to quote, then sends back the file it holds,
  // which someone has changed: the office finds the letter and sees the file is not the one it issued.
  @Test
  void theOfficeFindsALetterByItsIdAndTellsAChangedCopyFromTheOriginal(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir);
    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "a.pdf").exitCode());
    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "other.yaml", "-o", "b.pdf").exitCode());
    String id = letters.verify(dir.resolve("b.pdf"), List.of()).letterId();

    CliResult found = CliResult.run(letters, "ledger", "list", "--letter-id", id.toLowerCase(java.util.Locale.ROOT).replace("-", " "));
    assertEquals(ExitCodes.OK, found.exitCode(), found.err());
    assertTrue(found.out().contains(id) && found.out().contains("Birch Foods") && found.out().contains("1 letter."), found.out());

    Path changed = Files.copy(dir.resolve("b.pdf"), dir.resolve("changed.pdf"));
    Files.write(changed, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.APPEND);
    CliResult verify = CliResult.run(letters, "ledger", "verify", "--letter", "changed.pdf");
    assertEquals(ExitCodes.MODIFIED_OR_INVALID, verify.exitCode());
    assertTrue(verify.out().contains("changed.pdf: NOT the letter this office issued as " + id + " on "), verify.out());
    assertTrue(verify.out().contains("(entry 2): the file differs from the one recorded."), verify.out());

    // The same questions about a letter piped in (an attachment HR sent back).
    CliResult piped = CliResult.run(letters, Map.of(), Files.readAllBytes(dir.resolve("b.pdf")), "ledger", "verify",
        "--letter", "-");
    assertEquals(ExitCodes.OK, piped.exitCode(), piped.out() + piped.err());
    assertTrue(piped.out().contains("Letter " + id + ": issued by this office on "), piped.out());
    CliResult pipedChanged = CliResult.run(letters, Map.of(), Files.readAllBytes(changed), "ledger", "verify",
        "--letter", "-");
    assertEquals(ExitCodes.MODIFIED_OR_INVALID, pipedChanged.exitCode());
    assertTrue(pipedChanged.out().contains("(standard input): NOT the letter this office issued as " + id), pipedChanged.out());
  }

  @Test
  void aTamperedLedgerFailsVerificationAndBlocksNewLetters(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "l" + i + ".pdf").exitCode());
    }
    Path ledger = dir.resolve("ledger.jsonl");
    List<String> lines = Files.readAllLines(ledger);
    lines.set(1, lines.get(1).replace("Acme Logistics", "Acme Logistix"));
    Files.write(ledger, lines);

    CliResult verify = CliResult.run(letters, "ledger", "verify");
    assertEquals(ExitCodes.MODIFIED_OR_INVALID, verify.exitCode());
    assertTrue(verify.out().contains("line 2 was changed after it was written"), verify.out());

    CliResult refused = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "new.pdf");
    assertEquals(ExitCodes.USAGE, refused.exitCode());
    assertTrue(refused.err().contains("nothing was appended") || refused.err().contains("line 2"), refused.err());
    assertFalse(Files.exists(dir.resolve("new.pdf")));
  }

  @Test
  void withoutALedgerALetterIsRefusedUnlessNoLedgerIsGiven(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile().replace("ledger: ledger.jsonl\n", ""));

    CliResult refused = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "a.pdf");
    assertEquals(ExitCodes.USAGE, refused.exitCode());
    assertTrue(refused.err().startsWith("error: --ledger: no disclosure ledger configured"), refused.err());
    assertFalse(Files.exists(dir.resolve("a.pdf")));

    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "a.pdf", "--no-ledger").exitCode());
    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "b.pdf", "--ledger", "x.jsonl").exitCode());
    assertTrue(Files.readString(dir.resolve("x.jsonl")).contains("\"seq\":1"));
  }

  @Test
  void acceptedWarningsAreRecordedByCategoryOnly(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir);
    Fixtures.write(dir, "request.yaml", Fixtures.request().replace("Start work at 1:00 p.m. on these days",
        "Later start during recovery"));
    assertEquals(0, CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "w.pdf", "--accept-warnings").exitCode());

    JsonNode entry = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("ledger.jsonl")).get(0));
    assertEquals("sud-condition", entry.get("acceptedWarnings").get(0).asText());
    assertFalse(Files.readString(dir.resolve("ledger.jsonl")).contains("recovery"));
  }
}
