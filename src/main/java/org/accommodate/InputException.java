package org.accommodate;

/** Usage or input error: a field or option is missing or malformed (exit 2). */
public final class InputException extends AccommodateException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 2;
  }
}
