package org.accommodate.privacy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.accommodate.request.Category;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.FormRequest;
import org.accommodate.request.Language;
import org.accommodate.request.Regime;

/**
 * The data of the authorization form a patient signs before a letter can be written: one form
 * carrying the elements of every law the clinic answers to (45 CFR 164.508(c); 42 CFR 2.31(a) for
 * a Part 2 program; California Civil Code 56.11, in 14-point type, for a California clinic),
 * filled from the request's scope so that the signed form covers exactly what the letter needs.
 * It stays with the clinic and the patient: the employer gets the letter, whose Part 2 notice
 * states the consent's scope instead (2.32(b)).
 */
public final class AuthorizationForm {
  private AuthorizationForm() {}

  /** Whether the form must meet Part 2: the clinic is a Part 2 program, or the request says so. */
  private static boolean part2(FormRequest request, ClinicProfile profile) {
    return profile.part2Program() || request.regimes().contains(Regime.PART2);
  }

  /** Whether the form must meet California's 56.11, which sets its type at 14 points at least. */
  private static boolean california(FormRequest request, ClinicProfile profile) {
    return profile.inCalifornia() || request.regimes().contains(Regime.CA_CMIA);
  }

  /** The scope code the form prints ({@link ScopeCode}), for the request's authorization.form_code. */
  public static String code(FormRequest request) {
    return ScopeCode.of(request.patientName(), request.recipient(), request.purpose(), request.discloses(),
        request.expires());
  }

  /**
   * The model of the built-in form template in {@code language}: the categories as keywords,
   * which the template words for the patient; dates in the language's style.
   *
   * @param fonts the families of the profile's extra fonts, for names DejaVu cannot show
   */
  public static Map<String, Object> model(FormRequest request, ClinicProfile profile, Language language,
      LocalDate today, List<String> fonts) {
    Wording wording = Wording.of(language);
    List<String> regimes = new java.util.ArrayList<>(List.of(Regime.HIPAA.keyword()));
    if (part2(request, profile)) {
      regimes.add(Regime.PART2.keyword());
    }
    if (california(request, profile)) {
      regimes.add(Regime.CA_CMIA.keyword());
    }
    return Map.of(
        "patient", Map.of("name", request.patientName()),
        "clinic", Map.of("name", profile.clinicName(), "address", profile.clinicAddress(), "phone", profile.clinicPhone()),
        "scope", Map.of(
            "recipient", request.recipient(),
            "purpose", request.purpose(),
            "categories", request.discloses().stream().sorted().map(Category::keyword).toList(),
            "expires", wording.date(request.expires()),
            "code", code(request)),
        "regimes", regimes,
        "printed", wording.date(today),
        "layout", Map.of("fonts", fonts));
  }
}
