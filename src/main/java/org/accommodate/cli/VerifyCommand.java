package org.accommodate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.concurrent.Callable;
import org.accommodate.InputException;
import org.accommodate.verify.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate verify PDF|DIR...: is each letter authentic, unchanged and from a trusted signer? */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check that signed letters are authentic and unchanged, and who signed them.",
        "Trust comes only from --trust and --trust-fingerprint, else keys/trusted/; a certificate inside the PDF"
            + " counts only when its fingerprint was given."},
    footer = ExitCodes.HELP)
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PDF|DIR", arity = "1..*",
      description = "Signed letters to check, or folders of them (*.pdf); - reads one letter from standard input.")
  List<Path> given;

  @Option(names = "--trust", paramLabel = "PEM|DIR", description = "Trusted CA certificate(s); repeatable (default: keys/trusted/).")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--trust-fingerprint", paramLabel = "SHA256", description = "Trust the clinic CA certificate"
      + " a letter carries if its SHA-256 fingerprint is this one, as the clinic gave it to you (keys show prints"
      + " it); repeatable.")
  List<String> fingerprints = new ArrayList<>();

  @Option(names = "--remember", description = "With --trust-fingerprint: keep the clinic CA certificate that"
      + " made a letter VALID in keys/trusted/, so its letters verify from this folder without the fingerprint.")
  boolean remember;

  @Option(names = "--crl", paramLabel = "FILE", description = "A CRL to check revocation against; repeatable"
      + " (CRLs and OCSP responses in the letter, and *.crl files in a --trust folder or keys/trusted/, are used too).")
  List<Path> crls = new ArrayList<>();

  @Option(names = "--json", description = "One JSON object per file, one per line.")
  boolean json;

  @Option(names = "--require-revocation", description = "Treat a signer whose certificate has no current "
      + "revocation data (no CRL or OCSP response, or only ones past their next update) as NOT TRUSTED (exit 6), "
      + "not as a warning.")
  boolean requireRevocation;

  private final Context context;

  VerifyCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean piped = Context.stdinAlone(given, "PDF", "a letter", "checked");
    if (remember && fingerprints.isEmpty()) {
      throw new InputException("--remember: give the clinic's CA fingerprint with --trust-fingerprint; only a"
          + " certificate whose fingerprint you compared is kept");
    }
    List<Path> files = piped ? given : context.letters().pdfFiles(given);
    Remembered remembered = new Remembered(fingerprints);
    int worst = ExitCodes.OK;
    boolean first = true;
    java.util.Map<String, Integer> tally = new java.util.LinkedHashMap<>();
    Function<Path, VerificationReport> reports = context.letters().verifier(trust, fingerprints, crls, requireRevocation,
        context.stdin());
    Function<Path, Checked> verifier = file -> {
      try {
        return new Checked(file, reports.apply(file), null);
      } catch (InputException e) {
        return new Checked(file, null, e);
      }
    };
    for (Checked checked : (Iterable<Checked>) () -> inOrder(files, verifier)) {
      if (checked.error() != null) {
        if (files.size() == 1) {
          throw checked.error();
        }
        // One file that cannot be read (missing, not a PDF) is reported; the others are still checked.
        if (json) {
          VerifySummary.jsonError(out, context.letters().resolve(checked.file()), checked.error().getMessage());
        } else {
          spec.commandLine().getErr().println("error: " + checked.error().getMessage());
        }
        worst = VerifySummary.worse(worst, ExitCodes.USAGE);
        tally.merge("not read", 1, Integer::sum);
        continue;
      }
      VerificationReport report = checked.report();
      if (json) {
        VerifySummary.json(out, report);
      } else {
        if (!first) {
          out.println();
        }
        VerifySummary.human(out, report);
      }
      first = false;
      if (remember) {
        remembered.add(report);
      }
      worst = VerifySummary.worse(worst, VerifySummary.exitCode(report.verdict()));
      tally.merge(VerifySummary.label(report.verdict()), 1, Integer::sum);
    }
    if (!json && files.size() > 1) {
      // Someone checking a folder of letters reads the end first: how many of each, worst first.
      out.println();
      out.println(VerifySummary.tally(files.size(), tally));
    }
    if (remember) {
      // After the reports: standard output stays one object per line with --json.
      PrintWriter where = json ? spec.commandLine().getErr() : out;
      if (!json) {
        out.println();
      }
      remembered.keep(context.letters().defaultTrustDirectory(), where, context.letters());
    }
    return worst;
  }

  /**
   * The CA certificates to keep for --remember: each one that made a VALID letter trusted through
   * a fingerprint given, and is itself the certificate of that fingerprint (not an authority
   * above a pinned intermediate, which would trust more than was compared).
   */
  private static final class Remembered {
    private final java.util.Set<String> pins = new java.util.HashSet<>();
    private final java.util.Map<String, org.accommodate.verify.SignatureReport.Authority> found =
        new java.util.LinkedHashMap<>();

    Remembered(List<String> fingerprints) {
      fingerprints.forEach(f -> pins.add(org.accommodate.verify.TrustAnchors.fingerprint(f)));
    }

    void add(VerificationReport report) {
      if (report.verdict() != VerificationReport.Verdict.VALID) {
        return;
      }
      for (var signature : report.signatures()) {
        var authority = signature.namedAuthority();
        if (authority != null && VerifySummary.has(signature, "TRUSTED_BY_FINGERPRINT")) {
          String hex = org.accommodate.verify.TrustAnchors.fingerprint(authority.sha256());
          if (pins.contains(hex)) {
            found.putIfAbsent(hex, authority);
          }
        }
      }
    }

    void keep(Path folder, PrintWriter where, org.accommodate.Letters letters) {
      if (found.isEmpty()) {
        where.println("Nothing remembered: no letter was VALID through the fingerprint given.");
        return;
      }
      for (var authority : found.values()) {
        var kept = org.accommodate.keys.ClinicKeys.keepTrusted(folder, authority.certificate());
        where.println(TerminalText.oneLine((kept.added() ? "Remembered: " : "Already remembered: ") + authority.name()
            + " in " + letters.shown(kept.file()) + "; its letters verify from this folder without"
            + " --trust-fingerprint."));
      }
    }
  }

  /** One file's report, or why it could not be read at all. */
  private record Checked(Path file, VerificationReport report, InputException error) {}

  // Files are checked on every core, a few ahead, and reported in the order given as each one's
  // turn comes; one file is checked on this thread alone.
  private static Iterator<Checked> inOrder(List<Path> files, Function<Path, Checked> verifier) {
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), files.size());
    if (threads <= 1) {
      return files.stream().map(verifier).iterator();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "verify");
      thread.setDaemon(true);
      return thread;
    });
    Iterator<Path> next = files.iterator();
    Deque<Future<Checked>> ahead = new ArrayDeque<>();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        while (next.hasNext() && ahead.size() < threads * 4) {
          Path file = next.next();
          ahead.add(pool.submit(() -> verifier.apply(file)));
        }
        if (ahead.isEmpty()) {
          pool.shutdown();
          return false;
        }
        return true;
      }

      @Override
      public Checked next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          return ahead.removeFirst().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          pool.shutdownNow();
          throw new IllegalStateException("verify: interrupted", e);
        } catch (ExecutionException e) {
          pool.shutdownNow();
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;  // the same error one file at a time would have stopped at
          }
          throw new IllegalStateException("verify failed", e.getCause());
        }
      }
    };
  }
}
