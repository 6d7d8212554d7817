package org.accommodate.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.accommodate.PrivacyRefusalException;
import org.accommodate.privacy.ScanFinding.Severity;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.LetterRequest;

/**
 * Runs the sensitive-term scanner over everything an employer could see — the request's
 * printed fields, the clinic profile's letterhead, and what the finished PDF shows — and decides:
 * BLOCK refuses, WARN refuses unless accepted, INFO is reported.
 */
public final class PrivacyReview {
  private final SensitiveTermScanner scanner;

  public PrivacyReview(ClinicProfile profile) {
    this.scanner = SensitiveTermScanner.standard().withClinicNames(profile.sensitiveNames());
  }

  public String listVersions() {
    return scanner.versions();
  }

  /** Every free-text input that can reach the letter, by field path. */
  public List<ScanFinding> scanInputs(LetterRequest request, ClinicProfile profile) {
    List<ScanFinding> findings = new ArrayList<>();
    printedFields(request, profile).forEach((field, text) -> findings.addAll(scanner.scan(field, text)));
    return findings;
  }

  /**
   * What an authorization form takes from the request that its letter will print too: found now,
   * before the patient signs a purpose the letter would then refuse to print.
   */
  public List<ScanFinding> scanForForm(org.accommodate.request.FormRequest request, ClinicProfile profile) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("patient.name", request.patientName());
    if (profile.part2Program() || profile.inCalifornia()) {
      fields.put("authorization.recipient", request.recipient());
      fields.put("authorization.purpose", request.purpose());
    }
    List<ScanFinding> findings = new ArrayList<>();
    fields.forEach((field, text) -> findings.addAll(scanner.scan(field, text)));
    return findings;
  }

  /** The request and profile fields a letter can print, by field path (values may be null). */
  public static Map<String, String> printedFields(LetterRequest request, ClinicProfile profile) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("patient.name", request.patient().name());
    fields.put("patient.employee_id", request.patient().employeeId());
    fields.put("employer.organization", request.employer().organization());
    fields.put("employer.attention", request.employer().attention());
    for (int i = 0; i < request.employer().address().size(); i++) {
      fields.put("employer.address[" + i + "]", request.employer().address().get(i));
    }
    fields.put("accommodation.details", request.accommodation().details());
    fields.put("work_restrictions", request.workRestrictions());
    if (profile.part2Program() || profile.inCalifornia()) {
      // Printed in the 2.32(b) scope-of-consent box, or as California's limits on use (56.14).
      fields.put("authorization.recipient", request.authorization().recipient());
      fields.put("authorization.purpose", request.authorization().purpose());
    }
    fields.put("profile.clinic.name", profile.clinicName());
    for (int i = 0; i < profile.clinicAddress().size(); i++) {
      fields.put("profile.clinic.address[" + i + "]", profile.clinicAddress().get(i));
    }
    fields.put("profile.clinic.phone", profile.clinicPhone());
    fields.put("profile.clinician.name", profile.clinicianName());
    fields.put("profile.clinician.credential", profile.credential());
    fields.put("profile.clinician.title", profile.title());
    fields.put("profile.clinician.license", profile.license());
    return fields;
  }

  private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("\\s+");

  /**
   * What the finished PDF shows, by place; verified regulation text is removed first, so the
   * 2.32 notice is exempt only when it is exactly the canonical text.
   */
  public List<ScanFinding> scanOutput(Map<String, String> exposed, List<String> exempt) {
    List<ScanFinding> findings = new ArrayList<>();
    List<String> exemptText = exempt.stream().map(p -> BLANKS.matcher(p).replaceAll(" ")).toList();
    exposed.forEach((place, text) -> {
      String remaining = text == null ? "" : BLANKS.matcher(text).replaceAll(" ");
      for (String paragraph : exemptText) {
        remaining = remaining.replace(paragraph, " ");
      }
      findings.addAll(scanner.scan(place, remaining));
    });
    return findings;
  }

  /**
   * Refuses a letter whose page lacks text it must carry (a clinic's template that leaves out the
   * 2.32 notice, say), naming the first such text by its template data, never its content.
   * Line breaks and spacing are ignored: a value may wrap anywhere, even after a hyphen.
   */
  public static void requirePrinted(String templateId, String pageText, List<RequiredText> required) {
    String page = ALL_BLANKS.matcher(pageText == null ? "" : pageText).replaceAll("");
    for (RequiredText item : required) {
      if (!page.contains(ALL_BLANKS.matcher(item.text()).replaceAll(""))) {
        throw new PrivacyRefusalException("template " + templateId + ": the letter lacks " + item.what() + ", and "
            + item.why() + "; print it as the shipped templates do");
      }
    }
  }

  private static final java.util.regex.Pattern ALL_BLANKS = java.util.regex.Pattern.compile("[\\s\\u00a0]+");

  /**
   * Refuses on any BLOCK, and on any WARN unless accepted; returns the accepted WARN categories
   * (categories only, never the text) so they can be recorded.
   */
  public static Set<String> enforce(List<ScanFinding> findings, boolean acceptWarnings) {
    List<ScanFinding> blocking = findings.stream().filter(f -> f.severity() == Severity.BLOCK).toList();
    List<ScanFinding> warnings = findings.stream().filter(f -> f.severity() == Severity.WARN).toList();
    if (!blocking.isEmpty()) {
      ScanFinding first = blocking.get(0);
      throw new PrivacyRefusalException(first.describe() + (inSignatureBlock(first) ? "; " + CERTIFICATE_NAMES
          : "; remove it: the letter states work availability only") + more(blocking.size() + warnings.size() - 1));
    }
    if (!warnings.isEmpty() && !acceptWarnings) {
      ScanFinding first = warnings.get(0);
      throw new PrivacyRefusalException(first.describe() + (inSignatureBlock(first) ? "; " + CERTIFICATE_NAMES + ","
          : "; rephrase it,") + " or pass --accept-warnings if it is harmless here (recorded)" + more(warnings.size() - 1));
    }
    Set<String> accepted = new TreeSet<>();
    warnings.forEach(w -> accepted.add(w.category()));
    return accepted;
  }

  /** Where {@code Letters} puts the signature block's lines for the output scan. */
  public static final String SIGNATURE_BLOCK = "signature block";

  // The block's lines are the signing certificate's names, which no request or profile edit changes.
  private static final String CERTIFICATE_NAMES = "the block prints the signing certificate's names: sign with a key"
      + " whose certificate names no such term (keys issue)";

  private static boolean inSignatureBlock(ScanFinding finding) {
    return finding.field().equals(SIGNATURE_BLOCK);
  }

  /**
   * Refuses a name for a new certificate (a clinic's, a clinician's) that the scanner flags: every
   * letter's signature block prints it and {@code verify} shows it to the employer, so a name that
   * tells the kind of care would be refused, or need accepting, at each letter. A WARN passes when
   * {@code acceptWarnings}.
   */
  public static void checkCertificateName(String option, String name, boolean acceptWarnings) {
    List<ScanFinding> findings = SensitiveTermScanner.standard().scan(option, name).stream()
        .filter(f -> f.severity() == Severity.BLOCK || (f.severity() == Severity.WARN && !acceptWarnings))
        .sorted(java.util.Comparator.comparing(ScanFinding::severity)).toList();
    if (!findings.isEmpty()) {
      boolean blocking = findings.get(0).severity() == Severity.BLOCK;
      throw new PrivacyRefusalException(findings.get(0).describe() + "; every letter signed with this certificate"
          + " prints it in its signature block, and verify shows it to the employer: choose a name that says nothing"
          + " about the kind of care" + (blocking ? "" : ", or pass --accept-warnings if it is harmless (each letter"
          + " will then need it too)"));
    }
  }

  private static String more(int count) {
    return count <= 0 ? "" : " (+" + count + " more; 'accommodate check' lists them)";
  }
}
