package org.accommodate.privacy;

import java.util.Objects;

/**
 * Facts about the letter itself, none of them health information.
 *
 * @param id the random letter ID printed on the letter and reported by verify
 * @param specimen whether the letter is signed with a demo key and must say so
 * @param draft whether this is an unsigned preview that must say so
 * @param patientCopy whether this draft is the patient's own copy, in the patient's language
 */
public record LetterFacts(String id, boolean specimen, boolean draft, boolean patientCopy) {
  public LetterFacts {
    Objects.requireNonNull(id, "id");
  }

  public LetterFacts(String id, boolean specimen, boolean draft) {
    this(id, specimen, draft, false);
  }

  public LetterFacts(String id, boolean specimen) {
    this(id, specimen, false, false);
  }

  /** The mark across a draft's top, in each letter language: verify tells a draft by it. */
  public static java.util.List<String> draftMarks() {
    return inEveryLanguage(Wording::draftBanner);
  }

  /** The mark across the patient's copy, in each letter language. */
  public static java.util.List<String> patientCopyMarks() {
    return inEveryLanguage(Wording::patientCopyBanner);
  }

  private static java.util.List<String> inEveryLanguage(java.util.function.Function<Wording, String> mark) {
    return java.util.Arrays.stream(org.accommodate.request.Language.values()).map(Wording::of).map(mark).toList();
  }
}
