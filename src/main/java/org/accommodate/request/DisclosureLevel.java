package org.accommodate.request;

/** How much the letter may say beyond the schedule (domain.md §3.1); never a diagnosis. */
public enum DisclosureLevel implements Field.Keyword {
  SCHEDULE_ONLY("schedule-only"),
  FUNCTIONAL("functional"),
  CONDITION_CATEGORY("condition-category");

  private final String keyword;

  DisclosureLevel(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
