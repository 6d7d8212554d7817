package org.accommodate.keys;

import java.util.Arrays;

/** A password or PIN: wiped on close, never printed. */
public final class Secret implements AutoCloseable {
  private final char[] chars;

  private Secret(char[] chars) {
    this.chars = chars;
  }

  /** Takes ownership of the array: it is wiped when the secret is closed. */
  public static Secret adopt(char[] chars) {
    return new Secret(chars);
  }

  char[] reveal() {
    return chars;
  }

  @Override
  public void close() {
    Arrays.fill(chars, '\0');
  }

  @Override
  public String toString() {
    return "Secret[***]";
  }
}
