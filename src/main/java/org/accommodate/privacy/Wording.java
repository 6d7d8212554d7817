package org.accommodate.privacy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.accommodate.request.AccommodationType;
import org.accommodate.request.Category;
import org.accommodate.request.ConditionCategory;
import org.accommodate.request.Episodes;
import org.accommodate.request.LifeActivity;
import org.accommodate.request.Language;
import org.accommodate.request.UnavailableBlock;

/**
 * Language-specific wording of dates, times and availability (domain.md §5): work availability,
 * never appointments; English "March 2, 2026" and "1:00 p.m."; Spanish "2 de marzo de 2026",
 * "1:00 p. m." and lowercase weekdays.
 */
abstract class Wording {
  static Wording of(Language language) {
    return language == Language.ES ? new Spanish() : new English();
  }

  abstract String date(LocalDate date);

  /** A month and year: "March 2026", "marzo de 2026". */
  abstract String month(java.time.YearMonth month);

  abstract String time(LocalTime time);

  // "9:05": hour as is, minutes in two digits (String.format parsed its pattern for every time).
  static String clock(int hour, int minute) {
    return hour + (minute < 10 ? ":0" : ":") + minute;
  }

  /** "on Mondays and Fridays from 9:00 a.m. to 12:00 p.m." */
  abstract String unavailable(UnavailableBlock block);

  /** The days of a block for a table cell: "Mondays, Wednesdays and Fridays". */
  abstract String days(UnavailableBlock block);

  /** The window of a block for a table cell: "9:00 a.m. to 12:00 p.m.". */
  abstract String hours(UnavailableBlock block);

  /** How often and how long: "up to twice a month, for up to 1 day each time". */
  abstract String episodes(Episodes episodes);

  /** The workplace's time zone as the letter names it: "Central Time", "hora central". */
  abstract String zone(ZoneId zone, LocalDate start);

  // The generic name ("Central Time") holds across a change to or from daylight saving time
  // within the period; a zone that keeps standard time all year (Phoenix) is named as such
  // ("Mountain Standard Time"), since "Mountain Time" would read as Denver's clock in summer.
  static String zoneName(ZoneId zone, LocalDate start, Locale locale) {
    if (zone.getRules().getTransitionRules().isEmpty()) {
      return DateTimeFormatter.ofPattern("zzzz", locale).format(start.atStartOfDay(zone));
    }
    return zone.getDisplayName(TextStyle.FULL, locale);
  }

  abstract String accommodation(AccommodationType type);

  /** What a category lets the letter say, in the letter's language (the 2.32(b) scope box). */
  abstract String category(Category category);

  /**
   * The mark across the top of anything that is not a signed clinic letter (a draft, a demo-key
   * specimen, the patient's copy), or "" for a letter.
   */
  final String banner(LetterFacts letter) {
    return letter.patientCopy() ? patientCopyBanner() : letter.draft() ? draftBanner()
        : letter.specimen() ? specimenBanner() : "";
  }

  abstract String draftBanner();

  abstract String specimenBanner();

  abstract String patientCopyBanner();

  /**
   * California's notice of the authorization's limits on use (Civil Code 56.14) and of the
   * employer's duties (56.20, 56.245): the words before the limits, the sentence that points to a
   * Part 2 letter's scope of consent instead, and the sentence after. Our wording, not regulation
   * text.
   */
  abstract List<String> californiaNotice();

  /** "Jordan Rivera has limitations in sleeping and concentrating that are relevant to this request." */
  abstract String limitations(String name, List<LifeActivity> activities);

  /** "In my professional opinion, Jordan Rivera has a medical condition that substantially limits ..." */
  abstract String condition(String name, ConditionCategory category, List<LifeActivity> activities);

  static List<String> activities(List<LifeActivity> activities, Language language) {
    return activities.stream().map(a -> a.in(language)).toList();
  }

