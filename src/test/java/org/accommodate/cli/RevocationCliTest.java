package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.europa.esig.dss.enumerations.Indication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.accommodate.Letters;
import org.accommodate.keys.DemoKeys;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.EuDss;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What verify tells an HR officer about revocation: revoked, unknown, out of date, current. */
class RevocationCliTest {
  // A demo letter signed on the fixtures' day, and the demo CA's list of that day (valid 7 days).
  private static Letters signedWithList(Path dir) {
    Letters letters = Fixtures.letters(dir);
    assertEquals(ExitCodes.OK, CliResult.run(letters, "demo", "-o", "letter.pdf").exitCode());
    assertEquals(ExitCodes.OK, CliResult.run(letters, "keys", "crl", "--ca", "keys/demo/ca.p12").exitCode());
    return letters;
  }

  private static Letters daysLater(Path dir, int days) {
    return Letters.create(Clock.fixed(Fixtures.CLOCK.instant().plus(Duration.ofDays(days)), ZoneOffset.UTC), dir);
  }

  // Found by hand: a time-stamped letter whose key was revoked after it was signed read "not
  // revoked, per the issuer's revocation list" beside a list that revokes the key. The signature
  // still counts (the time-stamp proves it came first); the reader is now told the key was withdrawn.
  @Test
  void aKeyRevokedAfterATimeStampedLetterIsReportedAsRevokedSince(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    try (org.accommodate.testing.LocalTsa tsa = org.accommodate.testing.LocalTsa.start(dir.resolve("keys/demo"),
        Fixtures.CLOCK)) {
      assertEquals(ExitCodes.OK, CliResult.run(letters, "demo", "--tsa", tsa.url().toString(), "-o", "bt.pdf").exitCode());
    }
    Letters later = daysLater(dir, 1);
    var key = later.demoKeys().keySource().load();
    Files.writeString(dir.resolve("clinician.pem"), DemoKeys.pem(key.certificate()));
    assertEquals(ExitCodes.OK, CliResult.run(later, "keys", "revoke", "--ca", "keys/demo/ca.p12", "clinician.pem").exitCode());

    CliResult verify = CliResult.run(later, "verify", "bt.pdf", "--trust", "keys/demo/ca.pem", "--crl", "keys/demo/ca.crl");

    assertEquals(ExitCodes.OK, verify.exitCode(), verify.out());
    assertTrue(verify.out().contains("Revocation: not revoked when signed; revoked since (see below)"), verify.out());
    assertTrue(verify.out().contains("- The signer's certificate was revoked on 2026-12-02 15:00 UTC, after the time the"
        + " signature is checked at: the signature still counts, but its issuer has withdrawn the key since."), verify.out());
  }

