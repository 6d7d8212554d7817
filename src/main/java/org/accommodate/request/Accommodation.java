package org.accommodate.request;

import java.util.Objects;

/**
 * The adjustment asked for.
 *
 * @param type the kind of adjustment
 * @param details optional free text in work terms (privacy-scanned; may be null)
 */
public record Accommodation(AccommodationType type, String details) {
  public Accommodation {
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String toString() {
    return "Accommodation[" + type + "]";
  }
}
