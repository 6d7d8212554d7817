package org.accommodate.privacy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.accommodate.request.Period;
import org.accommodate.request.UnavailableBlock;

/**
 * Turns unavailable blocks into the windows a letter states, so that it reads as work
 * availability rather than reproducing a care timetable (domain.md §2.3, §3.4 rule 7).
 */
final class Availability {
  private Availability() {}

  /**
   * Widens each window outward to whole {@code minutes} steps (never claiming availability the
   * patient lacks), then merges windows that became equal into one statement.
   */
  static List<UnavailableBlock> rounded(List<UnavailableBlock> blocks, int minutes) {
    Map<String, EnumSet<DayOfWeek>> days = new LinkedHashMap<>();
    Map<String, LocalTime[]> windows = new LinkedHashMap<>();
    for (UnavailableBlock block : blocks) {
      LocalTime from = block.from();
      LocalTime to = block.to();
      if (minutes > 0) {
        from = floor(from, minutes);
        to = ceil(to, minutes);
      }
      String key = from + "-" + to;
      days.computeIfAbsent(key, k -> EnumSet.noneOf(DayOfWeek.class)).addAll(block.days());
      windows.put(key, new LocalTime[] {from, to});
    }
    List<UnavailableBlock> merged = new ArrayList<>();
    days.forEach((key, set) -> merged.add(new UnavailableBlock(set, windows.get(key)[0], windows.get(key)[1])));
    return merged;
  }

  private static LocalTime floor(LocalTime time, int minutes) {
    int total = time.getHour() * 60 + time.getMinute();
    return LocalTime.MIDNIGHT.plusMinutes(total - total % minutes);
  }

  private static LocalTime ceil(LocalTime time, int minutes) {
    int total = time.getHour() * 60 + time.getMinute();
    int up = total % minutes == 0 ? total : total + minutes - total % minutes;
    return up >= 24 * 60 ? LocalTime.of(23, 59) : LocalTime.MIDNIGHT.plusMinutes(up);
  }

  /**
   * Three or more weekdays of about two to four and a half hours, for four weeks or more, is
   * the shape of an intensive outpatient schedule; an informed HR reader may recognise it.
   * {@code blocks} are the windows as printed; rounding is suggested only when it would change
   * them.
   */
  static Optional<String> intensiveShape(List<UnavailableBlock> blocks, Period period) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    long minutes = 0;
    int windows = 0;
    for (UnavailableBlock block : blocks) {
      days.addAll(block.days());
      minutes += Duration.between(block.from(), block.to()).toMinutes() * block.days().size();
      windows += block.days().size();
    }
    double hours = windows == 0 ? 0 : minutes / 60.0 / windows;
    boolean longEnough = period.endDate().map(end -> ChronoUnit.DAYS.between(period.start(), end) >= 27).orElse(true);
    if (days.size() >= 3 && hours >= 2 && hours <= 4.5 && longEnough) {
      return Optional.of("unavailable: " + days.size() + " days a week of about " + Math.round(hours)
          + " hours for several weeks can read as an intensive care schedule to an informed reader;"
          + (rounded(blocks, 30).equals(blocks) ? " consider fewer, broader windows, such as whole mornings or afternoons"
              : " consider round_minutes: 30, or stating fewer, broader windows"));
    }
    return Optional.empty();
  }
}
