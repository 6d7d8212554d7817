package org.accommodate.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.accommodate.AccommodateException;
import org.accommodate.InputException;
import org.accommodate.IssueOptions;
import org.accommodate.IssuedLetter;
import org.accommodate.Letters;
import org.accommodate.keys.KeySource;
import org.accommodate.ledger.Ledger;
import org.accommodate.output.AtomicOutput;
import org.accommodate.output.Interruption;
import org.accommodate.request.ClinicProfile;

/**
 * Many letters in one run: the key is unlocked once, letters are made by a pool of workers, each
 * written atomically with its ledger entry, and one bad request never stops the others.
 */
public final class Batch {
  /**
   * The outcome for one request file.
   *
   * @param input the request file
   * @param exitCode 0, or the exit code the failure maps to
   * @param error the one-line reason when the exit code is not 0 (names fields, never content)
   * @param letter the letter written, or null; a resumed batch that refuses a request changed
   *     since an earlier run issued its letter keeps that letter here beside the refusal
   * @param earlier whether an earlier run into the same folder did this (a resumed batch)
   */
  public record Item(Path input, int exitCode, String error, Letter letter, boolean earlier) {
    /** A request that made no letter in this run. */
    Item(Path input, int exitCode, String error) {
      this(input, exitCode, error, null, false);
    }

    /** Never started: the batch had stopped starting letters after repeated signing failures. */
    public boolean notStarted() {
      return error != null && error.startsWith(HALTED);
    }
  }

  private static final String HALTED = "not issued: signing failed for ";

  /**
   * A letter a batch wrote.
   *
   * @param id its letter ID
   * @param file where it is
   * @param sha256 its SHA-256, as its ledger entry records it
   * @param requestSha256 the SHA-256 of the request file it answers (null in manifests older than
   *     --resume)
   * @param warnings the advice a single letter prints on standard error (schedule shape, key
   *     expiry), and the categories of WARN findings accepted with --accept-warnings
   * @param patientCopy the patient's copy written beside it, when the request asked for one
   *     (patient_copy), else null
   */
  public record Letter(String id, Path file, String sha256, String requestSha256, Warnings warnings,
      Path patientCopy) {}

  /** A letter's advice and accepted WARN categories: field names and rules, never content. */
  public record Warnings(List<String> advice, java.util.Set<String> accepted) {
    static final Warnings NONE = new Warnings(List.of(), java.util.Set.of());

    public Warnings {
      advice = List.copyOf(advice);
      accepted = java.util.Set.copyOf(accepted);
    }
  }

  private final Letters letters;

  public Batch(Letters letters) {
    this.letters = letters;
  }

  /** Told of each item as it finishes and, if the process is stopped, of every item. */
  @FunctionalInterface
  public interface Progress {
    void finished(Item item);

    /**
     * The key is unlocked and the folder made: letters begin. Told first, so that nothing is
     * drawn over the password prompt while the clinician answers it.
     */
    default void started() {}

    /** A resumed batch found {@code count} of its requests answered by an earlier run; told first. */
    default void resumed(int count) {}

    /**
     * The ledger records a letter that a killed run never wrote into the folder: it reached no
     * one, and its request is issued again. Told before the workers start.
     */
    default void neverWritten(org.accommodate.ledger.LedgerEntry entry) {}

    /**
     * The process is being stopped (Ctrl-C): {@code items} holds every input, those not issued
     * with {@link #INTERRUPTED}, as manifest.json now does.
     */
    default void interrupted(List<Item> items) {}
  }

  /** The exit code of a request left undone by a stopped batch: 128 + SIGINT, as shells report. */
  public static final int INTERRUPTED = 130;
  // Signing failures (exit 4) in a row after which a batch starts no more letters.
  private static final int SIGNING_HALTED = 4;
  private static final int SIGNING_FAILURES_TO_HALT = 3;

