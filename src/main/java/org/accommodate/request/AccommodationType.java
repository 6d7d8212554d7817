package org.accommodate.request;

/** The kinds of adjustment a letter can ask for (domain.md §3.3). */
public enum AccommodationType implements Field.Keyword {
  SHIFTED_HOURS("shifted-hours"),
  REDUCED_HOURS("reduced-hours"),
  INTERMITTENT_LEAVE("intermittent-leave"),
  BREAK_CHANGE("break-change"),
  SHIFT_CHANGE("shift-change"),
  TEMPORARY_REMOTE("temporary-remote"),
  LEAVE_CONTINUOUS("leave-continuous"),
  PHASED_RETURN("phased-return"),
  RTW_NO_RESTRICTIONS("rtw-no-restrictions"),
  RTW_WITH_RESTRICTIONS("rtw-with-restrictions");

  private final String keyword;

  AccommodationType(String keyword) {
    this.keyword = keyword;
  }

  @Override
  public String keyword() {
    return keyword;
  }
}
