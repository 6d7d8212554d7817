package org.accommodate.verify;

import static org.accommodate.verify.Finding.Severity.INVALID;
import static org.accommodate.verify.Finding.Severity.WARNING;

import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Revocation of each certificate on a path, from CRLs embedded in the letter (/DSS) or kept beside
 * the trust anchors (signatures.md §10.13). Revoked at or before the validation time always fails;
 * missing data is reported as a warning under the default local-trust policy.
 */
final class Revocation {
  private Revocation() {}

  /**
   * Checks {@code path} (the certificate first, its issuers after, the anchor last).
   *
   * @return true when every certificate but the anchor had a valid CRL from the given list
   */
  static boolean check(List<X509Certificate> path, List<X509CRL> crls, Instant at, String who, List<Finding> findings) {
    boolean complete = true;
    for (int i = 0; i + 1 < path.size(); i++) {
      X509Certificate certificate = path.get(i);
      X509Certificate issuer = path.get(i + 1);
      X509CRL crl = find(crls, issuer);
      if (crl == null) {
        complete = false;
        continue;
      }
      X509CRLEntry entry = crl.getRevokedCertificate(certificate);
      if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
        findings.add(new Finding("REVOKED", INVALID, "The " + who + " certificate was revoked by its issuer"
            + " before the time the signature is checked at."));
        return false;
      }
    }
    return complete;
  }

  /** The newest CRL issued and validly signed by {@code issuer}. */
  private static X509CRL find(List<X509CRL> crls, X509Certificate issuer) {
    X509CRL best = null;
    for (X509CRL crl : crls) {
      if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
        continue;
      }
      try {
        crl.verify(issuer.getPublicKey());
      } catch (Exception e) {
        continue;
      }
      if (best == null || crl.getThisUpdate().after(best.getThisUpdate())) {
        best = crl;
      }
    }
    return best;
  }

  static void reportMissing(String who, List<Finding> findings) {
    findings.add(new Finding("NO_REVOCATION_DATA", WARNING, "No revocation data was found for the " + who
        + " certificate; it is trusted without proof that it was not revoked."));
  }
}
