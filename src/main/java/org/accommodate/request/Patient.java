package org.accommodate.request;

import java.util.Objects;

/**
 * The patient the letter is about.
 *
 * @param name legal name, printed when identity is authorized
 * @param reference the clinic's own identifier: ledger only, never printed (may be null)
 * @param employeeId the employer's own identifier for the employee, printed beside the name so
 *     that HR can match the letter (may be null)
 * @param underCareSince the month the patient came under the clinician's care, printed with the
 *     care statement when given (may be null)
 */
public record Patient(String name, String reference, String employeeId, java.time.YearMonth underCareSince) {
  public Patient {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return "Patient[***]";
  }
}
