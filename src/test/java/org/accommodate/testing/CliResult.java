package org.accommodate.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.accommodate.Letters;
import org.accommodate.cli.Main;

/**
 * One run of the command line, through Main.run with in-memory writers.
 *
 * @param exitCode the process exit code it would have had
 * @param out standard output
 * @param err standard error
 * @param piped the bytes a command wrote to standard output as a file ({@code -o -})
 */
public record CliResult(int exitCode, String out, String err, byte[] piped) {
  public static CliResult run(Letters letters, Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), letters, environment, args);
    return new CliResult(code, out.toString(), err.toString(), new byte[0]);
  }

  /** A run with {@code stdin} as standard input (a request piped to {@code -}), keeping what {@code -o -} writes. */
  public static CliResult run(Letters letters, Map<String, String> environment, byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    java.io.ByteArrayOutputStream piped = new java.io.ByteArrayOutputStream();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), letters, environment,
        new java.io.ByteArrayInputStream(stdin), piped, args);
    return new CliResult(code, out.toString(), err.toString(), piped.toByteArray());
  }

  public static CliResult run(Letters letters, String... args) {
    return run(letters, Map.of(), args);
  }
}
