package org.accommodate.request;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an authorization form for the patient to sign is filled from: the patient's name and the
 * scope the request gives the authorization. The form is printed before it is signed, so the
 * request's signature fields (reference, signed, signed_by, document) are not read.
 *
 * @param patientName the patient's name, printed on the form
 * @param language the letter's language
 * @param patientLanguage the patient's language when the request asks for the patient's copy in
 *     one (null otherwise)
 * @param recipient who may receive the information
 * @param purpose why it is disclosed
 * @param discloses the categories the letter may disclose
 * @param expires the last day the authorization is valid
 * @param regimes the laws the request says the form must meet
 * @param templateId the letter's template when the request names one (null: from the type)
 * @param accommodationType the letter's accommodation type (null when the request gives none)
 * @param level the letter's disclosure level, which may add categories to the template's
 * @param employer the letter's employer (employer.organization), null until it is typed in
 * @param lastDay the last day of the letter's period, null until the period is typed in
 */
public record FormRequest(String patientName, Language language, Language patientLanguage, String recipient,
    String purpose, Set<Category> discloses, LocalDate expires, Set<Regime> regimes, String templateId,
    AccommodationType accommodationType, DisclosureLevel level, String employer, LocalDate lastDay) {
  public FormRequest {
    Objects.requireNonNull(patientName, "patientName");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(level, "level");
    discloses = Set.copyOf(EnumSet.copyOf(discloses));
    regimes = Set.copyOf(regimes);
  }

  @Override
  public String toString() {
    return "FormRequest[***]";
  }
}