  // A revoked signer once read "Integrity: NOT intact", "Revocation: not checked: no revocation
  // data" and "No revocation data was found" beside "was revoked": an HR officer could not tell
  // a forged letter from a withdrawn one.
  @Test
  void aRevokedSignerIsReportedAsRevokedNotAsABrokenFile(@TempDir Path dir) throws Exception {
    Letters letters = signedWithList(dir);
    var key = letters.demoKeys().keySource().load();
    Files.writeString(dir.resolve("clinician.pem"), DemoKeys.pem(key.certificate()));
    assertEquals(ExitCodes.OK, CliResult.run(letters, "keys", "revoke", "--ca", "keys/demo/ca.p12", "clinician.pem").exitCode());

    CliResult verify = CliResult.run(letters, "verify", "letter.pdf", "--trust", "keys/demo/ca.pem", "--crl", "keys/demo/ca.crl");

    assertEquals(ExitCodes.MODIFIED_OR_INVALID, verify.exitCode(), verify.out());
    String out = verify.out();
    assertTrue(out.contains("Result:     INVALID - the signer's certificate was revoked: the letter is unchanged, but its"
        + " signature no longer counts"), out);
    assertTrue(out.contains("Integrity:  unchanged since signing; the signature covers the whole file"), out);
    assertTrue(out.contains("Revocation: REVOKED by the issuer"), out);
    assertFalse(out.contains("No revocation data"), out);
    assertTrue(out.contains("What now:   do not rely on this letter: its signer's certificate was revoked"), out);
    JsonNode json = new ObjectMapper().readTree(CliResult.run(letters, "verify", "letter.pdf", "--json", "--trust",
        "keys/demo/ca.pem", "--crl", "keys/demo/ca.crl").out());
    String findings = json.get("signatures").get(0).get("findings").toString();
    assertTrue(findings.contains("\"REVOKED\"") && !findings.contains("NO_REVOCATION_DATA"), findings);

    // The EU DSS validator, given the same list, does not accept the signature either.
    java.security.cert.X509CRL crl;
    try (var in = Files.newInputStream(dir.resolve("keys/demo/ca.crl"))) {
      crl = (java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509").generateCRL(in);
    }
    var reports = EuDss.validate(dir.resolve("letter.pdf"), dir.resolve("keys/demo/ca.pem"), crl, Fixtures.CLOCK.instant());
    var simple = reports.getSimpleReport();
    String id = simple.getFirstSignatureId();
    assertNotEquals(Indication.TOTAL_PASSED, simple.getIndication(id), reports.getXmlSimpleReport());
    assertTrue(String.valueOf(simple.getSubIndication(id)).startsWith("REVOKED"), simple.getIndication(id) + " "
        + simple.getSubIndication(id));
  }

  // signatures.md §10.13: out-of-date revocation data is always reported. The demo CA's list is
  // due for replacement after 7 days; checked 20 days on, it says nothing about the weeks since.
  @Test
  void anOutOfDateListIsReportedAndARequiredOneMakesTheSignerUntrusted(@TempDir Path dir) throws Exception {
    signedWithList(dir);
    Letters later = daysLater(dir, 20);

    CliResult lenient = CliResult.run(later, "verify", "letter.pdf", "--trust", "keys/demo/ca.pem", "--crl", "keys/demo/ca.crl");
    CliResult strict = CliResult.run(later, "verify", "letter.pdf", "--trust", "keys/demo/ca.pem", "--crl", "keys/demo/ca.crl",
        "--require-revocation");

    assertEquals(ExitCodes.OK, lenient.exitCode(), lenient.out());
    assertTrue(lenient.out().contains("Revocation: not proven: the newest revocation data is out of date"), lenient.out());
    assertTrue(lenient.out().contains("The newest revocation data for the signer's certificate was due to be replaced on"
        + " 2026-12-08 and cannot show a later revocation; it is trusted without proof"), lenient.out());
    assertEquals(ExitCodes.UNTRUSTED, strict.exitCode(), strict.out());
    assertTrue(strict.out().contains("revocation data is required here, so the signer is not trusted"), strict.out());
    assertTrue(strict.out().contains("What now:   get the clinic's current revocation list (CRL)"), strict.out());

    // The clinic issues a current list: the same letter is VALID, even under the strict policy.
    assertEquals(ExitCodes.OK, CliResult.run(later, "keys", "crl", "--ca", "keys/demo/ca.p12").exitCode());
    CliResult current = CliResult.run(later, "verify", "letter.pdf", "--trust", "keys/demo/ca.pem", "--crl", "keys/demo/ca.crl",
        "--require-revocation");
    assertEquals(ExitCodes.OK, current.exitCode(), current.out());
    assertTrue(current.out().contains("Revocation: not revoked, per the issuer's revocation list"), current.out());
    assertFalse(current.out().contains("out of date"), current.out());
  }

  // A clinic that hands its list to employers by e-mail can make it last longer: one of 30 days
  // is still current 20 days on.
  @Test
  void aListIssuedForLongerStaysCurrent(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    assertEquals(ExitCodes.OK, CliResult.run(letters, "demo", "-o", "letter.pdf").exitCode());
    CliResult crl = CliResult.run(letters, "keys", "crl", "--ca", "keys/demo/ca.p12", "--days", "30");
    assertEquals(ExitCodes.OK, crl.exitCode(), crl.err());
    assertTrue(crl.out().contains("valid until 2026-12-31T15:00:00Z"), crl.out());
    assertEquals(ExitCodes.USAGE, CliResult.run(letters, "keys", "crl", "--ca", "keys/demo/ca.p12", "--days", "0").exitCode());
    assertEquals("error: --days: must be from 1 to 90", CliResult.run(letters, "keys", "crl", "--ca", "keys/demo/ca.p12", "--days", "365").err().strip());

    CliResult verify = CliResult.run(daysLater(dir, 20), "verify", "letter.pdf", "--trust", "keys/demo/ca.pem", "--crl",
        "keys/demo/ca.crl", "--require-revocation");

    assertEquals(ExitCodes.OK, verify.exitCode(), verify.out());
  }

  @Test
  void withoutAnyListTheStrictPolicyDoesNotTrustTheSigner(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    assertEquals(ExitCodes.OK, CliResult.run(letters, "demo", "-o", "letter.pdf").exitCode());

    CliResult lenient = CliResult.run(letters, "verify", "letter.pdf", "--trust", "keys/demo/ca.pem");
    CliResult strict = CliResult.run(letters, "verify", "letter.pdf", "--trust", "keys/demo/ca.pem", "--require-revocation");

    assertEquals(ExitCodes.OK, lenient.exitCode(), lenient.out());
    assertTrue(lenient.out().contains("Revocation: not checked: no revocation data"), lenient.out());
    assertEquals(ExitCodes.UNTRUSTED, strict.exitCode(), strict.out());
    assertTrue(strict.out().contains("Result:     NOT TRUSTED"), strict.out());
  }

  // signatures.md §10.12: without a time-stamp a letter is checked at the current time, so a B-B
  // letter stops verifying once its certificate expires. Fetching the CA certificate, the advice
  // for an unknown signer, would not help the HR officer here.
  @Test
  void anExpiredSignerWithoutATimeStampGetsAdviceThatCanHelp(@TempDir Path dir) throws Exception {
    signedWithList(dir);
    Letters later = daysLater(dir, 800);  // the demo clinician's certificate lasts 730 days

    CliResult verify = CliResult.run(later, "verify", "letter.pdf", "--trust", "keys/demo/ca.pem");

    assertEquals(ExitCodes.UNTRUSTED, verify.exitCode(), verify.out());
    assertTrue(verify.out().contains("The signer's certificate is not valid now"), verify.out());
    assertTrue(verify.out().contains("What now:   the signer's certificate is no longer (or not yet) valid and no"
        + " time-stamp proves the letter was signed while it was"), verify.out());
    assertFalse(verify.out().contains("check again with --trust"), verify.out());
  }
}
