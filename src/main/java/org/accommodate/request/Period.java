package org.accommodate.request;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * When the arrangement applies: a start and exactly one of an end date, a number of weeks, or a
 * review date.
 *
 * @param start first day of the arrangement
 * @param end last day, when given as a date or computed from weeks (null for review-only)
 * @param review the date the arrangement will be reviewed (null unless given)
 */
public record Period(LocalDate start, LocalDate end, LocalDate review) {
  public Period {
    Objects.requireNonNull(start, "start");
    if ((end == null) == (review == null)) {
      throw new IllegalArgumentException("exactly one of end and review");
    }
  }

  public Optional<LocalDate> endDate() {
    return Optional.ofNullable(end);
  }

  public Optional<LocalDate> reviewDate() {
    return Optional.ofNullable(review);
  }

  /** The last day the letter speaks about: the end, or the review date. */
  public LocalDate lastDay() {
    return end != null ? end : review;
  }
}
