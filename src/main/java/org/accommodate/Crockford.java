package org.accommodate;

import java.util.Locale;

/**
 * Crockford's base 32, in which letter IDs and scope codes are written: no I, L, O or U, so that
 * what is read aloud or typed back cannot be mistaken.
 */
public final class Crockford {
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private Crockford() {}

  /** The digit for {@code value}, 0 to 31. */
  public static char digit(int value) {
    return ALPHABET.charAt(value);
  }

  /**
   * {@code typed} as its digits: case, spaces and dashes aside, and O, I and L read as the digits
   * they stand for; null when any other character is not a digit.
   */
  public static String digits(String typed) {
    String digits = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "")
        .replace('O', '0').replace('I', '1').replace('L', '1');
    return digits.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0) ? digits : null;
  }
}
