package org.accommodate.request;

/** Who signed the authorization. */
public enum Signer implements Field.Keyword {
  PATIENT("patient"),
  REPRESENTATIVE("representative");

  private final String keyword;

  Signer(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
