package org.accommodate.verify;

import java.time.Instant;
import java.util.List;

/**
 * What verify established about one signature.
 *
 * @param field the signature field name
 * @param signer the signer certificate's subject (null when it could not be read)
 * @param claimedTime the /M time, a claim by the signer and never proof (may be null)
 * @param timestampTime the genTime of a valid, trusted signature time-stamp (else null)
 * @param intact the CMS signature verifies over the signed bytes
 * @param coversWholeFile the signed bytes are the whole file
 * @param trusted the signer chains to a trust anchor at the validation time
 * @param anchor the anchor's subject when trusted
 * @param certification the DocMDP P value when this is a certification signature, else 0
 * @param level the PAdES baseline level proven (B-B, B-T), or null when none
 * @param findings what was observed, worst first
 */
public record SignatureReport(String field, String signer, Instant claimedTime, Instant timestampTime, boolean intact,
    boolean coversWholeFile, boolean trusted, String anchor, int certification, String level,
    List<Finding> findings) {
  public SignatureReport {
    findings = List.copyOf(findings);
  }
}
