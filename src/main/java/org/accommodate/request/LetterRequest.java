package org.accommodate.request;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One letter request, as read and validated from the request file.
 *
 * @param templateId the template under templates/ (null: the shipped template for the type)
 * @param language the employer letter's language
 * @param date the letter date
 * @param level the disclosure level
 * @param patient the patient
 * @param employer the recipient
 * @param period when the arrangement applies
 * @param unavailable when the patient is not available for work
 * @param accommodation the adjustment asked for
 * @param authorization the patient's authorization
 * @param limitations life activities the letter may name (functional levels only; else empty)
 * @param condition the generic condition category (condition-category level only; else null)
 * @param roundMinutes round unavailable windows outward to this many minutes (0: as given; null: profile default)
 * @param workRestrictions return-to-work restrictions in work terms (free text, scanned; else null)
 * @param timeZone the workplace's time zone, stated with the times (null: not stated)
 * @param episodes absences that cannot be scheduled ahead (intermittent-leave only; else null)
 * @param patientCopy the language of the patient's own copy, made with the letter (null: none)
 */
public record LetterRequest(
    String templateId, Language language, LocalDate date, DisclosureLevel level, Patient patient,
    Employer employer, Period period, List<UnavailableBlock> unavailable,
    Accommodation accommodation, Authorization authorization, List<LifeActivity> limitations,
    ConditionCategory condition, Integer roundMinutes, String workRestrictions, ZoneId timeZone,
    Episodes episodes, Language patientCopy) {
  public LetterRequest {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(employer, "employer");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(accommodation, "accommodation");
    Objects.requireNonNull(authorization, "authorization");
    unavailable = List.copyOf(unavailable);
    limitations = List.copyOf(limitations);
  }

  /** The same request in another language (a patient's copy of a preview). */
  public LetterRequest withLanguage(Language other) {
    return new LetterRequest(templateId, other, date, level, patient, employer, period, unavailable, accommodation,
        authorization, limitations, condition, roundMinutes, workRestrictions, timeZone,
        episodes, patientCopy);
  }

  /** The same request for a chosen template. */
  public LetterRequest withTemplate(String id) {
    return new LetterRequest(id, language, date, level, patient, employer, period, unavailable, accommodation,
        authorization, limitations, condition, roundMinutes, workRestrictions, timeZone,
        episodes, patientCopy);
  }

  // The generated toString would print every component, free text included.
  @Override
  public String toString() {
    return "LetterRequest[" + templateId + "]";
  }
}
