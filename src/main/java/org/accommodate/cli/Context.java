package org.accommodate.cli;

import java.io.Console;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.accommodate.Letters;
import org.accommodate.request.LetterRequest;

/**
 * What commands need from the outside world, injected so tests control it.
 *
 * @param letters the core API
 * @param environment environment variables (for ACCOMMODATE_KEY_PASSWORD)
 * @param console the terminal for password prompts, or null
 * @param stdin standard input, where a request named {@code -} is read from
 * @param stdout standard output as bytes, where {@code -o -} writes a letter; null when it is a
 *     terminal, where a PDF's bytes do not belong
 */
record Context(Letters letters, Map<String, String> environment, Console console, InputStream stdin,
    java.io.OutputStream stdout) {
  /** How messages name a request read from standard input. */
  static final String STDIN = "on standard input";

  /**
   * The request in {@code file}, or on standard input when it is {@code -}: an EHR export piped
   * in leaves no file holding a patient's request behind.
   */
  LetterRequest readRequest(Letters letters, Path file) {
    return isStdin(file) ? letters.readRequest(stdin, STDIN) : letters.readRequest(file);
  }

  /** Whether {@code file} names standard input or output ({@code -}). */
  static boolean isStdin(Path file) {
    return file.toString().equals("-");
  }

  /**
   * Whether {@code inputs} is standard input alone; standard input among files is refused, named
   * by {@code parameter} as "a letter" or "a request" ({@code what}) that the command {@code does}.
   */
  static boolean stdinAlone(java.util.List<Path> inputs, String parameter, String what, String does) {
    boolean piped = inputs.stream().anyMatch(Context::isStdin);
    if (piped && inputs.size() > 1) {
      throw new org.accommodate.InputException(parameter + ": " + what + " on standard input (-) is " + does
          + " on its own, not with files");
    }
    return piped;
  }

  /**
   * Standard output for a PDF written with {@code -o -}; refused when it is a terminal, before
   * any work: a letter's bytes would scroll over the screen (a signed one recorded as disclosed),
   * and what a user then wants is a file.
   */
  java.io.OutputStream pdfOutput(String what) {
    if (stdout == null) {
      throw new org.accommodate.InputException("-o -: standard output is a terminal; send it to a file or a program"
          + " (-o - > " + what + ".pdf), or name the file with -o FILE");
    }
    return stdout;
  }

  /**
   * Whether file descriptor {@code fd} of this process is a terminal. Java 17 cannot ask that of
   * one stream; Linux names the device behind it, and elsewhere the console stands for both.
   */
  static boolean isTerminal(int fd) {
    try {
      String device = java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }

  /** Set by bin/accommodate to the path it was started as. */
  static final String LAUNCHER = "ACCOMMODATE_LAUNCHER";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=+@%,-]+");

  /**
   * How the user can run this tool again from where they are, for commands we print for them to
   * copy: the launcher they started, or {@code java -jar} with the jar this class came from.
   */
  String selfCommand() {
    String launcher = environment.get(LAUNCHER);
    if (launcher != null && !launcher.isBlank()) {
      return shellWord(launcher);
    }
    Path jar = jar();
    if (jar == null) {
      return "java -jar accommodate.jar";
    }
    return "java -jar " + shellWord(letters.shown(jar).toString());
  }

  private static Path jar() {
    try {
      Path source = Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return source.toString().endsWith(".jar") ? source.toAbsolutePath().normalize() : null;
    } catch (Exception e) {  // no code source (an unusual class loader): fall back to the jar's name
      return null;
    }
  }

  /** {@code word} as one shell word: unchanged when plain, else in single quotes. */
  static String shellWord(String word) {
    return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
