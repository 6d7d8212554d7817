package org.accommodate;

/** Key or signing failure: wrong password, unusable certificate, signature does not fit (exit 4). */
public final class SigningException extends AccommodateException {
  public SigningException(String message) {
    super(message);
  }

  public SigningException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 4;
  }
}
