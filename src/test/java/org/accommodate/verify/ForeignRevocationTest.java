package org.accommodate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.List;
import org.accommodate.Letters;
import org.accommodate.keys.CertificateAuthority;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.keys.SigningKey;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.ForeignSigner;
import org.accommodate.testing.ForeignSigner.Lists;
import org.accommodate.verify.VerificationReport.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * signatures.md §10.13: revocation data embedded in a signature counts like the DSS's. Other
 * tools keep the lists they fetched inside the CMS (its own crls, or Adobe's revocation-archival
 * attribute); a file from them was reported as having no revocation data at all.
 */
class ForeignRevocationTest {
  private record Setup(Letters letters, SigningKey key, CertificateAuthority ca, Path anchor) {}

  private static Setup setup(Path dir) {
    Letters letters = Fixtures.letters(dir);
    SigningKey key = letters.demoKeys().keySource().load();
    CertificateAuthority ca = CertificateAuthority.open(dir.resolve("keys/demo/ca.p12"), PasswordSource.fixed(DemoKeys.PASSWORD));
    return new Setup(letters, key, ca, letters.demoKeys().caCertificate());
  }

  private static VerificationReport verify(Setup setup, Path dir, byte[] pdf) throws Exception {
    Path file = Files.write(dir.resolve("foreign.pdf"), pdf);
    return setup.letters().verify(file, List.of(setup.anchor()));
  }

  private static List<String> codes(VerificationReport report) {
    return report.allFindings().stream().map(Finding::code).toList();
  }

  @Test
  void listsInTheSignedDataOrTheAdobeAttributeAreRevocationData(@TempDir Path dir) throws Exception {
    Setup setup = setup(dir);
    List<X509CRL> crls = List.of(setup.ca().issueCrl(Fixtures.CLOCK.instant()));
    var when = ForeignSigner.calendar(Fixtures.CLOCK.instant());

    for (Lists where : List.of(Lists.SIGNED_DATA, Lists.ADOBE_ATTRIBUTE)) {
      VerificationReport report = verify(setup, dir, ForeignSigner.sign(setup.key(), crls, where, when));
      assertEquals(Verdict.VALID, report.verdict(), where + ": " + report.allFindings());
      assertFalse(codes(report).contains(Revocation.MISSING), where + ": " + report.allFindings());
      assertTrue(codes(report).contains("NOT_PADES_BASELINE"), "checked as a plain PDF signature: " + codes(report));
    }
    VerificationReport none = verify(setup, dir, ForeignSigner.sign(setup.key(), List.of(), Lists.NONE, when));
    assertTrue(codes(none).contains(Revocation.MISSING), none.allFindings().toString());
  }

  @Test
  void aListInTheSignatureThatRevokesTheSignerMakesItInvalid(@TempDir Path dir) throws Exception {
    Setup setup = setup(dir);
    var when = ForeignSigner.calendar(Fixtures.CLOCK.instant());
    setup.ca().revoke(setup.key().certificate(), Fixtures.CLOCK.instant());
    List<X509CRL> crls = List.of(setup.ca().issueCrl(Fixtures.CLOCK.instant()));

    VerificationReport report = verify(setup, dir, ForeignSigner.sign(setup.key(), crls, Lists.ADOBE_ATTRIBUTE, when));

    assertEquals(Verdict.INVALID, report.verdict(), report.allFindings().toString());
    assertTrue(codes(report).contains(Revocation.REVOKED), report.allFindings().toString());
  }

