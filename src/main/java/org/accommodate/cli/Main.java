package org.accommodate.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.accommodate.Letters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The accommodate command line. */
public final class Main {
  static {
    // PDFBox and its helpers log through commons-logging; nothing of theirs belongs on stderr.
    System.setProperty("org.apache.commons.logging.Log", "org.apache.commons.logging.impl.NoOpLog");
  }

  private Main() {}

  public static void main(String... args) {
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    // A request typed at the terminal: say how to end it, once, when a command first reads it.
    java.io.InputStream stdin = Context.isTerminal(0) ? new TypedInput(System.in, err) : System.in;
    Context context = new Context(Letters.create(Clock.systemDefaultZone(), Path.of("")),
        System.getenv(), System.console(), stdin,
        Context.isTerminal(1) ? null : new java.io.FileOutputStream(java.io.FileDescriptor.out));
    System.exit(run(out, err, context, args));
  }

  /** Runs one command line; tests call this with their own writers, clock and environment. */
  public static int run(PrintWriter out, PrintWriter err, Letters letters, Map<String, String> environment,
      String... args) {
    return run(out, err, letters, environment, java.io.InputStream.nullInputStream(),
        java.io.OutputStream.nullOutputStream(), args);
  }

  /**
   * The same with {@code stdin} as standard input (a request named {@code -}) and {@code stdout}
   * taking the bytes of a letter written with {@code -o -} (null: standard output is a terminal).
   */
  public static int run(PrintWriter out, PrintWriter err, Letters letters, Map<String, String> environment,
      java.io.InputStream stdin, java.io.OutputStream stdout, String... args) {
    return run(out, err, new Context(letters, environment, null, stdin, stdout), args);
  }

  static int run(PrintWriter terminalOut, PrintWriter terminalErr, Context context, String... args) {
    PrintWriter out = TerminalText.wrap(terminalOut);
    PrintWriter err = TerminalText.wrap(terminalErr);
    ErrorReporter reporter = new ErrorReporter();
    IFactory factory = factory(context);
    CommandLine line = new CommandLine(new Accommodate(), factory);
    for (Class<?> command : commandsFor(args)) {
      line.addSubcommand(command.getAnnotation(Command.class).name(), new CommandLine(command, factory));
    }
    // A command's one-line header is its entry in its parent's command list; its own help starts
    // with the usage line, as every command's does.
    List<String> sections = new java.util.ArrayList<>(line.getHelpSectionKeys());
    sections.remove(picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER);
    line.setHelpSectionKeys(sections);
    line.setOut(out).setErr(err)
        .setExecutionExceptionHandler(reporter)
        .setParameterExceptionHandler(reporter)
        .setExecutionStrategy(parsed -> {
          requireSlashedFolders(parsed, context.letters());
          return new CommandLine.RunLast().execute(parsed);
        });
    int code;
    try {
      code = line.execute(args);
    } catch (Error e) {
      code = reporter.handleError(e, err, args);
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * An output written with a trailing slash ("-o letters/") means a folder, but a path loses the
   * slash: with no such folder, the letter became a file named "letters". Refused instead, before
   * anything is read or asked, as cp refuses to copy into a folder that does not exist.
   */
  private static void requireSlashedFolders(CommandLine.ParseResult parsed, Letters letters) {
    for (CommandLine.ParseResult command = parsed; command != null; command = command.subcommand()) {
      for (CommandLine.Model.OptionSpec option : command.matchedOptions()) {
        if (option.type() != Path.class || !java.util.Arrays.asList(option.names()).contains("--output")) {
          continue;  // --out-dir is made when missing; inputs are checked as they are read
        }
        for (String value : option.stringValues()) {
          boolean slashed = value.endsWith("/") || value.endsWith(java.io.File.separator);
          if (slashed && !java.nio.file.Files.isDirectory(letters.resolve(Path.of(value)))) {
            throw new CommandLine.ParameterException(command.commandSpec().commandLine(), option.shortestName() + ": "
                + value + " ends in a slash, as a folder does, but there is no such folder; make it first, or name a file");
          }
        }
      }
    }
  }

  private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, LetterCommand.class, CheckCommand.class,
      PreviewCommand.class, AuthorizationFormCommand.class, BatchCommand.class, VerifyCommand.class, KeysCommand.class,
      TemplatesCommand.class, LedgerCommand.class, CompletionCommand.class);

  // picocli reads every command's annotations when it builds the tree (about 0.1 s of a cold
  // start); a line that names a command needs only that one. Help, errors and completion get all.
  private static List<Class<?>> commandsFor(String... args) {
    String named = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
    for (Class<?> command : COMMANDS) {
      String name = command.getAnnotation(Command.class).name();
      if (name.equals(named) && !name.equals("completion")) {
        return List.of(command);
      }
    }
    return COMMANDS;
  }

  // Commands take the context in their constructor; picocli builds them through this factory.
  private static IFactory factory(Context context) {
    IFactory defaults = CommandLine.defaultFactory();
    return new IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        try {
          var constructor = type.getDeclaredConstructor(Context.class);
          constructor.setAccessible(true);
          return constructor.newInstance(context);
        } catch (NoSuchMethodException e) {
          return defaults.create(type);
        }
      }
    };
  }

  /** The top-level command: subcommands only. */
  @Command(name = "accommodate", mixinStandardHelpOptions = true, version = "accommodate 0.1.0",
      description = "Confidential, signed employer-accommodation letters that disclose only what the "
          + "patient authorized and the employer needs.",
      footer = ExitCodes.HELP)
  static final class Accommodate implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
        description = "On an internal error, print stack frames (never messages).")
    boolean debug;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getErr());
    }
  }
}
