package org.accommodate.request;

import java.util.Objects;

/**
 * The patient the letter is about.
 *
 * @param name legal name, printed when identity is authorized
 * @param reference the clinic's own identifier: ledger only, never printed (may be null)
 * @param employeeId the employer's own identifier for the employee, printed beside the name so
 *     that HR can match the letter (may be null)
 */
public record Patient(String name, String reference, String employeeId) {
  public Patient {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return "Patient[***]";
  }
}
