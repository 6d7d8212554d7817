package org.accommodate.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.accommodate.privacy.DisclosureManifest.Entry;
import org.accommodate.request.Category;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.DisclosureLevel;
import org.accommodate.request.LetterRequest;

/**
 * What the law has a letter say besides the request itself: a 42 CFR Part 2 program's 2.32
 * notice and scope of consent, and a California clinic's notice of the authorization's limits on
 * use (Civil Code 56.14). Each comes as template data, as text the page must show whatever
 * template draws it, and as manifest entries.
 *
 * @param part2 the template's part2 data ({@code enabled} false when not a Part 2 program)
 * @param california the template's california data ({@code enabled} false elsewhere)
 * @param exempt verified regulation text the scanner skips (the 2.32 notice)
 * @param required text the rendered page must show
 * @param manifest what the notices disclose, for the disclosure manifest
 * @param advisories advice for the clinician that does not stop the letter
 */
record LegalNotices(Map<String, Object> part2, Map<String, Object> california, List<String> exempt,
    List<RequiredText> required, List<Entry> manifest, List<String> advisories) {

  static LegalNotices of(LetterRequest request, ClinicProfile profile, Set<Category> included, Wording words) {
    List<String> exempt = new ArrayList<>();
    List<RequiredText> required = new ArrayList<>();
    List<Entry> manifest = new ArrayList<>();
    List<String> advisories = new ArrayList<>();
    List<String> purposePrinted = new ArrayList<>();  // why the purpose is printed, if it is
    String purpose = request.authorization().purpose();
    String expires = words.date(request.authorization().expires());
    Map<String, Object> part2 = Map.of("enabled", false);
    if (profile.part2Program()) {
      // 42 CFR 2.32(a) notice verbatim, and 2.32(b) scope of consent instead of the whole form.
      List<String> notice = Part2Notice.paragraphs(profile.part2Statement());
      exempt.addAll(notice);
      List<String> categories = included.stream().map(words::category).toList();
      part2 = Map.of("enabled", true, "notice", notice, "recipient", request.authorization().recipient(),
          "purpose", purpose, "categories", categories, "expires", expires);
      String noticeDue = "every disclosure by a 42 CFR Part 2 program carries it (2.32(a)), word for word";
      notice.forEach(paragraph -> required.add(new RequiredText("the 42 CFR 2.32 notice (part2.notice)", noticeDue, paragraph)));
      // The recipient is printed above anyway; the purpose, categories and expiry show the box is there.
      String scopeDue = "a Part 2 program's disclosure carries the consent's scope (2.32(b))";
      required.add(new RequiredText("the scope of consent's purpose (part2.purpose)", scopeDue, purpose));
      categories.forEach(category -> required.add(new RequiredText("the scope of consent's categories (part2.categories)",
          scopeDue, category)));
      required.add(new RequiredText("the scope of consent's expiry (part2.expires)", scopeDue, expires));
      manifest.add(new Entry("42 CFR 2.32 notice", true, "Part 2 program: statement "
          + profile.part2Statement() + ", verbatim, hash-checked"));
      purposePrinted.add("42 CFR 2.32(b): scope of consent box");
    }
    Map<String, Object> california = Map.of("enabled", false);
    if (profile.inCalifornia()) {
      // Civil Code 56.14: the discloser tells the recipient the authorization's limits on use.
      List<String> notice = words.californiaNotice();
      california = Map.of("enabled", true, "before", notice.get(0), "underScope", notice.get(1), "after", notice.get(2),
          "recipient", request.authorization().recipient(), "purpose", purpose, "expires", expires);
      String due = "a California clinic tells the recipient the authorization's limits on use (Civil Code 56.14)";
      // A Part 2 letter's scope of consent already states the limits; the notice then points to it.
      required.add(profile.part2Program()
          ? new RequiredText("California's notice (california.underScope)", due, notice.get(1))
          : new RequiredText("California's notice (california.before)", due, notice.get(0)));
      required.add(new RequiredText("the authorization's purpose (california.purpose)", due, purpose));
      required.add(new RequiredText("the authorization's expiry (california.expires)", due, expires));
      required.add(new RequiredText("California's notice (california.after)", due, notice.get(2)));
      manifest.add(new Entry("California notice", true, "Civil Code 56.14: the authorization's limits on use,"
          + " and the employer's duties (56.20, 56.245)"));
      purposePrinted.add("Civil Code 56.14: the limits on use");
      if (request.level() == DisclosureLevel.CONDITION_CATEGORY) {
        // FEHA: reasonable medical documentation need not disclose the nature of the disability.
        advisories.add("level: a California employer may not require the nature of the disability (2 CCR 11069(d));"
            + " condition-category tells more than it needs, so prefer functional unless the patient asks for it");
      }
    }
    manifest.add(purposePrinted.isEmpty() ? new Entry("authorization.purpose", false, "internal: checked, never printed")
        : new Entry("authorization.purpose", true, String.join("; ", purposePrinted)));
    return new LegalNotices(part2, california, exempt, required, manifest, advisories);
  }

  LegalNotices {
    part2 = Map.copyOf(part2);
    california = Map.copyOf(california);
    exempt = List.copyOf(exempt);
    required = List.copyOf(required);
    manifest = List.copyOf(manifest);
    advisories = List.copyOf(advisories);
  }
}
