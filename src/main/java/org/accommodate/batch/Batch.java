package org.accommodate.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.accommodate.output.AtomicOutput;
import org.accommodate.output.Interruption;
import org.accommodate.request.ClinicProfile;

/**
 * Many letters in one run: the key is unlocked once, letters are made by a pool of workers, each
 * written atomically with its ledger entry, and one bad request never stops the others.
 */
public final class Batch {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The outcome for one request file.
   *
   * @param input the request file
   * @param exitCode 0, or the exit code the failure maps to
   * @param letterId the letter's ID when one was written
   * @param output the letter file when one was written
   * @param error the one-line reason otherwise (names fields, never content)
   * @param sha256 the written letter's SHA-256, as its ledger entry records it
   * @param warnings the advice a single letter prints on standard error (schedule shape, key
   *     expiry), and the categories of WARN findings accepted with --accept-warnings
   */
  public record Item(Path input, int exitCode, String letterId, Path output, String error, String sha256,
      Warnings warnings) {
    /** A request that made no letter. */
    Item(Path input, int exitCode, String error) {
      this(input, exitCode, null, null, error, null, Warnings.NONE);
    }
  }

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
     * The process is being stopped (Ctrl-C): {@code items} holds every input, those not issued
     * with {@link #INTERRUPTED}, as manifest.json now does.
     */
    default void interrupted(List<Item> items) {}
  }

  /** The exit code of a request left undone by a stopped batch: 128 + SIGINT, as shells report. */
  public static final int INTERRUPTED = 130;

  /**
   * Issues a letter for each request, {@code workers} at a time, reports each item to
   * {@code progress} as it finishes, and writes manifest.json into the output folder. Stopped
   * (Ctrl-C), it makes no more letters, finishes the one being written, and writes a manifest
   * that says which requests got their letter and which did not.
   */
  public List<Item> run(List<Path> inputs, Path outDir, KeySource keys, ClinicProfile profile, IssueOptions options,
      int workers, Progress progress) {
    Path folder = letters.resolve(outDir);
    // Everything a batch can refuse at once, the key's password included, is checked before the
    // folder is made: a refused batch leaves nothing behind, not even an empty folder.
    List<Path> files = letters.requestFiles(inputs);
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new InputException("--out-dir: " + outDir + " is a file, not a folder");
    }
    // An earlier batch's manifest is the only map from its requests to its letters: it is not
    // replaced without --force, and this is known before the key is unlocked.
    Path manifest = folder.resolve("manifest.json");
    if (!options.force() && Files.exists(manifest)) {
      throw new InputException("--out-dir: " + outDir + " already holds the manifest.json of an earlier batch; "
          + "choose another folder, or use --force to replace it");
    }
    Letters.LoadedKey key = new Letters.LoadedKey(keys.load());  // one prompt or token login
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw InputException.io("--out-dir: cannot create " + outDir, e);
    }
    IssueOptions perLetter = options.intoDirectory(folder);
    Run run = new Run(files, folder, manifest, options.force(), progress, Math.max(1, workers));
    try (Interruption.Registration stop = Interruption.register(run::stop)) {
      try {
        for (int i = 0; i < files.size(); i++) {
          int index = i;
          run.futures.add(run.pool.submit(() -> run.make(index, key, profile, perLetter)));
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
    final boolean force;
    final Progress progress;
    final ExecutorService pool;
    // Workers make letters; one writer records each in the ledger and writes it, forcing both to
    // disk, so a worker never waits for the disk (1,000 letters about 16.4 -> 15.5 s). At most
    // 32 letters (about 2 MB) wait for the writer, so memory stays flat on a slow disk.
    final ExecutorService writer = Executors.newSingleThreadExecutor();
    final Semaphore waiting = new Semaphore(32);
    final List<Future<Future<Item>>> futures = new ArrayList<>();
    final AtomicReferenceArray<Item> published;
    private boolean manifestWritten;

    Run(List<Path> files, Path folder, Path manifest, boolean force, Progress progress, int threads) {
      this.files = files;
      this.folder = folder;
      this.manifest = manifest;
      this.force = force;
      this.progress = progress;
      this.pool = Executors.newFixedThreadPool(threads);
      this.published = new AtomicReferenceArray<>(files.size());
    }

    Future<Item> make(int index, Letters.LoadedKey key, ClinicProfile profile, IssueOptions options) {
      Path file = files.get(index);
      if (Interruption.stopping()) {
        return CompletableFuture.completedFuture(interrupted(file));
      }
      Outcome outcome = Batch.this.make(file, key, profile, options);
      waiting.acquireUninterruptibly();
      try {
        return writer.submit(() -> {
          try {
            if (Interruption.stopping()) {
              return interrupted(file);
            }
            Item item = outcome.made() == null ? outcome.failed() : publish(file, outcome.made());
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
          writeManifest(manifest, items, folder, force);
          manifestWritten = true;
          return;
        }
      }
      Interruption.awaitEnd();
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
        writeManifest(manifest, items, folder, force);
        manifestWritten = true;
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

  // A letter made, or the item saying why none was.
  private record Outcome(Letters.Made made, Item failed) {}

  private Outcome make(Path file, KeySource key, ClinicProfile profile, IssueOptions options) {
    try {
      return new Outcome(letters.make(letters.readRequest(file), profile, key, options), null);
    } catch (RuntimeException e) {
      return new Outcome(null, failed(file, e));
    }
  }

  private static Item publish(Path file, Letters.Made made) {
    try {
      IssuedLetter issued = made.publish();
      return new Item(file, 0, issued.id(), issued.path(), null, issued.sha256(),
          new Warnings(issued.advisories(), issued.acceptedWarnings()));
    } catch (RuntimeException e) {
      return failed(file, e);
    }
  }

  private static Item failed(Path file, RuntimeException e) {
    if (e instanceof AccommodateException refused) {
      return new Item(file, refused.exitCode(), refused.getMessage());
    }
    // A bug in one letter must not stop the others; its message may quote input, so it is not kept.
    return new Item(file, 1, "internal error (" + e.getClass().getSimpleName() + ")");
  }

  private static void writeManifest(Path manifest, List<Item> items, Path folder, boolean force) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("letters");
    for (Item item : items) {
      ObjectNode node = list.addObject();
      node.put("input", item.input().toString());
      node.put("exitCode", item.exitCode());
      if (item.output() != null) {
        node.put("letterId", item.letterId());
        node.put("file", folder.relativize(item.output()).toString());
        node.put("sha256", item.sha256());
        if (!item.warnings().advice().isEmpty()) {
          item.warnings().advice().forEach(node.putArray("warnings")::add);
        }
        if (!item.warnings().accepted().isEmpty()) {
          item.warnings().accepted().stream().sorted().forEach(node.putArray("acceptedWarnings")::add);
        }
      } else {
        node.put("error", item.error());
      }
    }
    try {
      AtomicOutput.write(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), force);
    } catch (IOException e) {
      throw new InputException("--out-dir: cannot write " + manifest, e);
    }
  }

  /** The worst exit code: the same order as verify (5, 7, 6), then 4, 3, 2, 1. */
  public static int worst(List<Item> items) {
    int worst = 0;
    for (Item item : items) {
      worst = worse(worst, item.exitCode());
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
