package org.accommodate.request;

import java.util.List;
import java.util.Objects;

/**
 * The recipient of the letter.
 *
 * @param organization the employer's name, matched against the authorization's recipient
 * @param attention the office addressed (Human Resources by default; never a supervisor)
 * @param address optional address lines
 */
public record Employer(String organization, String attention, List<String> address) {
  public Employer {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(attention, "attention");
    address = List.copyOf(address);
  }

  @Override
  public String toString() {
    return "Employer[***]";
  }
}