  // A list in the signature counts only if the certificate's issuer signed it: a signer cannot
  // vouch for itself with a list of its own making.
  @Test
  void aListNotSignedByTheIssuerIsNoEvidence(@TempDir Path dir) throws Exception {
    Setup setup = setup(dir);
    var when = ForeignSigner.calendar(Fixtures.CLOCK.instant());
    // A CA of the same name with another key: its list names the right issuer but is not its.
    java.security.cert.X509Certificate real;
    try (var in = Files.newInputStream(setup.anchor())) {
      real = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    var name = org.bouncycastle.asn1.x500.X500Name.getInstance(real.getSubjectX500Principal().getEncoded());
    var now = Fixtures.CLOCK.instant();
    var stranger = org.accommodate.keys.ClinicCa.selfSignedCa(name, org.accommodate.keys.ClinicCa.KeyType.RSA_2048, now,
        java.time.Duration.ofDays(30));
    var builder = new org.bouncycastle.cert.X509v2CRLBuilder(name, java.util.Date.from(now));
    builder.setNextUpdate(java.util.Date.from(now.plus(java.time.Duration.ofDays(7))));
    List<X509CRL> crls = List.of(new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(builder.build(
        new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(stranger.keys().getPrivate()))));

    VerificationReport report = verify(setup, dir, ForeignSigner.sign(setup.key(), crls, Lists.SIGNED_DATA, when));

    assertTrue(codes(report).contains(Revocation.MISSING), report.allFindings().toString());
  }

  // OCSP responses, where Acrobat-like signers keep what they fetched: the issuer's own answer or
  // its certified responder's counts; a responder the issuer did not mark for OCSP signing does
  // not; "revoked" fails; a "good" whose next update has passed is out of date.
  @Test
  void ocspResponsesInTheSignatureCountOnlyFromTheIssuerOrItsResponder(@TempDir Path dir) throws Exception {
    Setup setup = setup(dir);
    var now = Fixtures.CLOCK.instant();
    var when = ForeignSigner.calendar(now);
    var responses = org.accommodate.testing.OcspResponses.of(dir.resolve("keys/demo/ca.p12"), DemoKeys.PASSWORD.toCharArray());
    var signer = setup.key().certificate();
    var day = java.time.Duration.ofDays(1);

    byte[] byIssuer = responses.response(signer, false, now.minusSeconds(60), now.plus(day), null);
    byte[] byResponder = responses.response(signer, false, now.minusSeconds(60), now.plus(day), responses.responder(true, now));
    byte[] byStranger = responses.response(signer, false, now.minusSeconds(60), now.plus(day), responses.responder(false, now));
    byte[] revoked = responses.response(signer, true, now.minusSeconds(60), now.plus(day), null);
    byte[] old = responses.response(signer, false, now.minus(day.multipliedBy(10)), now.minus(day.multipliedBy(3)), null);

    for (Lists where : List.of(Lists.ADOBE_ATTRIBUTE, Lists.SIGNED_DATA)) {
      for (byte[] good : List.of(byIssuer, byResponder)) {
        VerificationReport report = verify(setup, dir, ForeignSigner.sign(setup.key(), List.of(), List.of(good), where, when));
        assertEquals(Verdict.VALID, report.verdict(), where + ": " + report.allFindings());
        assertFalse(codes(report).contains(Revocation.MISSING), where + ": " + report.allFindings());
      }
    }
    VerificationReport stranger = verify(setup, dir, ForeignSigner.sign(setup.key(), List.of(), List.of(byStranger),
        Lists.ADOBE_ATTRIBUTE, when));
    assertTrue(codes(stranger).contains(Revocation.MISSING), stranger.allFindings().toString());
    VerificationReport gone = verify(setup, dir, ForeignSigner.sign(setup.key(), List.of(), List.of(revoked),
        Lists.ADOBE_ATTRIBUTE, when));
    assertEquals(Verdict.INVALID, gone.verdict(), gone.allFindings().toString());
    assertTrue(codes(gone).contains(Revocation.REVOKED), gone.allFindings().toString());
    VerificationReport stale = verify(setup, dir, ForeignSigner.sign(setup.key(), List.of(), List.of(old),
        Lists.ADOBE_ATTRIBUTE, when));
    assertTrue(codes(stale).contains(Revocation.STALE), stale.allFindings().toString());
  }
}
