package org.accommodate.request;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request to fill in for one template (templates show ID --example): the fields that template
 * needs and nothing else, its categories already in the authorization's list, and every value
 * to type as a placeholder in angle brackets, which {@link RequestReader} refuses until it is
 * replaced, so that an unfilled example can never become a letter.
 */
public final class ExampleRequest {
  private ExampleRequest() {}

  /**
   * The example's YAML.
   *
   * @param types the template's accommodation types, the first one used
   * @param categories what the template discloses: the authorization must cover each
   * @param part2 whether the clinic is a 42 CFR Part 2 program (its consent form then meets Part 2)
   * @param california whether the clinic practises in California (the form then meets the CMIA)
   */
  public static String yaml(String templateId, String title, List<AccommodationType> types, Set<Category> categories,
      Language language, boolean part2, boolean california) {
    AccommodationType type = types.get(0);
    StringBuilder out = new StringBuilder();
    out.append("# A request for the template ").append(templateId).append(" (").append(title).append(").\n");
    out.append("# Replace every <...>; optional lines start with #. Then: accommodate check FILE\n");
    out.append("template: ").append(templateId).append('\n');
    out.append("language: ").append(language.keyword()).append("                       # the employer's language: en or es\n");
    out.append("# patient_copy: es                # the patient's own copy, in the patient's language\n");
    out.append("patient:\n");
    out.append("  name: <the patient's legal name>\n");
    out.append("  # reference: <the clinic's record number; never printed, but how ledger report finds the letter>\n");
    out.append("employer:\n");
    out.append("  organization: <the employer, as the authorization names it>\n");
    out.append("  # address: [\"<street>\", \"<city, state and ZIP code>\"]\n");
    out.append("period:\n");
    out.append("  start: <first day, YYYY-MM-DD>\n");
    out.append("  end: <last day, YYYY-MM-DD>      # or weeks: 8, or review: YYYY-MM-DD\n");
    if (categories.contains(Category.SCHEDULE)) {
      out.append("unavailable:                       # when the patient cannot work (not appointments)\n");
      out.append("  - days: [\"<days: MON, TUE, WED, THU, FRI, SAT, SUN>\"]\n");
      out.append("    from: \"<HH:MM>\"\n");
      out.append("    to: \"<HH:MM>\"\n");
    }
    out.append("accommodation:\n");
    out.append("  type: ").append(type.keyword());
    if (types.size() > 1) {
      out.append("              # or ").append(types.stream().skip(1).map(AccommodationType::keyword)
          .collect(Collectors.joining(", ")));
    }
    out.append('\n');
    out.append("  # details: <the arrangement in work terms, never care>\n");
    if (categories.contains(Category.WORK_RESTRICTIONS)) {
      out.append("work_restrictions: <the restrictions in work terms>\n");
    }
    out.append("authorization:                     # the patient's signed authorization on file\n");
    out.append("  # not signed yet? with patient.name, expires, recipient and purpose filled in: accommodate authorization-form FILE\n");
    out.append("  reference: <the signed form's ID>\n");
    out.append("  signed: <the day it was signed, YYYY-MM-DD>\n");
    out.append("  signed_by: patient                # or representative, with authority: <…>\n");
    out.append("  expires: <its last day, YYYY-MM-DD>\n");
    out.append("  recipient: <the employer, as the form names it>\n");
    out.append("  purpose: <the purpose, as the form states it>\n");
    out.append("  discloses: [").append(categories.stream().map(Category::keyword).sorted()
        .collect(Collectors.joining(", "))).append("]\n");
    out.append("  # document: <the signed form's file, from this file's folder>\n");
    out.append("  # form_code: <the scope code on a form authorization-form printed>\n");
    out.append("  regimes: [hipaa").append(part2 ? ", part2" : "").append(california ? ", ca-cmia" : "")
        .append("]").append(part2 || california ? "      # the laws the clinic's form must meet" : "").append('\n');
    return out.toString();
  }
}
