package org.accommodate.request;

/**
 * A law whose elements the patient's signed form was written to meet. A 42 CFR Part 2 program
 * needs a Part 2 consent (2.31): a general authorization is not enough, as the 2.32 notice itself
 * tells the recipient.
 */
public enum Regime implements Field.Keyword {
  HIPAA("hipaa"),
  PART2("part2");

  private final String keyword;

  Regime(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