  static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  static String joined(List<String> items, String and) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " " + and + " " + items.get(items.size() - 1);
  }

  static final class English extends Wording {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.US);

    @Override
    String date(LocalDate date) {
      return DATE.format(date);
    }

    @Override
    String month(java.time.YearMonth month) {
      return MONTH.format(month);
    }

    @Override
    String time(LocalTime time) {
      int hour = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
      return clock(hour, time.getMinute()) + " " + (time.getHour() < 12 ? "a.m." : "p.m.");
    }

    @Override
    String unavailable(UnavailableBlock block) {
      return "on " + days(block) + " from " + hours(block);
    }

    @Override
    String days(UnavailableBlock block) {
      List<String> days = new ArrayList<>();
      for (DayOfWeek day : EnumSet.copyOf(block.days())) {
        days.add(day.getDisplayName(TextStyle.FULL, Locale.US) + "s");
      }
      return joined(days, "and");
    }

    @Override
    String hours(UnavailableBlock block) {
      return time(block.from()) + " to " + time(block.to());
    }

    @Override
    String zone(ZoneId zone, LocalDate start) {
      return zoneName(zone, start, Locale.US);
    }

    @Override
    String episodes(Episodes e) {
      String times = e.times() == 1 ? "once" : e.times() == 2 ? "twice" : e.times() + " times";
      String length = e.days() > 0 ? count(e.days(), "day", "days") : count(e.hours(), "hour", "hours");
      return "up to " + times + " a " + e.per().keyword() + ", for up to " + length + " each time";
    }

    @Override
    String category(Category category) {
      return category.meaning();
    }

    @Override
    String draftBanner() {
      return "DRAFT — not signed, not valid";
    }

    @Override
    String specimenBanner() {
      return "SPECIMEN — demo key, not valid";
    }

    @Override
    String patientCopyBanner() {
      return "YOUR COPY — not signed; your employer receives the signed letter";
    }

    @Override
    List<String> californiaNotice() {
      return List.of(
          "The authorization under which this information is disclosed (California Civil Code section 56.11)"
              + " limits its use to:",
          "Under California law (Civil Code sections 56.11 and 56.14), the scope of consent above also limits the"
              + " use of this information.",
          "The employer must keep it confidential and may not use or disclose it without authorization except as"
              + " the law allows (section 56.20); no recipient may disclose it further except under a new"
              + " authorization or as the law requires or permits (section 56.245).");
    }

    @Override
    String limitations(String name, List<LifeActivity> list) {
      return name + " has limitations in " + joined(activities(list, Language.EN), "and")
          + " that are relevant to this request.";
    }

    @Override
    String condition(String name, ConditionCategory category, List<LifeActivity> list) {
      return "In my professional opinion, " + name + " has " + category.in(Language.EN)
          + " that substantially limits " + joined(activities(list, Language.EN), "and")
          + ", and the adjustment below is needed because of it.";
    }

    @Override
    String accommodation(AccommodationType type) {
      switch (type) {
        case SHIFTED_HOURS: return "a change in working hours: the same number of hours, starting or ending at a different time";
        case REDUCED_HOURS: return "a temporary reduction in working hours";
        case INTERMITTENT_LEAVE: return "time off work as stated above";
        case BREAK_CHANGE: return "a change in the timing or length of breaks";
        case SHIFT_CHANGE: return "a change of shift";
        case TEMPORARY_REMOTE: return "temporary remote work";
        case LEAVE_CONTINUOUS: return "a continuous leave of absence";
        case PHASED_RETURN: return "a phased return to work";
        case RTW_NO_RESTRICTIONS: return "a return to usual duties";
        case RTW_WITH_RESTRICTIONS: return "a return to work with the restrictions stated";
        default: throw new IllegalArgumentException("unknown type");
      }
    }
  }

  static final class Spanish extends Wording {
    private static final Locale ES = Locale.forLanguageTag("es-US");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d 'de' MMMM 'de' uuuu", ES);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM 'de' uuuu", ES);

    @Override
    String date(LocalDate date) {
      return DATE.format(date).toLowerCase(ES);
    }

    @Override
    String month(java.time.YearMonth month) {
      return MONTH.format(month).toLowerCase(ES);
    }

    @Override
    String time(LocalTime time) {
      int hour = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
      // "p. m." with no-break spaces so the abbreviation never splits across lines.
      return clock(hour, time.getMinute()) + "\u00a0" + (time.getHour() < 12 ? "a.\u00a0m." : "p.\u00a0m.");
    }

    @Override
    String unavailable(UnavailableBlock block) {
      return "los " + days(block) + " de " + hours(block);
    }

    @Override
    String days(UnavailableBlock block) {
      List<String> days = new ArrayList<>();
      for (DayOfWeek day : EnumSet.copyOf(block.days())) {
        String name = day.getDisplayName(TextStyle.FULL, ES).toLowerCase(ES);
        // Weekday names ending in -s do not change in the plural (lunes); sábado/domingo add -s.
        days.add(name.endsWith("s") ? name : name + "s");
      }
      return joined(days, "y");
    }

    @Override
    String hours(UnavailableBlock block) {
      return time(block.from()) + " a " + time(block.to());
    }

    @Override
    String zone(ZoneId zone, LocalDate start) {
      return zoneName(zone, start, ES);
    }

    @Override
    String episodes(Episodes e) {
      String length = e.days() > 0 ? count(e.days(), "día", "días") : count(e.hours(), "hora", "horas");
      return "hasta " + count(e.times(), "vez", "veces") + (e.per() == Episodes.Per.WEEK ? " a la semana" : " al mes")
          + ", hasta " + length + " cada vez";
    }

    @Override
    String draftBanner() {
      return "BORRADOR — sin firmar, no válido";
    }

    @Override
    String specimenBanner() {
      return "MUESTRA — clave de demostración, no válida";
    }

    @Override
    String patientCopyBanner() {
      return "SU COPIA — sin firmar; su empleador recibe la carta firmada";
    }

    @Override
    List<String> californiaNotice() {
      return List.of(
          "La autorización con la que se divulga esta información (Código Civil de California, sección 56.11)"
              + " limita su uso a:",
          "Según la ley de California (Código Civil, secciones 56.11 y 56.14), el alcance del consentimiento indicado"
              + " arriba también limita el uso de esta información.",
          "El empleador debe mantenerla confidencial y no puede usarla ni divulgarla sin autorización, salvo en los"
              + " casos que la ley permite (sección 56.20); nadie que la reciba puede volver a divulgarla, salvo con"
              + " una nueva autorización o según lo exija o permita la ley (sección 56.245).");
    }

    @Override
    String category(Category category) {
      switch (category) {
        case IDENTITY: return "el nombre de la persona";
        case CARE_STATUS: return "que la persona está bajo la atención profesional de quien firma";
        case SCHEDULE: return "los días y horas en que la persona no está disponible para trabajar";
        case DURATION: return "el inicio y el fin de la adaptación";
        case ACCOMMODATION: return "la adaptación solicitada";
        case WORK_RESTRICTIONS: return "las limitaciones funcionales pertinentes para el trabajo";
        case DISABILITY_STATUS: return "que la condición da derecho a una adaptación según la ADA";
        default: return "la naturaleza del tratamiento";
      }
    }

    @Override
    String limitations(String name, List<LifeActivity> list) {
      return name + " tiene limitaciones para " + joined(activities(list, Language.ES), "y")
          + " que son pertinentes para esta solicitud.";
    }

    @Override
    String condition(String name, ConditionCategory category, List<LifeActivity> list) {
      return "En mi opinión profesional, " + name + " tiene " + category.in(Language.ES)
          + " que limita sustancialmente " + joined(activities(list, Language.ES), "y")
          + ", y la adaptación que se describe a continuación es necesaria por ese motivo.";
    }

    @Override
    String accommodation(AccommodationType type) {
      switch (type) {
        case SHIFTED_HOURS: return "un cambio de horario: el mismo número de horas, con otra hora de entrada o de salida";
        case REDUCED_HOURS: return "una reducción temporal de la jornada";
        case INTERMITTENT_LEAVE: return "tiempo libre según lo indicado";
        case BREAK_CHANGE: return "un cambio en el horario o la duración de los descansos";
        case SHIFT_CHANGE: return "un cambio de turno";
        case TEMPORARY_REMOTE: return "trabajo remoto temporal";
        case LEAVE_CONTINUOUS: return "una licencia continua";
        case PHASED_RETURN: return "un regreso gradual al trabajo";
        case RTW_NO_RESTRICTIONS: return "el regreso a sus funciones habituales";
        case RTW_WITH_RESTRICTIONS: return "el regreso al trabajo con las restricciones indicadas";
        default: throw new IllegalArgumentException("unknown type");
      }
    }
  }
}
