package org.accommodate.keys;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.accommodate.InputException;
import org.accommodate.SigningException;

/**
 * Where a key password comes from: `--password-file`, then ACCOMMODATE_KEY_PASSWORD, then a
 * prompt on the terminal that does not echo. Never a command-line value (process list, history).
 */
public final class PasswordSource {
  public static final String ENVIRONMENT_VARIABLE = "ACCOMMODATE_KEY_PASSWORD";

  private final Path file;
  private final Map<String, String> environment;
  private final Console console;

  public PasswordSource(Path file, Map<String, String> environment, Console console) {
    this.file = file;
    this.environment = environment;
    this.console = console;
  }

  /** A fixed password, for the demo keys whose password is public by design. */
  public static PasswordSource fixed(String password) {
    return new PasswordSource(null, Map.of(ENVIRONMENT_VARIABLE, password), null);
  }

  public Secret obtain(String prompt) {
    if (file != null) {
      return fromFile(file);
    }
    String value = environment.get(ENVIRONMENT_VARIABLE);
    if (value != null) {
      return Secret.adopt(value.toCharArray());
    }
    if (console != null) {
      char[] typed = console.readPassword("%s: ", prompt);
      if (typed != null) {
        return Secret.adopt(typed);
      }
    }
    throw new SigningException("no key password: use --password-file FILE, set "
        + ENVIRONMENT_VARIABLE + ", or run in a terminal to be asked");
  }

  private static Secret fromFile(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputException("--password-file: cannot read " + file, e);
    }
    try {
      CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
      int end = decoded.limit();
      // The first line is the password; a trailing newline from an editor is not part of it.
      for (int i = 0; i < decoded.limit(); i++) {
        if (decoded.get(i) == '\n' || decoded.get(i) == '\r') {
          end = i;
          break;
        }
      }
      char[] chars = new char[end];
      decoded.get(chars, 0, end);
      Arrays.fill(decoded.array(), '\0');
      return Secret.adopt(chars);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
