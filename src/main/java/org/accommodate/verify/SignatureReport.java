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
 * @param certification the DocMDP P value when this is a certification signature, else 0
 * @param level the PAdES baseline level proven (B-B, B-T, B-LT, B-LTA), or null when none
 * @param findings what was observed, worst first
 */
public record SignatureReport(String field, Kind kind, String signer, Instant claimedTime, Instant timestampTime, boolean intact,
    boolean coversWholeFile, int revision, boolean trusted, String anchor, int certification, String level,
    List<Finding> findings) {
  public SignatureReport {
    findings = List.copyOf(findings);
  }

  /** What kind of signature dictionary this is. */
  public enum Kind { SIGNATURE, DOCUMENT_TIMESTAMP }

  SignatureReport withLevel(String newLevel) {
    return new SignatureReport(field, kind, signer, claimedTime, timestampTime, intact, coversWholeFile, revision, trusted,
        anchor, certification, newLevel, findings);
  }
}
