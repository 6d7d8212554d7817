package org.accommodate;

/** The letter would disclose more than the authorization allows, or the authorization fails (exit 3). */
public final class PrivacyRefusalException extends AccommodateException {
  public PrivacyRefusalException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return 3;
  }
}
