package org.accommodate.request;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A recurring time when the patient is not available for work (never described as appointments).
 *
 * @param days the weekdays it recurs on
 * @param from first minute not available
 * @param to first minute available again
 */
public record UnavailableBlock(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
  public UnavailableBlock {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (days.isEmpty() || !to.isAfter(from)) {
      throw new IllegalArgumentException("empty block");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  /** Days in week order (Set.copyOf does not keep it). */
  public EnumSet<DayOfWeek> orderedDays() {
    return EnumSet.copyOf(days);
  }

  boolean overlaps(UnavailableBlock other) {
    boolean sharesDay = days.stream().anyMatch(other.days::contains);
    return sharesDay && from.isBefore(other.to) && other.from.isBefore(to);
  }
}
