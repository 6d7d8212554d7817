package org.accommodate.request;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The clinic's letterhead, clinician and policy settings (clinic.yaml).
 *
 * @param clinicName neutral display name printed on the letterhead
 * @param clinicAddress optional address lines
 * @param clinicPhone phone number printed for questions about the letter
 * @param clinicianName the signing clinician's name
 * @param credential a truthful, neutral credential (e.g. MD)
 * @param title optional job title
 * @param license optional license line
 * @param part2Program whether the organization is a 42 CFR Part 2 program
 * @param part2Statement which 2.32 statement to print (1 or 2)
 * @param sensitiveNames program and unit names that must never appear in a letter
 * @param keystore default PKCS#12 file (may be null)
 * @param keyAlias default key alias (may be null)
 * @param roundMinutes default rounding of unavailable windows (0: none)
 * @param logoPng the letterhead logo, flattened on white as PNG bytes (may be null)
 * @param accent the letterhead accent colour, #RRGGBB
 * @param fonts extra TrueType fonts for names the bundled fonts cannot show (e.g. CJK)
 * @param ledger the disclosure ledger file (may be null)
 * @param revokedAuthorizations references of authorizations revoked in writing, normalized
 *     ({@link References#key})
 * @param jurisdiction where the clinic practises: "US" (federal law alone) or "US-" and a state's
 *     code; only California ("US-CA") adds rules so far
 */
public record ClinicProfile(
    String clinicName, List<String> clinicAddress, String clinicPhone, String clinicianName,
    String credential, String title, String license, boolean part2Program, int part2Statement,
    List<String> sensitiveNames, Path keystore, String keyAlias, int roundMinutes, byte[] logoPng, String accent,
    List<Path> fonts, Path ledger, java.util.Set<String> revokedAuthorizations, String jurisdiction) {
  public ClinicProfile {
    Objects.requireNonNull(clinicName, "clinicName");
    Objects.requireNonNull(clinicPhone, "clinicPhone");
    Objects.requireNonNull(clinicianName, "clinicianName");
    Objects.requireNonNull(credential, "credential");
    clinicAddress = List.copyOf(clinicAddress);
    sensitiveNames = List.copyOf(sensitiveNames);
    fonts = List.copyOf(fonts);
    revokedAuthorizations = java.util.Set.copyOf(revokedAuthorizations);
    Objects.requireNonNull(jurisdiction, "jurisdiction");
  }

  /** California's Confidentiality of Medical Information Act governs this clinic's disclosures. */
  public boolean inCalifornia() {
    return jurisdiction.equals("US-CA");
  }

  @Override
  public String toString() {
    return "ClinicProfile[***]";
  }
}
