package org.accommodate.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.accommodate.AccommodateException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import java.util.List;

/**
 * Turns failures into one line and an exit code. Expected failures print their own message;
 * anything else is a bug: a reference number, and stack frames (never messages, which can
 * quote input) only with --debug.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof AccommodateException expected) {
      err.println("error: " + expected.getMessage());
      if (debug(parsed)) {
        printFrames(e, err);
      }
      err.flush();
      return expected.exitCode();
    }
    String reference = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    err.println("error: internal error (reference " + reference + "); rerun with --debug for details");
    if (debug(parsed)) {
      printFrames(e, err);
    }
    err.flush();
    return ExitCodes.INTERNAL;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String message = e.getMessage();
    if (e instanceof UnmatchedArgumentException unmatched) {
      // Name unknown options only: a stray value could be a password typed in the wrong place.
      List<String> options = unmatched.getUnmatched().stream().filter(a -> a.startsWith("-"))
          .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a).toList();
      message = options.isEmpty() ? "unexpected argument" : "unknown option " + String.join(", ", options);
    }
    err.println("error: " + message + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static boolean debug(ParseResult parsed) {
    for (ParseResult result = parsed; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  // Class names and frames only: exception messages from libraries can quote request content.
  private static void printFrames(Throwable e, PrintWriter err) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      err.println((t == e ? "" : "caused by: ") + t.getClass().getName());
      for (StackTraceElement frame : t.getStackTrace()) {
        err.println("    at " + frame);
      }
    }
  }
}
