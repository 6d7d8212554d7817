package org.accommodate.verify;

import java.time.Instant;
import java.util.List;

/**
 * What verify established about one signature.
 *
 * @param field the signature field name
 * @param kind a signature, or a document time-stamp
 * @param signer the signer certificate's subject (null when it could not be read)
 * @param claimedTime the /M time, a claim by the signer and never proof (may be null)
 * @param timestampTime the genTime of a valid, trusted signature time-stamp (else null)
 * @param intact the CMS signature verifies over the signed bytes
 * @param coversWholeFile the signed bytes are the whole file
 * @param revision the 1-based revision the signature closes (0 when it closes none)
 * @param trusted the signer chains to a trust anchor at the validation time
 * @param anchor the anchor's subject when trusted
 * @param namedAuthority the certificate authority the letter carries for its signer, trusted or
 *     not (null when it carries none): what a reader compares with the clinic's published
 *     fingerprint before trusting it
 * @param certification the DocMDP P value when this is a certification signature, else 0
 * @param level the PAdES baseline level proven (B-B, B-T, B-LT, B-LTA), or null when none
 * @param findings what was observed, worst first
 */
public record SignatureReport(String field, Kind kind, String signer, Instant claimedTime, Instant timestampTime, boolean intact,
    boolean coversWholeFile, int revision, boolean trusted, String anchor, Authority namedAuthority, int certification, String level,
    List<Finding> findings) {
  public SignatureReport {
    findings = List.copyOf(findings);
  }

  /**
   * A certificate authority as a letter names it.
   *
   * @param name its subject, for display
   * @param sha256 its certificate's SHA-256 fingerprint, upper-case hex with colons (as
   *     'keys show' and certificate viewers print it)
   * @param certificate the certificate itself, as the letter carries it (verify --remember keeps
   *     it once its fingerprint was the one given)
   */
  public record Authority(String name, String sha256, java.security.cert.X509Certificate certificate) {
    static Authority of(java.security.cert.X509Certificate certificate) {
      byte[] digest = TrustAnchors.sha256(certificate);
      return digest == null ? null : new Authority(SignatureVerifier.displayName(certificate),
          java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest), certificate);
    }

    @Override
    public String toString() {
      return "Authority[" + name + ", " + sha256 + "]";
    }
  }

  /** What kind of signature dictionary this is. */
  public enum Kind { SIGNATURE, DOCUMENT_TIMESTAMP }

  SignatureReport withLevel(String newLevel) {
    return new SignatureReport(field, kind, signer, claimedTime, timestampTime, intact, coversWholeFile, revision, trusted,
        anchor, namedAuthority, certification, newLevel, findings);
  }
}
