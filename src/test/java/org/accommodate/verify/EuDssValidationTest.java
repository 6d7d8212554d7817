package org.accommodate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.nio.file.Path;
import java.util.Date;
import org.accommodate.Letters;
import org.accommodate.cli.ExitCodes;
import org.accommodate.keys.CertificateAuthority;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.LocalTsa;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent validation by the EU DSS validator: offline, the clinic CA as the only trust anchor,
 * the clinic CRL supplied. Every level we claim must be TOTAL_PASSED at that baseline level.
 */
class EuDssValidationTest {
  private static Path dir;
  private static Letters letters;

  @BeforeAll
  static void signAtEveryLevel(@TempDir Path temp) throws Exception {
    dir = temp;
    letters = Fixtures.letters(dir);
    try (LocalTsa tsa = LocalTsa.start(dir.resolve("keys/demo"), Fixtures.CLOCK)) {
      String url = tsa.url().toString();
      run("demo", "-o", "b.pdf");
      run("demo", "-o", "t.pdf", "--tsa", url);
      run("demo", "-o", "lt.pdf", "--tsa", url, "--ltv");
      run("demo", "-o", "lta.pdf", "--tsa", url, "--lta");
    }
  }

  private static void run(String... args) {
    CliResult result = CliResult.run(letters, args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
  }

  private static Reports validate(String file) throws Exception {
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    trusted.addCertificate(new CertificateToken(DSSUtils.loadCertificate(dir.resolve("keys/demo/ca.pem").toFile())
        .getCertificate()));
    CommonCertificateVerifier verifier = new CommonCertificateVerifier();
    verifier.setTrustedCertSources(trusted);
    verifier.setAIASource(null);
    verifier.setOcspSource(null);
    var crl = CertificateAuthority.open(dir.resolve("keys/demo/ca.p12"), PasswordSource.fixed(DemoKeys.PASSWORD))
        .issueCrl(Fixtures.CLOCK.instant());
    verifier.setCrlSource(new ExternalResourcesCRLSource(new InMemoryDocument(crl.getEncoded())));
    SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(dir.resolve(file).toFile()));
    validator.setCertificateVerifier(verifier);
    validator.setValidationTime(Date.from(Fixtures.CLOCK.instant().plusSeconds(60)));
    return validator.validateDocument();
  }

  private static void assertPassed(String file, SignatureLevel level) throws Exception {
    Reports reports = validate(file);
    var simple = reports.getSimpleReport();
    String id = simple.getFirstSignatureId();
    assertEquals(Indication.TOTAL_PASSED, simple.getIndication(id), file + ": " + simple.getSubIndication(id)
        + "\n" + reports.getXmlSimpleReport());
    assertEquals(level, simple.getSignatureFormat(id), file);
  }

  @Test
  void baselineB() throws Exception {
    assertPassed("b.pdf", SignatureLevel.PAdES_BASELINE_B);
  }

  @Test
  void baselineT() throws Exception {
    assertPassed("t.pdf", SignatureLevel.PAdES_BASELINE_T);
  }

  @Test
  void baselineLt() throws Exception {
    assertPassed("lt.pdf", SignatureLevel.PAdES_BASELINE_LT);
  }

  @Test
  void baselineLta() throws Exception {
    assertPassed("lta.pdf", SignatureLevel.PAdES_BASELINE_LTA);
  }
}
