package org.accommodate.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.accommodate.request.Period;
import org.accommodate.request.UnavailableBlock;
import org.junit.jupiter.api.Test;

class AvailabilityTest {
  private static final Period EIGHT_WEEKS = new Period(LocalDate.of(2026, 12, 7), LocalDate.of(2027, 1, 29), null);

  private static List<UnavailableBlock> mornings(String from, String to) {
    return List.of(new UnavailableBlock(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY),
        LocalTime.parse(from), LocalTime.parse(to)));
  }

  // The advice about an intensive-looking schedule offers rounding only where rounding would change
  // what the letter prints.
  @Test
  void roundingIsSuggestedOnlyWhereItWouldChangeTheWindows() {
    String uneven = Availability.intensiveShape(mornings("09:10", "11:50"), EIGHT_WEEKS).orElseThrow();
    assertTrue(uneven.endsWith("consider round_minutes: 30, or stating fewer, broader windows"), uneven);

    String even = Availability.intensiveShape(mornings("09:00", "12:00"), EIGHT_WEEKS).orElseThrow();
    assertTrue(even.startsWith("unavailable: 3 days a week of about 3 hours"), even);
    assertTrue(even.endsWith("consider fewer, broader windows, such as whole mornings or afternoons"), even);

    List<UnavailableBlock> printed = Availability.rounded(mornings("09:10", "11:50"), 30);
    assertEquals(mornings("09:00", "12:00"), printed);
    assertEquals(Optional.of(even), Availability.intensiveShape(printed, EIGHT_WEEKS));
  }

  @Test
  void aShortOrLightScheduleGetsNoAdvice() {
    assertEquals(Optional.empty(), Availability.intensiveShape(mornings("09:00", "10:00"), EIGHT_WEEKS));
    Period twoWeeks = new Period(LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 18), null);
    assertEquals(Optional.empty(), Availability.intensiveShape(mornings("09:00", "12:00"), twoWeeks));
  }
}
