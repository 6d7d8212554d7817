package org.accommodate.testing;

import eu.europa.esig.dss.enumerations.Indication;
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
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Date;

/** The EU DSS validator, offline: one trust anchor, one CRL, a fixed validation time. */
public final class EuDss {
  private EuDss() {}

  public static Reports validate(Path pdf, Path anchor, X509CRL crl, Instant at) throws Exception {
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    trusted.addCertificate(new CertificateToken(DSSUtils.loadCertificate(anchor.toFile()).getCertificate()));
    CommonCertificateVerifier verifier = new CommonCertificateVerifier();
    verifier.setTrustedCertSources(trusted);
    verifier.setAIASource(null);
    verifier.setOcspSource(null);
    verifier.setCrlSource(new ExternalResourcesCRLSource(new InMemoryDocument(crl.getEncoded())));
    SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(pdf.toFile()));
    validator.setCertificateVerifier(verifier);
    validator.setValidationTime(Date.from(at));
    return validator.validateDocument();
  }

  public static Indication indication(Reports reports) {
    return reports.getSimpleReport().getIndication(reports.getSimpleReport().getFirstSignatureId());
  }
}