  /**
   * Issues a letter for each request, {@code workers} at a time, reports each item to
   * {@code progress} as it finishes, and writes manifest.json into the output folder. Stopped
   * (Ctrl-C), it makes no more letters, finishes the one being written, and writes a manifest
   * that says which requests got their letter and which did not. With {@code resume}, requests
   * an earlier batch into the same folder answered keep their letter (manifest.json, or the
   * journal of a batch that never wrote one) and only the others are issued.
   */
  public List<Item> run(List<Path> inputs, Path outDir, KeySource keys, ClinicProfile profile, IssueOptions options,
      int workers, boolean resume, Progress progress) {
    Path folder = letters.resolve(outDir).toAbsolutePath().normalize();
    // Everything a batch can refuse at once, the key's password included, is checked before the
    // folder is made: a refused batch leaves nothing behind, not even an empty folder.
    List<Path> files = letters.requestFiles(inputs);
    if (outDir.toString().equals("-")) {
      throw new InputException("--out-dir: - (standard output) is not supported here; name a folder");
    }
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new InputException("--out-dir: " + outDir + " is a file, not a folder");
    }
    EarlierRun earlier = EarlierRun.of(folder, outDir, options.force(), resume);
    Letters.LoadedKey key = new Letters.LoadedKey(keys.load());  // one prompt or token login
    // A key that may not sign any of these letters stops the batch before the folder is made.
    org.accommodate.keys.KeyPolicy.checkUsable(key.key(), letters.clock().instant());
    org.accommodate.keys.KeyPolicy.checkHolder(key.key(), profile.clinicianName());
    org.accommodate.keys.KeyPolicy.checkNotRevoked(key.key(), letters.localRevocationLists());
    if (options.ltv()) {
      options.revocationLists().prepare(key.key(), letters);  // the CA's password, once
    }
    try {
      Files.createDirectories(folder);
      if (resume) {
        AtomicOutput.removeLeftovers(folder);  // the earlier batch is over: its unpublished letters go
        for (Path copy : earlier.strayCopies()) {
          Files.deleteIfExists(copy);
        }
      }
    } catch (IOException e) {
      throw InputException.io("--out-dir: cannot create " + outDir, e);
    }
    IssueOptions perLetter = options.intoDirectory(folder);
    letters.deferLedgerCheckpoints(perLetter, profile);  // one at the end instead of one per letter
    Item[] answered = earlier.answers(files, letters);
    Run run = new Run(files, folder, options.force() || resume, progress, Math.max(1, workers),
        Journal.open(folder, outDir.toString(), resume), earlier.others(files, answered));
    try (Interruption.Registration stop = Interruption.register(run::stop)) {
      progress.started();
      if (resume) {
        progress.resumed((int) java.util.Arrays.stream(answered).filter(a -> a != null && a.earlier()).count());
        letters.recorded(earlier.unwritten(), perLetter, profile).forEach(progress::neverWritten);
      }
      try {
        Parsed[] parsed = readAll(run, answered);
        for (int i = 0; i < files.size(); i++) {
          int index = i;
          if (answered[i] != null) {
            run.answer(index, answered[i]);
          } else {
            run.futures.add(run.pool.submit(() -> run.make(index, parsed[index], key, profile, perLetter)));
          }
        }
      } catch (RejectedExecutionException e) {
        Interruption.awaitEnd();  // only the stop task shuts the pool this early
      }
      run.pool.shutdown();
      List<Item> items = new ArrayList<>();
      try {
        for (Future<Future<Item>> future : run.futures) {
          items.add(future.get().get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InputException("batch: interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("batch worker failed", e.getCause());
      } finally {
        run.writer.shutdown();
      }
      if (!Interruption.stopping()) {
        letters.checkpointLedger(perLetter, profile);
      }
      items.addAll(run.others);
      run.finish(items);
      return items;
    }
  }

  // One batch under way: its workers, its writer, what each request came to, and who writes
  // the manifest (the batch when it ends, or the stop task when the process is stopped).
  private final class Run {
    final List<Path> files;
    final Path folder;
    final Path manifest;
    final boolean replace;
    final Progress progress;
    final ExecutorService pool;
    // Workers make letters; one writer records each in the ledger and writes it, forcing both to
    // disk, so a worker never waits for the disk (1,000 letters about 16.4 -> 15.5 s). At most
    // 32 letters (about 2 MB) wait for the writer, so memory stays flat on a slow disk.
    final ExecutorService writer = Executors.newSingleThreadExecutor();
    final Semaphore waiting = new Semaphore(32);
    final List<Future<Future<Item>>> futures = new ArrayList<>();
    final AtomicReferenceArray<Item> published;
    final Journal journal;
    final List<Item> others;  // earlier runs' items for requests this run was not given
    // Letters failing to sign (exit 4: the key, the token, the time-stamp authority) fail for the
    // whole batch, not for their requests: after a few in a row no more are started. A time-stamp
    // authority that stopped answering cost 20 s per letter, some three hours for 1,000 letters.
    final java.util.concurrent.atomic.AtomicInteger signingFailures = new java.util.concurrent.atomic.AtomicInteger();
    volatile String halted;
    private boolean manifestWritten;

    Run(List<Path> files, Path folder, boolean replace, Progress progress, int threads, Journal journal,
        List<Item> others) {
      this.files = files;
      this.folder = folder;
      this.manifest = folder.resolve(Manifest.NAME);
      this.replace = replace;
      this.progress = progress;
      this.pool = Executors.newFixedThreadPool(threads);
      this.published = new AtomicReferenceArray<>(files.size());
      this.journal = journal;
      this.others = others;
    }

    // A request answered without a worker: an earlier run's letter, or refused as changed since.
    void answer(int index, Item item) {
      published.set(index, item);
      futures.add(CompletableFuture.completedFuture(CompletableFuture.completedFuture(item)));
      if (!item.earlier()) {
        progress.finished(item);
      }
    }

    Future<Item> make(int index, Parsed parsed, Letters.LoadedKey key, ClinicProfile profile, IssueOptions options) {
      Path file = files.get(index);
      if (Interruption.stopping()) {
        return CompletableFuture.completedFuture(interrupted(file));
      }
      String why = halted;
      Outcome outcome = parsed.failed() != null ? new Outcome(null, null, null, parsed.failed())
          : why != null ? new Outcome(null, null, null, new Item(file, SIGNING_HALTED, HALTED + why))
          : Batch.this.make(file, parsed, key, profile, options);
      if (why == null && outcome.made() != null) {
        signingFailures.set(0);
      } else if (why == null && outcome.failed().exitCode() == SIGNING_HALTED
          && signingFailures.incrementAndGet() == SIGNING_FAILURES_TO_HALT) {
        halted = SIGNING_FAILURES_TO_HALT + " letters in a row (" + outcome.failed().error()
            + "); once that is mended, run the same command with --resume";
      }
      waiting.acquireUninterruptibly();
      try {
        return writer.submit(() -> {
          try {
            if (Interruption.stopping()) {
              return interrupted(file);
            }
            Item item = outcome.made() == null ? outcome.failed() : publish(file, outcome, journal, folder);
            published.set(index, item);
            progress.finished(item);
            return item;
          } finally {
            waiting.release();
          }
        });
      } catch (RejectedExecutionException e) {  // the stop task shut the writer
        waiting.release();
        return CompletableFuture.completedFuture(interrupted(file));
      }
    }

    // The batch's own end: every request has its item, so the manifest is complete, unless the
    // process is being stopped, when the stop task writes it and reports instead.
    void finish(List<Item> items) {
      synchronized (this) {
        if (!Interruption.stopping()) {
          writeManifest(items);
          return;
        }
      }
      Interruption.awaitEnd();
    }

    // The manifest now says all the journal did: a later --resume reads it alone.
    private void writeManifest(List<Item> items) {
      Manifest.write(manifest, items, folder, replace);
      manifestWritten = true;
      journal.finish();
    }

    // Runs in the JVM's shutdown hook: no new letter starts, the one being written is finished,
    // and the manifest records every request, issued or not.
    void stop() {
      pool.shutdown();
      awaitQuietly(pool);
      writer.shutdown();
      awaitQuietly(writer);
      List<Item> items = new ArrayList<>();
      synchronized (this) {
        if (manifestWritten) {
          return;  // the batch had ended
        }
        for (int i = 0; i < files.size(); i++) {
          Item item = published.get(i);
          items.add(item != null ? item : interrupted(files.get(i)));
        }
        items.addAll(others);
        writeManifest(items);
      }
      progress.interrupted(items);
    }
  }

  // Workers finish the letter in hand (tens of milliseconds) and skip the rest.
  private static void awaitQuietly(ExecutorService service) {
    try {
      service.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Item interrupted(Path file) {
    return new Item(file, INTERRUPTED, "not issued: the batch was stopped");
  }

  // A letter made from the request file with that hash, and the patient's copy when the request
  // asks for one; or the item saying why none was.
  private record Outcome(Letters.Made made, Letters.PatientCopy copy, String requestSha256, Item failed) {}

  /**
   * A request file read before any letter is made, and parsed then when it may name a signed
   * form's file (else its worker parses it); or why it cannot be.
   */
  private record Parsed(byte[] bytes, org.accommodate.request.LetterRequest request, Item failed) {}

  private Parsed read(Path file) {
    try {
      byte[] bytes = letters.requestBytes(file);
      return new Parsed(bytes, mayNameAForm(bytes) ? letters.readRequest(bytes, file) : null, null);
    } catch (RuntimeException e) {
      return new Parsed(null, null, failed(file, e));
    }
  }

  // Only a request whose text holds "document" (authorization.document or document_sha256), or a
  // backslash (an escape in a quoted key), can give a signed form's file; the rest need not be
  // parsed ahead of their letter.
  private static boolean mayNameAForm(byte[] bytes) {
    byte[] key = {'d', 'o', 'c', 'u', 'm', 'e', 'n', 't'};
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\\' || java.util.Arrays.equals(bytes, i, Math.min(bytes.length, i + key.length), key, 0,
          key.length)) {
        return true;
      }
    }
    return false;
  }

  // Every request not answered earlier is read first, on the workers, before any letter is made
  // (those that may name a signed form are parsed too): requests that give the same form's file
  // for different patients (a request copied whole from another) are all refused, so that no
  // letter goes out on another patient's form, whichever request came first. Reading and parsing
  // are work each letter needs anyway, done earlier (1,000 letters: no difference, interleaved).
  private Parsed[] readAll(Run run, Item[] answered) {
    Parsed[] parsed = new Parsed[run.files.size()];
    List<Future<?>> reads = new ArrayList<>();
    for (int i = 0; i < parsed.length; i++) {
      int index = i;
      if (answered[i] == null) {
        reads.add(run.pool.submit(() -> parsed[index] = read(run.files.get(index))));
      }
    }
    for (Future<?> read : reads) {
      try {
        read.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InputException("batch: interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("batch worker failed", e.getCause());
      }
    }
    List<org.accommodate.request.LetterRequest> requests = java.util.Arrays.stream(parsed)
        .map(p -> p == null ? null : p.request()).toList();
    SharedForms.refusals(run.files, requests).forEach((i, refusal) ->
        parsed[i] = new Parsed(null, null, failed(run.files.get(i), refusal)));
    return parsed;
  }

  private Outcome make(Path file, Parsed parsed, KeySource key, ClinicProfile profile, IssueOptions options) {
    try {
      org.accommodate.request.LetterRequest request = parsed.request() != null ? parsed.request()
          : letters.readRequest(parsed.bytes(), file);
      Letters.Made made = letters.make(request, profile, key, options);
      Letters.PatientCopy copy = request.patientCopy() == null ? null
          : letters.patientCopy(made, request, profile, request.patientCopy(), "patient_copy", options.acceptWarnings());
      return new Outcome(made, copy, Ledger.sha256(parsed.bytes()), null);
    } catch (RuntimeException e) {
      return new Outcome(null, null, null, failed(file, e));
    }
  }

  // The journal line goes to disk before the ledger entry and the letter, and a second one after
  // it: whatever the moment the process ends, a letter under its name has its line (see Journal).
  private static Item publish(Path file, Outcome outcome, Journal journal, Path folder) {
    IssuedLetter made = outcome.made().letter();
    Item item = new Item(file, 0, null, new Letter(made.id(), made.path(), made.sha256(), outcome.requestSha256(),
        new Warnings(made.advisories(), made.acceptedWarnings()), outcome.copy() == null ? null : outcome.copy().file()),
        false);
    try {
      journal.record(item, folder);
      // The copy goes first: a copy whose letter a killed run never wrote is removed on --resume.
      outcome.made().publish(outcome.copy());
      try {
        journal.published(made.id());
      } catch (IOException e) {
        // The letter is under its name: a resumed batch still finds it by its file.
      }
      return item;
    } catch (IOException e) {
      return failed(file, InputException.io("--out-dir: cannot write " + folder.resolve(Journal.NAME), e));
    } catch (RuntimeException e) {
      return failed(file, e);
    }
  }

  private static Item failed(Path file, RuntimeException e) {
    if (e instanceof AccommodateException refused) {
      return new Item(file, refused.exitCode(), unmentioned(file, refused.getMessage()));
    }
    // A bug in one letter must not stop the others; its message may quote input, so it is not kept.
    return new Item(file, 1, "internal error (" + e.getClass().getSimpleName() + ")");
  }

  /**
   * {@code message} without the reader's mention of the request {@code file} ("request r.yaml:
   * "), for a line that names the file already and would otherwise say it twice.
   */
  public static String unmentioned(Path file, String message) {
    String mention = "request " + file + ": ";
    return message.startsWith(mention) ? message.substring(mention.length()) : message;
  }

  /**
   * The worst exit code of this run's items (an earlier run reported its own): the same order as
   * verify (5, 7, 6), then 4, 3, 2, 1.
   */
  public static int worst(List<Item> items) {
    int worst = 0;
    for (Item item : items) {
      if (!item.earlier()) {
        worst = worse(worst, item.exitCode());
      }
    }
    return worst;
  }

  /** The worse of two items' exit codes, in the order {@link #worst} ranks them. */
  public static int worse(int one, int other) {
    return rank(other) > rank(one) ? other : one;
  }

  private static int rank(int code) {
    return switch (code) {
      case 0 -> 0;
      case 2 -> 1;
      case 3 -> 2;
      case 4 -> 3;
      case 1 -> 4;
      default -> 5;
    };
  }
}
