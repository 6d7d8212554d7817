package org.accommodate;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.accommodate.keys.SigningKey;
import org.accommodate.sign.SignedLetters;

/**
 * Gathers what a B-LT letter must carry: every certificate of the signer's and the time-stamp
 * authority's chains, and for each issuing CA a CRL issued after the signature time-stamp.
 */
final class LongTermData {
  private LongTermData() {}

  static List<X509Certificate> certificates(SigningKey key, byte[] signed) {
    Map<String, X509Certificate> all = new LinkedHashMap<>();
    for (X509Certificate certificate : key.chain()) {
      all.put(certificate.getSubjectX500Principal().getName() + certificate.getSerialNumber(), certificate);
    }
    for (X509Certificate certificate : SignedLetters.timeStampCertificates(signed)) {
      all.put(certificate.getSubjectX500Principal().getName() + certificate.getSerialNumber(), certificate);
    }
    return new ArrayList<>(all.values());
  }

  /**
   * A fresh list from each CA of the signer's and the time-stamp authority's chains, checked to
   * be dated no earlier than the signature time-stamp.
   */
  static List<X509CRL> crls(SigningKey key, byte[] signed, FreshRevocationLists issuers, Letters letters) {
    Instant stamped = SignedLetters.timeStampTime(signed);
    List<X509CRL> crls = issuers.issue(certificates(key, signed), key, letters, stamped);
    for (X509CRL crl : crls) {
      if (stamped != null && crl.getThisUpdate().toInstant().isBefore(stamped)) {
        throw new SigningException("--ltv: the CRL from " + crl.getIssuerX500Principal().getName() + " is dated before"
            + " the signature's time-stamp, so it cannot prove the certificate was not revoked then");
      }
    }
    return crls;
  }
}
