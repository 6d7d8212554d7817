package org.accommodate.privacy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.accommodate.request.Category;
import org.accommodate.request.Episodes;
import org.accommodate.request.DisclosureLevel;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.LetterRequest;
import org.accommodate.request.UnavailableBlock;
import org.accommodate.privacy.DisclosureManifest.Entry;

/**
 * Builds the template model from the categories a template needs and nothing else
 * (45 CFR 164.514(d); 42 CFR 2.13(a)). Fields outside those categories never reach a template.
 */
public final class Minimizer {
  private final AuthorizationCheck check = new AuthorizationCheck();
  private final java.time.Clock clock;

  /** {@code clock} gives the day letters are issued, against which authorizations are checked. */
  public Minimizer(java.time.Clock clock) {
    this.clock = clock;
  }

  /**
   * Checks the authorization and returns the minimized model.
   *
   * @param needed the categories the template declares
   * @param letter letter facts that are not health information (ID, specimen mark)
   */
  public AuthorizedModel minimize(LetterRequest request, ClinicProfile profile, Set<Category> templateNeeds,
      LetterFacts letter) {
    Set<Category> needed = needed(templateNeeds, request.level());
    check.check(request, needed, java.time.LocalDate.now(clock), profile.revokedAuthorizations());
    check.checkRegimes(request.authorization(), profile);
    List<String> exempt = new ArrayList<>();
    // The letter ID is ours and random: a group such as "12MG" or "PTSD" must not read as a term.
    exempt.add(letter.id());
    List<RequiredText> required = new ArrayList<>();
    required.add(new RequiredText("the letter ID (letter.id)", "HR quotes it to check the letter with this office",
        letter.id()));
    List<String> advisories = new ArrayList<>();
    Wording words = Wording.of(request.language());
    Map<String, Object> view = new LinkedHashMap<>();
    List<Entry> manifest = new ArrayList<>();

    String banner = words.banner(letter);
    view.put("letter", Map.of(
        "id", letter.id(),
        "date", words.date(request.date()),
        "language", request.language().keyword(),
        "level", request.level().keyword(),
        "specimen", letter.specimen(),
        "draft", letter.draft(),
        "patientCopy", letter.patientCopy(),
        "banner", banner));
    if (!banner.isEmpty()) {
      required.add(new RequiredText("the mark that it is not a signed letter (letter.banner)", "a draft, a demo-key"
          + " specimen or the patient's copy must never pass for the letter an employer relies on", banner));
    }
    view.put("clinic", Map.of(
        "name", profile.clinicName(),
        "address", profile.clinicAddress(),
        "phone", profile.clinicPhone(),
        "accent", profile.accent(),
        "logo", profile.logoPng() == null ? ""
            : "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(profile.logoPng())));
    view.put("clinician", Map.of(
        "name", profile.clinicianName(),
        "credential", profile.credential(),
        "title", nullToEmpty(profile.title()),
        "license", nullToEmpty(profile.license())));
    view.put("recipient", Map.of(
        "organization", request.employer().organization(),
        "attention", request.employer().attention(),
        "address", request.employer().address()));
    manifest.add(new Entry("employer", true, "recipient block: names the employer and HR office"));

    EnumSet<Category> included = EnumSet.noneOf(Category.class);
    included.addAll(needed);
    for (Category category : Category.values()) {
      if (!included.contains(category)) {
        boolean authorized = request.authorization().discloses().contains(category);
        manifest.add(new Entry(category.keyword(), false, authorized
            ? "authorized, but not needed by template '" + request.templateId() + "'"
            : "not authorized"));
        continue;
      }
      switch (category) {
        case IDENTITY:
          String employeeId = request.patient().employeeId();
          view.put("identity", Map.of("name", request.patient().name(), "employeeId", employeeId == null ? "" : employeeId));
          manifest.add(new Entry("patient.name", true, "identity: " + Category.IDENTITY.meaning()));
          if (employeeId != null) {
            manifest.add(new Entry("patient.employee_id", true, "identity: the employer's own ID, to match the letter"));
          }
          break;
        case CARE_STATUS:
          java.time.YearMonth since = request.patient().underCareSince();
          view.put("care", Map.of("clinician", profile.clinicianName(), "since", since == null ? "" : words.month(since)));
          manifest.add(new Entry("care-status", true, "\"under my professional care\"; no condition or treatment"));
          if (since != null) {
            manifest.add(new Entry("patient.under_care_since", true, "care-status: the month care began, no more"));
          }
          break;
        case SCHEDULE:
          int round = request.roundMinutes() != null ? request.roundMinutes() : profile.roundMinutes();
          List<String> blocks = new ArrayList<>();
          List<Map<String, String>> rows = new ArrayList<>();
          List<UnavailableBlock> printed = Availability.rounded(request.unavailable(), round);
          // The workplace's zone goes with every time, so that a clinic's own template states it too.
          String zone = request.timeZone() == null ? "" : words.zone(request.timeZone(), request.period().start());
          String inZone = zone.isEmpty() ? "" : " (" + zone + ")";
          for (UnavailableBlock block : printed) {
            blocks.add(words.unavailable(block) + inZone);
            rows.add(Map.of("days", words.days(block), "hours", words.hours(block) + inZone));
          }
          Episodes episodes = request.episodes();
          view.put("schedule", Map.of("unavailable", blocks, "rows", rows,
              "episodes", episodes == null ? "" : words.episodes(episodes)));
          if (!printed.isEmpty()) {
            manifest.add(new Entry("unavailable", true, "schedule: stated as work availability, not appointments"
                + (round > 0 ? "; widened to whole " + round + "-minute steps" : "")
                + (zone.isEmpty() ? "" : "; times in " + request.timeZone().getId())));
          }
          if (episodes != null) {
            manifest.add(new Entry("episodes", true, "schedule: how often and how long absences at short notice may be"));
          }
          Availability.intensiveShape(printed, request.period()).ifPresent(advisories::add);
          break;
        case DURATION:
          Map<String, Object> duration = new LinkedHashMap<>();
          duration.put("start", words.date(request.period().start()));
          duration.put("end", request.period().endDate().map(words::date).orElse(""));
          duration.put("review", request.period().reviewDate().map(words::date).orElse(""));
          view.put("duration", duration);
          manifest.add(new Entry("period", true, "duration: " + Category.DURATION.meaning()));
          break;
        case ACCOMMODATION:
          String details = request.accommodation().details();
          view.put("accommodation", Map.of(
              "type", request.accommodation().type().keyword(),
              "label", words.accommodation(request.accommodation().type()),
              "details", sentence(details)));
          manifest.add(new Entry("accommodation.type", true, "accommodation: " + Category.ACCOMMODATION.meaning()));
          if (details != null) {
            manifest.add(new Entry("accommodation.details", true, "accommodation: free text, printed as written (with a full stop)"));
          }
          break;
        case WORK_RESTRICTIONS:
          view.put("limitations", Map.of(
              "sentence", request.limitations().isEmpty() ? "" : words.limitations(request.patient().name(), request.limitations()),
              "restrictions", sentence(request.workRestrictions())));
          if (!request.limitations().isEmpty()) {
            manifest.add(new Entry("functional_limitations", true, "work-restrictions: the affected life activities, no condition"));
          }
          if (request.workRestrictions() != null) {
            manifest.add(new Entry("work_restrictions", true, "work-restrictions: free text, printed as written (with a full stop)"));
          }
          break;
        case DISABILITY_STATUS:
          view.put("condition", Map.of("sentence",
              words.condition(request.patient().name(), request.condition(), request.limitations())));
          manifest.add(new Entry("condition_category", true, "disability-status: a generic category only, never a diagnosis"));
          break;
        default:
          // Treatment type is never printed by the shipped templates (domain.md §2.2).
          manifest.add(new Entry(category.keyword(), false, "no shipped template prints it"));
      }
    }
    manifest.add(new Entry("patient.reference", false, "internal: clinic record only, never printed"));
    if (request.patient().reference() == null) {
      // The ledger holds no names: without the clinic's reference, no accounting can find the letter.
      advisories.add("patient.reference: not given; the ledger then records the letter under no patient, and"
          + " 'ledger report --patient' cannot list it when the patient asks what was disclosed");
    }
    manifest.add(new Entry("authorization.reference", false, "internal: clinic record only, never printed"));
    LegalNotices notices = LegalNotices.of(request, profile, included, words);
    view.put("part2", notices.part2());
    view.put("california", notices.california());
    exempt.addAll(notices.exempt());
    required.addAll(notices.required());
    manifest.addAll(notices.manifest());
    advisories.addAll(notices.advisories());
    manifest.add(new Entry("clinician NPI", false, "never printed: the NPI registry reveals specialty"));
    return new Minimized(request.templateId(), included, view, new DisclosureManifest(manifest), exempt, advisories,
        required);
  }

  /** The template's categories plus those the disclosure level adds (domain.md §3.1). */
  public static Set<Category> needed(Set<Category> template, DisclosureLevel level) {
    EnumSet<Category> needed = EnumSet.noneOf(Category.class);
    needed.addAll(template);
    if (level != DisclosureLevel.SCHEDULE_ONLY) {
      needed.add(Category.WORK_RESTRICTIONS);
    }
    if (level == DisclosureLevel.CONDITION_CATEGORY) {
      needed.add(Category.DISABILITY_STATUS);
    }
    return needed;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  // Free text ends a sentence in the letter: a clinician's "Start at 1:00 p.m." needs nothing,
  // "Start at 1:00 p.m. on these days" gets its full stop.
  private static final java.util.regex.Pattern ENDS_SENTENCE = java.util.regex.Pattern.compile("[.!?\u2026][)\"'\u2019\u201D\u00BB]*\\s*$");

  static String sentence(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String trimmed = text.strip();
    return ENDS_SENTENCE.matcher(trimmed).find() ? trimmed : trimmed + ".";
  }
}
