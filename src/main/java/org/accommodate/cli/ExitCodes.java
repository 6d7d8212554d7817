package org.accommodate.cli;

/** The process exit codes of design.md. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int USAGE = 2;
  public static final int PRIVACY = 3;
  public static final int SIGNING = 4;
  public static final int MODIFIED_OR_INVALID = 5;
  public static final int UNTRUSTED = 6;
  public static final int UNSIGNED = 7;

  // Lines stay within picocli's 80 columns, which would wrap them to the left margin.
  static final String HELP = ""
      + "%n"
      + "Exit codes:%n"
      + "  0  success; for verify: every signature valid, covers the whole file, trusted%n"
      + "  1  internal error (a bug): short message, no health information%n"
      + "  2  usage or input error: the message names the field or option%n"
      + "  3  privacy refusal: missing, insufficient or expired authorization,%n"
      + "     or sensitive content%n"
      + "  4  key or signing error (wrong password, unusable certificate)%n"
      + "  5  verify: a signature is invalid, or the document was changed after signing%n"
      + "  6  verify: signatures intact but the signer is not trusted%n"
      + "  7  verify: the file is not signed%n"
      + "  130 stopped (Ctrl-C); batch: manifest.json lists the requests not issued,%n"
      + "      and the same command with --resume issues them%n";

  private ExitCodes() {}
}
