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
import org.accommodate.output.Interruption;

/**
 * Where a key password comes from: `--password-file`, then ACCOMMODATE_KEY_PASSWORD, then a
 * prompt on the terminal that does not echo. Never a command-line value (process list, history).
 */
public final class PasswordSource {
  public static final String ENVIRONMENT_VARIABLE = "ACCOMMODATE_KEY_PASSWORD";
  /** The clinic CA key's password, kept apart from the clinicians' keys. */
  public static final String CA_ENVIRONMENT_VARIABLE = "ACCOMMODATE_CA_PASSWORD";

  private final Path file;
  private final Map<String, String> environment;
  private final Console console;
  private final String variable;
  private final String option;

  public PasswordSource(Path file, Map<String, String> environment, Console console) {
    this(file, environment, console, ENVIRONMENT_VARIABLE, "--password-file");
  }

  /** {@code option} is the command's option for the file, named when no password can be had. */
  public PasswordSource(Path file, Map<String, String> environment, Console console, String variable, String option) {
    this.file = file;
    this.environment = environment;
    this.console = console;
    this.variable = variable;
    this.option = option;
  }

  /**
   * A new password: from the file or variable, else typed twice at the prompt; at least 8
   * characters.
   */
  public Secret obtainNew(String prompt) {
    if (file == null && environment.get(variable) == null && console != null) {
      char[] first = ask(prompt + ": ");
      char[] second = ask(prompt + " (again): ");
      if (first == null || second == null || !java.util.Arrays.equals(first, second)) {
        if (first != null) {
          java.util.Arrays.fill(first, '\0');
        }
        if (second != null) {
          java.util.Arrays.fill(second, '\0');
        }
        throw new SigningException("the two passwords differ; nothing was written");
      }
      java.util.Arrays.fill(second, '\0');
      return checked(Secret.adopt(first));
    }
    return checked(obtain(prompt));
  }

  private static Secret checked(Secret secret) {
    if (secret.reveal().length < 8) {
      secret.close();
      throw new SigningException("a new key password needs at least 8 characters");
    }
    return secret;
  }

  /** Whether {@link #obtain} would ask at the terminal (no file, no variable). */
  public boolean prompts() {
    return file == null && environment.get(variable) == null && console != null;
  }

  /** Tells the person at the prompt something before it asks again. */
  void say(String message) {
    if (console != null) {
      console.printf("%s%n", message);
      console.flush();
    }
  }

  /** A fixed password, for the demo keys whose password is public by design. */
  public static PasswordSource fixed(String password) {
    return new PasswordSource(null, Map.of(ENVIRONMENT_VARIABLE, password), null);
  }

  public Secret obtain(String prompt) {
    if (file != null) {
      return fromFile(file, option);
    }
    String value = environment.get(variable);
    if (value != null) {
      return Secret.adopt(value.toCharArray());
    }
    if (console != null) {
      char[] typed = ask(prompt + ": ");
      if (typed != null) {
        return Secret.adopt(typed);
      }
    }
    throw new SigningException("no " + (CA_ENVIRONMENT_VARIABLE.equals(variable) ? "CA " : "") + "key password: use "
        + option + " FILE, set " + variable + ", or run with standard input and output on a terminal"
        + " to be asked");
  }

  // Ctrl-C at the prompt ends the prompt's line, so the shell's prompt starts on its own (Java
  // restores the echo itself). Through standard error, not the console's writer: the prompt
  // holds that writer's lock until the line is read, and the process would never end.
  private char[] ask(String prompt) {
    try (Interruption.Registration stop = Interruption.register(System.err::println)) {
      return console.readPassword("%s", prompt);
    }
  }

  // The first line of the file {@code option} names. A file others may read is refused, as ssh
  // refuses such a private key: whoever reads it can sign letters (or, with the CA's, issue keys).
  private static Secret fromFile(Path file, String option) {
    if (Files.isRegularFile(file)) {
      try {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
            || permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)) {
          throw new InputException(option + ": " + file + " can be read by other users of this computer; make it"
              + " readable by you alone (chmod 600 " + file + ")");
        }
      } catch (UnsupportedOperationException | IOException e) {
        // A file system without POSIX permissions: nothing to check.
      }
    }
    byte[] bytes;
    try {
      bytes = org.accommodate.SmallFiles.read(file, 4096);
    } catch (org.accommodate.SmallFiles.TooLarge e) {
      throw new InputException(option + ": " + file + " is larger than 4 KiB; it should hold the password on its first line");
    } catch (IOException e) {
      throw InputException.io(option + ": cannot read " + file, e);
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
