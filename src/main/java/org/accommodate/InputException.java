package org.accommodate;

/** Usage or input error: a field or option is missing or malformed (exit 2). */
public final class InputException extends AccommodateException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A file could not be read or written: {@code message} names the option and the file, and the
   * system's reason follows ("no such file or folder", "permission denied", "no space left on
   * device") when it gives one. Never file contents.
   */
  public static InputException io(String message, java.io.IOException e) {
    return new InputException(message + reason(e), e);
  }

  static String reason(java.io.IOException e) {
    String reason = e instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
        : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : e instanceof java.nio.file.FileSystemException fs ? fs.getReason()
        : e.getMessage();
    if (reason == null || reason.isBlank() || reason.contains("/")) {
      return "";  // a path or nothing: the message already names the file
    }
    return ": " + Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
  }

  @Override
  public int exitCode() {
    return 2;
  }
}
