package org.accommodate.privacy;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.accommodate.InputException;
import org.accommodate.PrivacyRefusalException;
import org.accommodate.request.Authorization;
import org.accommodate.request.Category;
import org.accommodate.request.LetterRequest;
import org.accommodate.request.References;

/**
 * Refuses a letter unless the patient's authorization covers it: signed on or before the letter
 * date, not expired on the day the letter is issued, naming this employer, and covering every
 * category the template needs (45 CFR 164.508(b)(2); 42 CFR 2.31(c)).
 */
public final class AuthorizationCheck {
  // Medical information may go to HR, never to the employee's supervisor (29 CFR 1630.14(c)(1)).
  // Found by hand: "Shift Lead", "Crew Chief", "Charge Nurse" and "Head Chef" passed.
  private static final Pattern SUPERVISOR = Pattern.compile(
      "\\b(supervisor|supervisora|foreman|forewoman|foreperson|boss|(team|shift|crew|line|store|floor) ?lead(er)?"
          + "|crew chief|charge nurse|head (chef|cook|nurse)|superintendent|line manager|direct manager"
          + "|capataz|mayordom[oa]|lider de (equipo|turno))\\b");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  // Titles that are a supervisor's unless they name HR ("Operations Director" against "HR Director",
  // "Jefe de turno" against "Jefa de Recursos Humanos").
  private static final Pattern MANAGER = Pattern.compile(
      "\\b(manager|gerente|director|directora|head|jefe|jefa|encargad[oa])\\b");
  private static final Pattern HR_CONTEXT = Pattern.compile(
      "\\b(human resources|hr|leave|benefits|people|personnel|disability|accommodations?|absence|employee relations"
          + "|occupational health|recursos humanos|rr\\.? ?hh|personal|talento humano|gestion humana)\\b");

  /**
   * A 42 CFR Part 2 program's letter rests on a Part 2 consent (2.31), and a Part 2 consent only
   * on a Part 2 program's letter, which alone carries the 2.32 notice (domain.md §3.4 rule 4):
   * either mismatch means the form on file or the clinic profile is wrong. A California clinic's
   * letter rests on a form that meets the state's Civil Code 56.11.
   */
  public void checkRegimes(Authorization authorization, org.accommodate.request.ClinicProfile profile) {
    // A clinic is a HIPAA covered entity: a form meeting only Part 2 or California's elements may
    // lack HIPAA's own statements (164.508(c)(2)); one form meets several laws only with all their elements.
    if (!authorization.regimes().contains(org.accommodate.request.Regime.HIPAA)) {
      throw new PrivacyRefusalException("authorization.regimes: does not list hipaa; every letter rests on a HIPAA"
          + " authorization (45 CFR 164.508), so list hipaa once the signed form also meets it");
    }
    boolean part2Program = profile.part2Program();
    boolean part2Consent = authorization.regimes().contains(org.accommodate.request.Regime.PART2);
    if (part2Program && !part2Consent) {
      throw new PrivacyRefusalException("authorization.regimes: this clinic is a 42 CFR Part 2 program"
          + " (organization.part2_program in the profile), so a letter needs the patient's written consent under"
          + " 42 CFR 2.31, not a general authorization; list part2 once the signed form meets 2.31");
    }
    if (!part2Program && part2Consent) {
      throw new PrivacyRefusalException("authorization.regimes: lists part2, but the clinic profile does not say"
          + " this is a 42 CFR Part 2 program, and only then does a letter carry the 2.32 notice; set"
          + " organization.part2_program: true in the profile, or correct the list");
    }
    // Civil Code 56.11: a California provider discloses only under a form with the Act's own
    // elements (handwritten or in type of at least 14 points, signed for this alone, a specific
    // end date). A ca-cmia form elsewhere is simply a form that meets more than it must.
    if (profile.inCalifornia() && !authorization.regimes().contains(org.accommodate.request.Regime.CA_CMIA)) {
      throw new PrivacyRefusalException("authorization.regimes: this clinic is in California"
          + " (organization.jurisdiction: US-CA), so a letter needs an authorization that meets Civil Code 56.11"
          + " (handwritten or in type of at least 14 points, signed for this alone, with a specific end date);"
          + " list ca-cmia once the signed form does");
    }
  }

