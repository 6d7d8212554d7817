package org.accommodate.cli;

/** "1 letter", "2 letters": counts as people write them, for nouns with a plain plural. */
final class Counts {
  private Counts() {}

  static String of(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
