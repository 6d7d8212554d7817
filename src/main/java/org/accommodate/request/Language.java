package org.accommodate.request;

import java.util.Locale;

/** The language of the employer letter. */
public enum Language implements Field.Keyword {
  EN("en", Locale.US),
  ES("es", Locale.forLanguageTag("es-US"));

  private final String keyword;
  private final Locale locale;

  Language(String keyword, Locale locale) {
    this.keyword = keyword;
    this.locale = locale;
  }

  @Override
  public String keyword() {
    return keyword;
  }

  public Locale locale() {
    return locale;
  }

  /** The language a command-line option names; anything but en or es is that option's error. */
  public static Language ofOption(String value, String option) {
    for (Language language : values()) {
      if (language.keyword.equals(value)) {
        return language;
      }
    }
    throw new org.accommodate.InputException(option + ": must be en or es");
  }
}
