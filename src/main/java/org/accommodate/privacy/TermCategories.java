package org.accommodate.privacy;

import java.util.Map;

/** Plain descriptions of the term categories, for messages. */
final class TermCategories {
  private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
      Map.entry("sud-condition", "names a substance-use condition"),
      Map.entry("substance", "names a substance"),
      Map.entry("mental-health", "names a mental-health condition"),
      Map.entry("setting", "names a treatment setting or level of care"),
      Map.entry("therapy", "names a therapy or a mental-health role"),
      Map.entry("mutual-help", "names a mutual-help group"),
      Map.entry("sud-medication", "names a substance-use medication"),
      Map.entry("psych-medication", "names a psychiatric medication"),
      Map.entry("clinical", "gives clinical details (diagnosis, medication, test results)"),
      Map.entry("code", "contains a diagnosis or billing code"),
      Map.entry("credential", "names an addiction-specific credential"),
      Map.entry("legal-referral", "names a legal referral"),
      Map.entry("sud-law", "cites the federal law on substance-use treatment records"),
      Map.entry("identifier", "gives an identifier the letter does not need (social security or record number, birth date)"),
      Map.entry("insurance", "gives health insurance details"),
      Map.entry("clinic-name", "names one of the clinic's sensitive program or unit names"),
      Map.entry("appointments", "speaks of appointments or visits, where a letter states when the employee is not"
          + " available for work (an appointment schedule reads as care)"));

  private TermCategories() {}

  static String describe(String category) {
    return DESCRIPTIONS.getOrDefault(category, "may reveal health information") + " [" + category + "]";
  }
}
