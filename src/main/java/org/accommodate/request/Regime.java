package org.accommodate.request;

/**
 * A law whose elements the patient's signed form was written to meet. A 42 CFR Part 2 program
 * needs a Part 2 consent (2.31): a general authorization is not enough, as the 2.32 notice itself
 * tells the recipient; a California clinic needs an authorization that meets Civil Code 56.11.
 */
public enum Regime implements Field.Keyword {
  HIPAA("hipaa", "HIPAA authorization"),
  PART2("part2", "42 CFR Part 2 consent"),
  CA_CMIA("ca-cmia", "California Civil Code 56.11 authorization");

  private final String keyword;
  private final String label;

  Regime(String keyword, String label) {
    this.keyword = keyword;
    this.label = label;
  }

  /** What a form meeting this law is called: "HIPAA authorization". */
  public String label() {
    return label;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
