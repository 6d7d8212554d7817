package org.accommodate.privacy;

import java.util.Objects;

/**
 * A sensitive term found in something the employer could see. It names where and what kind,
 * never the text itself, so it can be printed, logged and recorded.
 *
 * @param field where it was found: a request field path or a place in the PDF
 * @param category the term category (e.g. sud-medication)
 * @param severity BLOCK, WARN or INFO
 * @param rule the term list and line that matched (e.g. en:57)
 */
public record ScanFinding(String field, String category, Severity severity, String rule) {
  /** How a finding affects the letter. */
  public enum Severity {
    /** Unambiguous: the letter is refused. */
    BLOCK,
    /** Ambiguous: refused unless the clinician accepts warnings (recorded). */
    WARN,
    /** Reported only. */
    INFO
  }

  public ScanFinding {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(rule, "rule");
  }

  /** One line for messages and the manifest: field, category, severity and rule; no text. */
  public String describe() {
    return field + ": " + TermCategories.describe(category) + " (" + severity + ", rule " + rule + ")";
  }
}
