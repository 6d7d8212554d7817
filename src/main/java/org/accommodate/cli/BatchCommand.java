package org.accommodate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.accommodate.Letters;
import org.accommodate.batch.Batch;
import org.accommodate.request.ClinicProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate batch REQUEST... --out-dir DIR: many letters, one key unlock. */
@Command(name = "batch", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
    header = "Produce many signed letters from request files or folders, one key unlock.",
    description = "Produce many signed letters: request files or folders of them. The key is unlocked "
        + "once; one bad request does not stop the others; DIR/manifest.json maps each input to "
        + "its letter or error. The exit code is the worst item's.")
final class BatchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST", arity = "1..*", description = "Request files, or folders of *.yaml / *.json.")
  List<Path> inputs;

  @Option(names = "--out-dir", paramLabel = "DIR", required = true, description = "Where the letters and manifest.json go.")
  Path outDir;

  static final int MAX_WORKERS = 64;

  @Option(names = "--workers", paramLabel = "N", description = "Letters made at once (default: the number of cores; at most 64).")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--profile", paramLabel = "FILE", description = "Clinic profile (default: clinic.yaml here).")
  Path profile;

  @Option(names = "--accept-warnings", description = "Go on past WARN findings of the privacy scan (recorded).")
  boolean acceptWarnings;

  @Option(names = "--force", description = "Replace the manifest.json an earlier batch left in DIR.")
  boolean force;

  @Option(names = "--resume", description = "Continue the batch that DIR holds (stopped, killed or partly "
      + "failed): requests that already have a letter there are skipped, the others issued.")
  boolean resume;

  @Mixin KeyOptions keys;
  @Mixin SigningOptions signing;
  @Mixin TemplateOptions templates;

  private final Context context;

  BatchCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (workers > MAX_WORKERS) {
      // Each worker holds its own renderer and fonts; more workers than cores only wait.
      throw new org.accommodate.InputException("--workers: at most " + MAX_WORKERS + " (this machine has "
          + Runtime.getRuntime().availableProcessors() + " cores)");
    }
    if (workers < 1) {
      throw new org.accommodate.InputException("--workers: must be at least 1");
    }
    if (inputs.stream().anyMatch(Context::isStdin)) {
      // --resume knows requests by their files; one piped request is a single letter.
      throw new org.accommodate.InputException("REQUEST: batch reads request files and folders; for a request on"
          + " standard input use letter -");
    }
    Letters letters = templates.letters(context).prepare(true);  // while the key unlocks
    ClinicProfile clinic = letters.readProfile(profile);
    int total = letters.requestFiles(inputs).size();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AtomicInteger done = new AtomicInteger();
    // The bar is drawn once the key is unlocked: drawn earlier, it redrew itself over the password
    // prompt, and the clinician saw a batch at 0% with nothing asking for the password.
    AtomicReference<ProgressBar> drawn = new AtomicReference<>();
    List<Batch.Item> items;
    try {
      items = new Batch(letters).run(inputs, outDir, keys.source(context, clinic), clinic,
          signing.options(context, null, force, acceptWarnings), workers, resume, new Batch.Progress() {
            @Override
            public void started() {
              if (context.console() != null) {
                drawn.set(new ProgressBarBuilder().setTaskName("Letters").setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build());
              }
            }

            @Override
            public void resumed(int count) {
              done.set(count);
              ProgressBar bar = drawn.get();
              if (bar != null) {
                bar.stepTo(count);
                bar.setExtraMessage("(" + count + " issued earlier)");
              } else {
                err.printf("resuming: %d of %d requests already have their letter in %s; issuing the others%n",
                    count, total, outDir);
              }
            }

            @Override
            public void neverWritten(org.accommodate.ledger.LedgerEntry entry) {
              synchronized (err) {
                err.printf("note: the ledger records letter %s (entry %d), which the stopped batch never wrote;"
                    + " it reached no one%n", entry.letterId(), entry.seq());
              }
            }

            @Override
            public void finished(Batch.Item item) {
              int count = done.incrementAndGet();
              ProgressBar bar = drawn.get();
              if (bar != null) {
                bar.step();
              } else {
                synchronized (err) {
                  err.printf("[%d/%d] %s %s: %s%n", count, total, item.exitCode() == 0 ? "ok  " : "FAIL",
                      TerminalText.oneLine(item.input().getFileName()),
                      TerminalText.oneLine(item.exitCode() == 0 ? written(item.letter()) : item.error()));
                }
              }
            }

            @Override
            public void interrupted(List<Batch.Item> all) {
              ProgressBar bar = drawn.get();
              if (bar != null) {
                bar.close();
              }
              reportStopped(err, all, outDir);
            }
          });
    } finally {
      if (drawn.get() != null) {
        drawn.get().close();
      }
    }
    if (drawn.get() != null) {
      // The bar showed counts only: name what failed and why, as plain output does line by line.
      failures(err, items, outDir);
    }
    Manifests.report(err, items);
    out.println(summary(items, "letter", outDir));
    return Batch.worst(items);
  }

  // "letter-ID.pdf", and its patient's copy when the request asked for one.
  private static String written(Batch.Letter letter) {
    return letter.file().getFileName() + (letter.patientCopy() == null ? ""
        : " and the patient's copy " + letter.patientCopy().getFileName());
  }

  /**
   * "3 letters written to out (2 with the patient's copy), 1 failed (5 issued earlier); see
   * out/manifest.json": this run's items.
   */
  static String summary(List<Batch.Item> items, String noun, Path outDir) {
    long written = items.stream().filter(i -> !i.earlier() && i.exitCode() == ExitCodes.OK).count();
    long copies = items.stream().filter(i -> !i.earlier() && i.exitCode() == ExitCodes.OK)
        .filter(i -> i.letter() != null && i.letter().patientCopy() != null).count();
    long failed = items.stream().filter(i -> !i.earlier() && i.exitCode() != ExitCodes.OK).count();
    long earlier = items.stream().filter(i -> i.earlier() && i.exitCode() == ExitCodes.OK).count();
    long notStarted = items.stream().filter(i -> !i.earlier() && i.notStarted()).count();
    return String.format("%s written to %s%s, %d failed%s%s; see %s", Counts.of(written, noun), outDir,
        copies == 0 ? "" : " (" + copies + " with the patient's copy)", failed,
        notStarted == 0 ? "" : " (" + notStarted + " never started once signing kept failing; --resume issues them)",
        earlier == 0 ? "" : " (" + earlier + " issued earlier)", outDir.resolve("manifest.json"));
  }

  // At most FAILURES_SHOWN lines, then how many more manifest.json lists.
  private static void failures(PrintWriter err, List<Batch.Item> items, Path outDir) {
    List<Batch.Item> failed = items.stream().filter(i -> !i.earlier() && i.exitCode() != ExitCodes.OK).toList();
    failed.stream().limit(FAILURES_SHOWN).forEach(i -> err.printf("FAIL  %s: %s%n",
        TerminalText.oneLine(i.input().getFileName()), TerminalText.oneLine(i.error())));
    if (failed.size() > FAILURES_SHOWN) {
      err.printf("... and %d more; see %s%n", failed.size() - FAILURES_SHOWN, outDir.resolve("manifest.json"));
    }
  }

  private static final int FAILURES_SHOWN = 20;

  // Ctrl-C: the process ends with 130 once this is printed.
  static void reportStopped(PrintWriter err, List<Batch.Item> all, Path outDir) {
    long written = all.stream().filter(i -> !i.earlier() && i.exitCode() == ExitCodes.OK).count();
    long undone = all.stream().filter(i -> i.exitCode() == Batch.INTERRUPTED).count();
    synchronized (err) {
      err.printf("batch: stopped; %s written, %s not issued (the same command with --resume issues them); see %s%n",
          Counts.of(written, "letter"), Counts.of(undone, "request"), outDir.resolve("manifest.json"));
      err.flush();
    }
  }
}
