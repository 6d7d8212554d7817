package org.accommodate.request;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The patient's signed authorization on file, as the request describes it.
 *
 * @param reference the clinic's identifier of the signed form (ledger only)
 * @param signed the date it was signed
 * @param signedBy patient or representative
 * @param expires the last day it is valid
 * @param recipient the recipient it names
 * @param purpose the purpose it names (never printed)
 * @param discloses the categories it lets a letter disclose
 * @param authority a representative's authority to act for the patient (null when the patient
 *     signed; never printed)
 * @param documentSha256 SHA-256 of the signed form's file, in lower-case hex, recorded in the
 *     ledger with the disclosure (null when the request gave none)
 * @param regimes the laws the signed form meets (HIPAA alone unless the request lists others)
 * @param formCode the scope code printed on a form authorization-form made, XXXX-XXXX (null when
 *     the request gives none)
 */
public record Authorization(
    String reference, LocalDate signed, Signer signedBy, LocalDate expires, String recipient,
    String purpose, Set<Category> discloses, String authority,
    String documentSha256, Set<Regime> regimes, String formCode) {
  public Authorization {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(signed, "signed");
    Objects.requireNonNull(signedBy, "signedBy");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(purpose, "purpose");
    discloses = Set.copyOf(discloses.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(discloses));
    regimes = Set.copyOf(regimes);
  }

  @Override
  public String toString() {
    return "Authorization[***]";
  }
}
