package org.accommodate.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of verifying one file: separate facts, and one place deriving the verdict.
 *
 * @param file the file checked
 * @param letterId the letter ID the signed document carries (null if none)
 * @param signatures one report per signature
 * @param findings file-level findings (structure, unsigned)
 */
public record VerificationReport(Path file, String letterId, List<SignatureReport> signatures,
    List<Finding> findings) {
  public VerificationReport {
    signatures = List.copyOf(signatures);
    findings = List.copyOf(findings);
  }

  /** The overall answer, worst finding first. */
  public enum Verdict { VALID, INVALID, UNTRUSTED, UNSIGNED }

  public Verdict verdict() {
    List<Finding> all = allFindings();
    if (all.stream().anyMatch(f -> f.severity() == Finding.Severity.INVALID)) {
      return Verdict.INVALID;
    }
    if (signatures.isEmpty()) {
      return Verdict.UNSIGNED;
    }
    boolean allGood = signatures.stream().allMatch(SignatureReport::intact);
    if (!allGood) {
      return Verdict.INVALID;
    }
    if (all.stream().anyMatch(f -> f.severity() == Finding.Severity.UNTRUSTED)
        || signatures.stream().anyMatch(s -> !s.trusted())) {
      return Verdict.UNTRUSTED;
    }
    return Verdict.VALID;
  }

  public List<Finding> allFindings() {
    List<Finding> all = new ArrayList<>(findings);
    signatures.forEach(s -> all.addAll(s.findings()));
    return all;
  }
}
