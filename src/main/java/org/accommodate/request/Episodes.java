package org.accommodate.request;

/**
 * Absences that cannot be scheduled ahead (FMLA's episodic flare-ups, domain.md §1.4, §3.1):
 * how often at most, and how long each at most — in days or in hours, one of the two.
 *
 * @param times at most this many absences per {@code per}
 * @param per the span the count is for
 * @param days each absence lasts at most this many days (0: given in hours)
 * @param hours each absence lasts at most this many hours (0: given in days)
 */
public record Episodes(int times, Per per, int days, int hours) {
  public Episodes {
    if ((days > 0) == (hours > 0)) {
      throw new IllegalArgumentException("days or hours, one of the two");
    }
  }

  /** The span an absence count is for. */
  public enum Per implements Field.Keyword {
    WEEK("week"), MONTH("month");

    private final String keyword;

    Per(String keyword) {
      this.keyword = keyword;
    }

    @Override
    public String keyword() {
      return keyword;
    }
  }
}
