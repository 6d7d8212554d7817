package org.accommodate.privacy;

import java.util.Objects;

/**
 * Text every letter of this request must show on its page, whatever template draws it: the law
 * asks for some of it with each disclosure (the 42 CFR 2.32 notice), and HR quotes the letter ID.
 * A clinic's own template that leaves it out is refused after rendering, not trusted to have it.
 *
 * @param what what is missing, with the template data that holds it ("the 42 CFR 2.32 notice
 *     (part2.notice)")
 * @param why why every such letter carries it
 * @param text the exact text, compared without regard to line breaks
 */
public record RequiredText(String what, String why, String text) {
  public RequiredText {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String toString() {
    return "RequiredText[" + what + "]";
  }
}
