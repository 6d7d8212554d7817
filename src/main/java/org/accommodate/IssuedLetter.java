package org.accommodate;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.accommodate.privacy.DisclosureManifest;
import org.accommodate.privacy.ScanFinding;

/**
 * A signed letter that has been written.
 *
 * @param id the random letter ID
 * @param path where it was written (null: to standard output)
 * @param sha256 hex SHA-256 of the signed file
 * @param manifest what it discloses and withholds
 * @param specimen whether it was signed with a demo key
 * @param findings scanner findings on the inputs and the finished file (INFO, accepted WARN)
 * @param acceptedWarnings WARN categories the clinician accepted (categories only, never text)
 * @param advisories advice that did not stop the letter
 * @param ledgerEntry the disclosure ledger entry (null when issued with --no-ledger)
 */
public record IssuedLetter(String id, Path path, String sha256, DisclosureManifest manifest, boolean specimen,
    List<ScanFinding> findings, Set<String> acceptedWarnings, List<String> advisories,
    org.accommodate.ledger.LedgerEntry ledgerEntry) {
  public IssuedLetter {
    findings = List.copyOf(findings);
    acceptedWarnings = Set.copyOf(acceptedWarnings);
    advisories = List.copyOf(advisories);
  }

  /** The same letter with the ledger entry it was recorded under. */
  IssuedLetter recorded(org.accommodate.ledger.LedgerEntry entry) {
    return new IssuedLetter(id, path, sha256, manifest, specimen, findings, acceptedWarnings, advisories, entry);
  }
}
