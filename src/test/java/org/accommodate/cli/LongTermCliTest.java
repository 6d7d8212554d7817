package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.accommodate.Letters;
import org.accommodate.keys.DemoKeys;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.LocalTsa;
import org.accommodate.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongTermCliTest {
  private static JsonNode verifyJson(Letters letters, String file) throws Exception {
    CliResult result = CliResult.run(letters, "verify", file, "--json", "--trust", "keys/demo/ca.pem");
    assertEquals(ExitCodes.OK, result.exitCode(), result.out());
    return new ObjectMapper().readTree(result.out());
  }

  // A demo letter at a long-term level, time-stamped by a local authority; its bytes.
  private static byte[] stamped(Letters letters, Path dir, String level, String file) throws Exception {
    try (LocalTsa tsa = LocalTsa.start(dir.resolve("keys/demo"), Fixtures.CLOCK)) {
      CliResult demo = CliResult.run(letters, "demo", "--tsa", tsa.url().toString(), level, "-o", file);
      assertEquals(ExitCodes.OK, demo.exitCode(), demo.err() + demo.out());
    }
    return Files.readAllBytes(dir.resolve(file));
  }

  @Test
  void aLetterWithEmbeddedRevocationDataIsBaselineLt(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    try (LocalTsa tsa = LocalTsa.start(dir.resolve("keys/demo"), Fixtures.CLOCK)) {
      CliResult demo = CliResult.run(letters, "demo", "--tsa", tsa.url().toString(), "--ltv", "-o", "lt.pdf");
      assertEquals(ExitCodes.OK, demo.exitCode(), demo.err() + demo.out());
    }
    JsonNode signature = verifyJson(letters, "lt.pdf").get("signatures").get(0);
    assertEquals("B-LT", signature.get("level").asText());
    assertTrue(signature.get("findings").toString().contains("LATER_VALIDATION_DATA"), signature.toString());
    assertTrue(Tools.run("pdfsig", dir.resolve("lt.pdf").toString()).contains("Signature is Valid."));
  }

  @Test
  void aLetterWithADocumentTimeStampIsBaselineLta(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    try (LocalTsa tsa = LocalTsa.start(dir.resolve("keys/demo"), Fixtures.CLOCK)) {
      CliResult demo = CliResult.run(letters, "demo", "--tsa", tsa.url().toString(), "--lta", "-o", "lta.pdf");
      assertEquals(ExitCodes.OK, demo.exitCode(), demo.err() + demo.out());
    }
    JsonNode report = verifyJson(letters, "lta.pdf");
    assertEquals("B-LTA", report.get("signatures").get(0).get("level").asText(), report.toString());
    assertEquals("document-timestamp", report.get("signatures").get(1).get("kind").asText());
    assertTrue(report.get("signatures").get(1).get("coversWholeFile").asBoolean());
    String pdfsig = Tools.run("pdfsig", dir.resolve("lta.pdf").toString());
    assertTrue(pdfsig.contains("Signature #2"), pdfsig);
    // poppler validates the clinician's signature; it cannot check RFC 3161 document time-stamps
    // ("Unable to validate this type of signature"), which the EU DSS test covers instead.
    assertEquals(1, pdfsig.split("Signature is Valid.", -1).length - 1, pdfsig);
    assertEquals(2, report.get("signatures").get(0).get("revision").asInt(), "the rendered file is revision 1");
    assertEquals(4, report.get("signatures").get(1).get("revision").asInt(), "after the signature and the DSS");
  }

  /**
   * A document time-stamp's field must be a signature field: with its /FT misspelt, readers see
   * no time-stamp there, only a field added after signing, and the letter is no longer the one
   * that was stamped. It verified as an unchanged B-LT letter.
   */
  @Test
  void aTimeStampFieldThatIsNoSignatureFieldIsAChange(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    byte[] letter = stamped(letters, dir, "--lta", "lta.pdf");
    int at = new String(letter, java.nio.charset.StandardCharsets.ISO_8859_1).lastIndexOf("/FT /Sig");
    letter[at + 1] = 'G';
    Files.write(dir.resolve("no-field.pdf"), letter);

    CliResult result = CliResult.run(letters, "verify", "no-field.pdf", "--trust", "keys/demo/ca.pem");
    assertEquals(ExitCodes.MODIFIED_OR_INVALID, result.exitCode(), result.out());
    assertTrue(result.out().contains("A form field other than a document time-stamp was added after signing."),
        result.out());
  }

  /**
   * A later revision may update the document information (reported), and a security store may
   * reference what it likes: a revision pointing /Info at a new dictionary, reached from the
   * store, made `verify` quote the letter ID written there, "VALID" beside it. The ID quoted is
   * the one that was signed.
   */
  @Test
  void theLetterIdQuotedIsTheSignedOne(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    byte[] letter = stamped(letters, dir, "--ltv", "lt.pdf");
    String signedId = verifyJson(letters, "lt.pdf").get("letterId").asText();
    String text = new String(letter, java.nio.charset.StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher dss = java.util.regex.Pattern.compile("\n(\\d+) 0 obj\n(<<\\s*/Certs.*?>>)\nendobj", java.util.regex.Pattern.DOTALL)
        .matcher(text);
    assertTrue(dss.find(), "the letter's security store");
    java.util.regex.Matcher last = java.util.regex.Pattern.compile("startxref\\s+(\\d+)\\s+%%EOF\\s*$").matcher(text);
    assertTrue(last.find());
    java.util.regex.Matcher trailer = java.util.regex.Pattern.compile("/Root (\\d+ 0 R).*?(/ID\\s*\\[[^\\]]*\\])", java.util.regex.Pattern.DOTALL)
        .matcher(text.substring(Integer.parseInt(last.group(1))));
    assertTrue(trailer.find());
    int info = 9000;
    StringBuilder update = new StringBuilder();
    int infoAt = letter.length + update.length();
    update.append(info).append(" 0 obj\n<< /Subject (Letter ID ZZZZ-ZZZZ-ZZZZ-ZZZZ) >>\nendobj\n");
    int dssAt = letter.length + update.length();
    String store = dss.group(2);
    update.append(dss.group(1)).append(" 0 obj\n").append(store, 0, store.length() - 2)
        .append(" /VRI << /AAAA ").append(info).append(" 0 R >> >>\nendobj\n");
    int xref = letter.length + update.length();
    update.append("xref\n0 1\n0000000000 65535 f \n").append(dss.group(1)).append(" 1\n")
        .append(String.format("%010d 00000 n \n", dssAt)).append(info).append(" 1\n")
        .append(String.format("%010d 00000 n \n", infoAt)).append("trailer\n<< /Size ").append(info + 1)
        .append(" /Root ").append(trailer.group(1)).append(" /Info ").append(info).append(" 0 R ").append(trailer.group(2))
        .append(" /Prev ").append(last.group(1)).append(" >>\nstartxref\n").append(xref).append("\n%%EOF\n");
    Files.write(dir.resolve("info.pdf"), letter);
    Files.write(dir.resolve("info.pdf"), update.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
        java.nio.file.StandardOpenOption.APPEND);

    CliResult result = CliResult.run(letters, "verify", "info.pdf", "--json", "--trust", "keys/demo/ca.pem");
    JsonNode report = new ObjectMapper().readTree(result.out());
    assertTrue(report.toString().contains("INFO_CHANGED"), report.toString());
    assertEquals(signedId, report.get("letterId").asText(), report.toString());
  }

  /**
   * Each letter asked the authority for a token only to measure the space to reserve, and again
   * whenever a token came out a byte off (its nonce's length varied): a batch of 50 B-LTA letters
   * sent 343 requests, where public authorities limit how often they may be asked. Now about two
   * per letter at B-LTA (the signature's token and the document time-stamp).
   */
  @Test
  void aLongTermBatchAsksTheAuthorityAboutTwiceALetter(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Files.createDirectories(dir.resolve("requests"));
    int count = 8;
    for (int i = 0; i < count; i++) {
      Fixtures.write(dir, "requests/r" + i + ".yaml", Fixtures.request().replace("MRN-0042", "MRN-30" + i));
    }
    try (LocalTsa tsa = LocalTsa.start(dir.resolve("keys/demo"), Fixtures.CLOCK)) {
      CliResult batch = CliResult.run(letters, java.util.Map.of(org.accommodate.keys.PasswordSource.ENVIRONMENT_VARIABLE,
          DemoKeys.PASSWORD), "batch", "requests", "--out-dir", "out", "--workers", "1", "--tsa", tsa.url().toString(),
          "--lta");
      assertEquals(ExitCodes.OK, batch.exitCode(), batch.err());
      assertTrue(tsa.requests() <= 2L * count + 2, "requests to the authority: " + tsa.requests());
    }
  }

  @Test
  void longTermLevelsNeedATimeStampAuthority(@TempDir Path dir) {
    CliResult result = CliResult.run(Fixtures.letters(dir), "demo", "--ltv");
    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().startsWith("error: --ltv: needs --tsa"), result.err());
    CliResult ca = CliResult.run(Fixtures.letters(dir), "demo", "--ca-password-file", "ca.txt", "-o", "ca.pdf");
    assertEquals(ExitCodes.USAGE, ca.exitCode());
    assertEquals("error: --ca-password-file: only with --ltv or --lta, whose revocation list the clinic CA issues\n",
        ca.err());
    assertFalse(java.nio.file.Files.exists(dir.resolve("ca.pdf")));
  }

  /**
   * A clinic's B-LT letter must carry its CA's revocation list dated after the letter's
   * time-stamp. Found by hand: `letter --tsa --ltv` asked for a list from 'keys crl' passed with
   * --crl, then refused that list as older than the time-stamp, as any list made before the
   * command would be: only the demo could make a B-LT letter. The clinic CA now issues the list
   * itself, its password asked like the CA's anywhere; where its key is not, nothing is signed.
   */
  @Test
  void aClinicLetterAtALongTermLevelCarriesAListItsCaIssuedAfterTheTimeStamp(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    var env = java.util.Map.of(org.accommodate.keys.PasswordSource.ENVIRONMENT_VARIABLE, "S3cret-pass-4711");
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile().replace("keys/demo/clinician.p12", "keys/sam-lee.p12"));
    Fixtures.write(dir, "request.yaml", Fixtures.request());
    Fixtures.secret(dir, "ca.txt", "CA-pass-0815-long\n");
    CliResult init = CliResult.run(letters, env, "keys", "init", "--org", "Riverside Health Partners",
        "--clinician", "Sam Lee", "--ca-password-file", "ca.txt");
    assertEquals(ExitCodes.OK, init.exitCode(), init.err());
    try (LocalTsa own = LocalTsa.start(dir.resolve("keys/ca/ca.p12"), "CA-pass-0815-long", Fixtures.CLOCK);
         LocalTsa foreign = LocalTsa.start(dir.resolve("keys/demo"), Fixtures.CLOCK)) {
      CliResult noPassword = CliResult.run(letters, env, "letter", "request.yaml", "--tsa", own.url().toString(),
          "--ltv", "-o", "none.pdf");
      assertEquals(ExitCodes.SIGNING, noPassword.exitCode(), noPassword.err());
      assertTrue(noPassword.err().startsWith("error: --ltv: the clinic CA signs the letter's revocation list; no CA key"
          + " password: use --ca-password-file"), noPassword.err());

      for (String level : new String[] {"--ltv", "--lta"}) {
        CliResult letter = CliResult.run(letters, env, "letter", "request.yaml", "--tsa", own.url().toString(), level,
            "--ca-password-file", "ca.txt", "-o", "letter" + level + ".pdf");
        assertEquals(ExitCodes.OK, letter.exitCode(), letter.err());
        assertTrue(letter.out().startsWith("Signed letter ") && letter.out().contains(".pdf (PAdES B-LT"), letter.out());
        CliResult verify = CliResult.run(letters, "verify", "letter" + level + ".pdf", "--json");
        assertEquals(ExitCodes.OK, verify.exitCode(), verify.out());
        JsonNode signature = new ObjectMapper().readTree(verify.out()).get("signatures").get(0);
        assertEquals(level.equals("--ltv") ? "B-LT" : "B-LTA", signature.get("level").asText(), signature.toString());
        assertFalse(signature.get("findings").toString().contains("REVOCATION"), signature.toString());
      }

      // Checked against another anchor, the document time-stamp's authority is named once, not
      // also in a second line without its name.
      CliResult elsewhere = CliResult.run(letters, "verify", "letter--lta.pdf", "--trust", "keys/demo/ca.pem");
      assertEquals(1, elsewhere.out().split("document time-stamp's authority", -1).length - 1, elsewhere.out());
      assertTrue(elsewhere.out().contains("- The document time-stamp's authority (Test Time-Stamp Authority, Demo Clinic;"
          + " certified by Riverside Health Partners CA, Riverside Health Partners, SHA-256 "), elsewhere.out());

      // A time-stamp authority certified by a CA not at hand: nothing written, nothing recorded.
      long recorded = Files.readAllLines(dir.resolve("ledger.jsonl")).size();
      CliResult other = CliResult.run(letters, env, "letter", "request.yaml", "--tsa", foreign.url().toString(), "--ltv",
          "--ca-password-file", "ca.txt", "-o", "foreign.pdf");
      assertEquals(ExitCodes.SIGNING, other.exitCode(), other.err());
      assertTrue(other.err().startsWith("error: --ltv: the letter must carry a revocation list that the time-stamp"
          + " authority's CA (CN=Demo Clinic CA"), other.err());
      assertFalse(Files.exists(dir.resolve("foreign.pdf")));
      assertEquals(recorded, Files.readAllLines(dir.resolve("ledger.jsonl")).size());
      // That authority's time-stamp alone (B-T) is not trusted here: verify says whose it is.
      CliResult stamped = CliResult.run(letters, env, "letter", "request.yaml", "--tsa", foreign.url().toString(),
          "-o", "foreign.pdf");
      assertEquals(ExitCodes.OK, stamped.exitCode(), stamped.err());
      CliResult untrusted = CliResult.run(letters, "verify", "foreign.pdf");
      assertTrue(untrusted.out().contains("- The signature time-stamp's authority (Test Time-Stamp Authority, Demo Clinic;"
          + " certified by Demo Clinic CA, Demo Clinic (SPECIMEN - demo key, not valid), whose certificate the letter"
          + " does not carry) is not trusted here, so its time is not proven."), untrusted.out());

      // The CA kept on another computer: refused before the time-stamp is asked for.
      Files.move(dir.resolve("keys/ca"), dir.resolve("elsewhere"));
      CliResult away = CliResult.run(letters, env, "letter", "request.yaml", "--tsa", own.url().toString(), "--ltv",
          "-o", "away.pdf");
      assertEquals(ExitCodes.SIGNING, away.exitCode(), away.err());
      assertTrue(away.err().contains("and that CA's key is not on this computer"), away.err());
      assertFalse(Files.exists(dir.resolve("away.pdf")));
    }
  }

  @Test
  void aRevokedClinicianCertificateMakesItsLettersFailOnceTheNewCrlIsSupplied(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    assertEquals(ExitCodes.OK, CliResult.run(letters, "demo", "-o", "before.pdf").exitCode());
    var key = letters.demoKeys().keySource().load();
    Files.writeString(dir.resolve("clinician.pem"), DemoKeys.pem(key.certificate()));

    CliResult revoke = CliResult.run(letters, "keys", "revoke", "--ca", "keys/demo/ca.p12", "clinician.pem");
    assertEquals(ExitCodes.OK, revoke.exitCode(), revoke.err());
    assertTrue(Files.isRegularFile(dir.resolve("keys/demo/ca.crl")));

    CliResult verify = CliResult.run(letters, "verify", "before.pdf", "--trust", "keys/demo/ca.pem",
        "--crl", "keys/demo/ca.crl");
    assertEquals(ExitCodes.MODIFIED_OR_INVALID, verify.exitCode(), verify.out());
    assertTrue(verify.out().contains("revoked"), verify.out());

    CliResult crl = CliResult.run(letters, "keys", "crl", "--ca", "keys/demo/ca.p12");
    assertEquals(ExitCodes.OK, crl.exitCode(), crl.err());
    assertTrue(crl.out().startsWith("CRL with 1 revoked certificate,"), crl.out());
  }
}