  /**
   * @param today the day the letter is issued: the disclosure happens then, whatever date the
   *     letter bears
   * @param revoked the references of authorizations revoked in writing, normalized
   */
  public void check(LetterRequest request, Set<Category> needed, LocalDate today, Set<String> revoked) {
    Authorization authorization = request.authorization();
    if (revoked.contains(References.key(authorization.reference()))) {
      throw new PrivacyRefusalException("authorization.reference: the patient revoked this authorization"
          + " (profile.revoked_authorizations lists it); a letter needs a new one");
    }
    // A letter dated ahead would pass the checks below against a day that has not come: an
    // authorization not yet signed, say, and HR would see a signature older than the letter.
    if (request.date().isAfter(today)) {
      throw new InputException("date: is after today; a letter bears the day it is issued or an earlier one");
    }
    // Every template asks for an arrangement ("I am requesting…"): one over before the letter's
    // date would be asked for after the fact, most often a year mistyped in January.
    if (request.period().lastDay().isBefore(request.date())) {
      throw new InputException("period: is over before the letter's date; a letter asks for an arrangement still"
          + " to come: check the year");
    }
    if (authorization.signed().isAfter(request.date())) {
      throw new PrivacyRefusalException("authorization.signed: the authorization is dated after the"
          + " letter date; a letter needs an authorization signed on or before its date");
    }
    if (authorization.expires().isBefore(request.date())) {
      throw new PrivacyRefusalException("authorization.expires: the authorization expired before the"
          + " letter date; ask the patient to sign a new one");
    }
    // And against today: a letter dated back is still disclosed now.
    if (authorization.expires().isBefore(today)) {
      throw new PrivacyRefusalException("authorization.expires: the authorization has expired (the letter is"
          + " dated earlier, but it is disclosed today); ask the patient to sign a new one");
    }
    if (request.period().lastDay().isAfter(authorization.expires())) {
      throw new PrivacyRefusalException("period: the arrangement runs past authorization.expires;"
          + " shorten the period or ask the patient to renew the authorization");
    }
    if (!normalizedName(authorization.recipient()).equals(normalizedName(request.employer().organization()))) {
      throw new PrivacyRefusalException("authorization.recipient: does not name employer.organization;"
          + " the authorization must name the employer that receives the letter");
    }
    // The code printed on the form the patient signed: the request still states that scope.
    if (authorization.formCode() != null && !authorization.formCode().equals(ScopeCode.of(request.patient().name(),
        authorization.recipient(), authorization.purpose(), authorization.discloses(), authorization.expires()))) {
      throw new PrivacyRefusalException("authorization.form_code: is not the code of the scope this request states"
          + " (patient.name, authorization.recipient, purpose, discloses, expires); the request was changed since the"
          + " form was printed, or the code was mistyped: correct the request, or have the patient sign a new form");
    }
    EnumSet<Category> missing = EnumSet.noneOf(Category.class);
    missing.addAll(needed);
    missing.removeAll(authorization.discloses());
    if (!missing.isEmpty()) {
      throw new PrivacyRefusalException("authorization.discloses: does not cover "
          + missing.stream().map(Category::keyword).collect(Collectors.joining(", "))
          + " (needed by template '" + request.templateId() + "')");
    }
    String attention = normalizedName(request.employer().attention());
    if (SUPERVISOR.matcher(attention).find()
        || (MANAGER.matcher(attention).find() && !HR_CONTEXT.matcher(attention).find())) {
      throw new PrivacyRefusalException("employer.attention: a supervisor or manager may not receive"
          + " medical information (29 CFR 1630.14(c)(1)); address Human Resources or the leave administrator");
    }
  }

  /** Case, accents, punctuation and spacing do not make two organization names different. */
  public static String normalizedName(String name) {
    String folded = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("")
        .toLowerCase(Locale.ROOT)
        .replace("&", " and ");
    return SPACES.matcher(PUNCTUATION.matcher(folded).replaceAll(" ")).replaceAll(" ").strip();
  }
}
