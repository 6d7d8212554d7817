package org.accommodate.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.accommodate.AccommodateException;
import org.accommodate.Typos;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import java.util.List;
import java.util.stream.Collectors;

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
      err.println("error: " + TerminalText.oneLine(expected.getMessage()));
      if (debug(parsed)) {
        printFrames(e, err);
      }
      err.flush();
      return expected.exitCode();
    }
    err.println(internal(e));
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
      message = !options.isEmpty() ? "unknown option " + String.join(", ", options)
          : cmd.getSubcommands().isEmpty() ? "unexpected argument" : "unknown command";
      // picocli's suggestions are our own command and option names, never what was typed; only
      // a near miss (a typo) is offered, not every name that shares a few letters.
      String typed = unmatched.getUnmatched().get(0);
      String typedName = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
      List<String> similar = Typos.nearMisses(typedName, unmatched.getSuggestions(), 2).stream()
          .map(name -> "'" + name + "'").toList();
      if (!similar.isEmpty()) {
        message += "; did you mean " + String.join(" or ", similar) + "?";
      }
    }
    if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()) {
      // picocli's "Missing required options: '--clinician=NAME', '--output=FILE'", said as our own
      // messages say it: the names first. An option given without its value is not missing.
      String names = missing.getMissing().stream().map(ErrorReporter::argumentName).distinct()
          .collect(Collectors.joining(", "));
      String picocli = String.valueOf(message);
      message = picocli.startsWith("Missing required parameter for option") || picocli.startsWith("Expected parameter")
          ? names + ": needs a value (" + missing.getMissing().get(0).paramLabel() + ")"
          : names + ": required";
    } else if (e instanceof CommandLine.OverwrittenOptionException overwritten && overwritten.getOverwritten() != null) {
      message = argumentName(overwritten.getOverwritten()) + ": given more than once";
    }
    if (!(e instanceof UnmatchedArgumentException) && e.getArgSpec() != null && message != null
        && message.startsWith("Invalid value for ")) {
      // picocli's "Invalid value for option '--from': cannot convert '…' to class java.time…":
      // the option and what it takes, as our own messages say it, without the value.
      message = argumentName(e.getArgSpec()) + ": must be " + expected(e.getArgSpec());
    }
    err.println("error: " + TerminalText.oneLine(message) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static String argumentName(CommandLine.Model.ArgSpec spec) {
    return spec instanceof CommandLine.Model.OptionSpec option ? option.longestName() : spec.paramLabel();
  }

  private static String expected(CommandLine.Model.ArgSpec spec) {
    Class<?> type = spec.type();
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == java.time.LocalDate.class) {
      return "a date written as YYYY-MM-DD";
    }
    return "a valid " + spec.paramLabel();
  }

  /**
   * An Error a command let through (picocli handles only exceptions): the JVM out of memory or
   * stack. One line, as for any bug, rather than the runtime's stack trace; frames only with
   * --debug anywhere on the command line.
   */
  int handleError(Error e, PrintWriter err, String[] args) {
    err.println(internal(e));
    if (java.util.Arrays.asList(args).contains("--debug")) {
      printFrames(e, err);
    }
    err.flush();
    return ExitCodes.INTERNAL;
  }

  // A bug's line: a random reference to quote, and whether the JVM itself gave out (a worker's
  // OutOfMemoryError reaches here wrapped).
  private static String internal(Throwable e) {
    String what = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        what = "; Java ran out of memory";
      } else if (t instanceof StackOverflowError) {
        what = "; Java ran out of stack";
      }
    }
    String reference = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    return "error: internal error (reference " + reference + ")" + what + "; rerun with --debug for details";
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
