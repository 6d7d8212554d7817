package org.accommodate.request;

/** The generic condition category a condition-category letter may name (domain.md §3.1). */
public enum ConditionCategory implements Field.Keyword {
  HEALTH_CONDITION("health-condition", "a health condition", "una condición de salud"),
  MEDICAL_CONDITION("medical-condition", "a medical condition", "una condición médica");

  private final String keyword;
  private final String english;
  private final String spanish;

  ConditionCategory(String keyword, String english, String spanish) {
    this.keyword = keyword;
    this.english = english;
    this.spanish = spanish;
  }

  @Override
  public String keyword() {
    return keyword;
  }

  public String in(Language language) {
    return language == Language.ES ? spanish : english;
  }
}
