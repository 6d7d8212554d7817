package org.accommodate.request;

/** A disclosure category: what an authorization lets a letter say (design.md). */
public enum Category implements Field.Keyword {
  IDENTITY("identity", "the patient's name"),
  CARE_STATUS("care-status", "that the patient is under the clinician's professional care"),
  SCHEDULE("schedule", "the days and times the patient is not available for work"),
  DURATION("duration", "the start and end of the arrangement"),
  ACCOMMODATION("accommodation", "the adjustment asked for"),
  WORK_RESTRICTIONS("work-restrictions", "functional limitations relevant to the job"),
  DISABILITY_STATUS("disability-status", "that the condition qualifies for accommodation under the ADA"),
  TREATMENT_TYPE("treatment-type", "the nature of the treatment");

  private final String keyword;
  private final String meaning;

  Category(String keyword, String meaning) {
    this.keyword = keyword;
    this.meaning = meaning;
  }

  @Override
  public String keyword() {
    return keyword;
  }

  /** What the category lets the letter say, for the disclosure manifest. */
  public String meaning() {
    return meaning;
  }
}
