package org.accommodate.verify;

/**
 * One observation about a signature or file.
 *
 * @param code a stable machine-readable code (for --json and tests)
 * @param severity how much it matters
 * @param message one plain sentence for the HR officer
 */
public record Finding(String code, Severity severity, String message) {
  /** How a finding affects the verdict. */
  public enum Severity {
    /** Breaks integrity: the file is changed or the signature invalid. */
    INVALID,
    /** Intact, but the signer cannot be trusted. */
    UNTRUSTED,
    /** Worth knowing, does not change the verdict. */
    WARNING,
    INFO
  }
}
