package org.accommodate;

/**
 * Root of every expected failure. The message is shown to the user verbatim, so it names the
 * file, field or option and the rule — never the content of a request.
 */
public abstract class AccommodateException extends RuntimeException {
  protected AccommodateException(String message) {
    super(message);
  }

  protected AccommodateException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The process exit code this failure maps to (see design.md). */
  public abstract int exitCode();
}
