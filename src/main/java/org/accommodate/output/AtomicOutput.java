package org.accommodate.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.accommodate.InputException;

/**
 * Writes a file whole or not at all: a temporary file beside the target, owner-only, forced to
 * disk, then renamed into place. Without {@code force} an existing file is never replaced. When
 * the process is stopped (Ctrl-C), a file being published is finished and the temporary files
 * of the others are removed ({@link Interruption}).
 */
public final class AtomicOutput {
  private static final PendingFiles PENDING = new PendingFiles();

  private static final String TEMP_PREFIX = ".accommodate-";
  private static final String TEMP_SUFFIX = ".part";

  private AtomicOutput() {}

  // A temporary file lives for the milliseconds of one write; one this old was left by a process
  // killed outright (kill -9, power lost), whose clean-up never ran.
  private static final java.time.Duration ABANDONED = java.time.Duration.ofHours(1);
  private static final java.util.Set<Path> SWEPT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Removes the temporary files a process that was killed outright left in {@code folder}: never
   * published, each may hold a whole letter. Only for a folder no other process is writing to.
   *
   * @return how many were removed
   */
  public static int removeLeftovers(Path folder) throws IOException {
    return removeLeftovers(folder, java.time.Instant.MAX);
  }

  private static int removeLeftovers(Path folder, java.time.Instant modifiedBefore) throws IOException {
    int removed = 0;
    try (var files = Files.newDirectoryStream(folder, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
      for (Path file : files) {
        if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(file, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(modifiedBefore)
            && Files.deleteIfExists(file)) {
          removed++;
        }
      }
    }
    return removed;
  }

  // The first write into a folder in this process also removes what a killed process abandoned
  // there (a letter's worth of health information in a hidden file); never a file another
  // process may still be writing.
  private static void sweep(Path folder) {
    if (SWEPT.add(folder)) {
      try {
        removeLeftovers(folder, java.time.Instant.now().minus(ABANDONED));
      } catch (IOException | RuntimeException e) {
        // Best effort: the write itself is what was asked for.
      }
    }
  }

  /** A step that must happen together with a publication, or not at all. */
  @FunctionalInterface
  public interface Step {
    void run() throws IOException;
  }

  /**
   * Called once the process is being stopped: waits for a publication under way, refuses later
   * ones and removes every temporary file not published.
   */
  static void abandonPending() {
    PENDING.abandon();
  }

  /** Fails early, before any work is done, when the target exists and may not be replaced. */
  public static void checkWritable(Path target, boolean force) {
    checkWritable(target, force, "-o");
  }

  /**
   * For files a command never replaces (keys, certificate requests: it has no --force): fails
   * when {@code target} exists or its folder does not.
   */
  public static void checkNew(Path target, String option) {
    if (Files.exists(target)) {
      throw new InputException(option + ": " + target + " already exists; choose another name (it is never replaced)");
    }
    checkWritable(target, true, option);
  }

  /** As above, for a file named by {@code option} (or placed in the folder it names). */
  public static void checkWritable(Path target, boolean force, String option) {
    if (target.getFileName() != null && target.getFileName().toString().equals("-")) {
      // Where a command has no standard output for files, "-" meant it, not a file named so.
      throw new InputException(option + ": - (standard output) is not supported here; name a file");
    }
    if (Files.isDirectory(target)) {
      // Even with --force: a file cannot replace a folder, and finding out after the letter was
      // signed and recorded would leave a ledger entry for a letter that reached no one.
      throw new InputException(option + ": " + target + " is a folder; name a file");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      // --force replaces files only: run as root, the rename replaced /dev/null itself.
      throw new InputException(option + ": " + target + " is not a regular file (a device or a pipe); name a file");
    }
    if (!force && Files.exists(target)) {
      throw new InputException(option + ": " + target + " already exists; use --force to replace it");
    }
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new InputException(option + ": the folder for " + target + " does not exist");
    }
  }

  public static void write(Path target, byte[] bytes, boolean force) throws IOException {
    try (Pending pending = prepare(target, bytes)) {
      pending.publish(force);
    }
  }

  /**
   * A file written and forced to disk under a temporary name beside its target, not yet visible
   * under the target name; closing it without publishing removes it.
   */
  public static final class Pending implements AutoCloseable {
    private final Path temp;
    private final Path target;
    private final PendingFiles registry;

    private Pending(Path temp, Path target, PendingFiles registry) {
      this.temp = temp;
      this.target = target;
      this.registry = registry;
    }

    /** Makes the file appear under its target name, atomically. */
    public void publish(boolean force) throws IOException {
      publish(force, () -> { });
    }

    /**
     * Runs {@code first} (recording the file in the ledger, say), then makes the file appear
     * under its target name. A stopped process lets both finish once begun, and begins neither
     * after it was told to stop.
     */
    public void publish(boolean force, Step first) throws IOException {
      registry.publishing(temp, () -> {
        first.run();
        if (force) {
          if (Files.exists(target) && !Files.isRegularFile(target)) {  // became one since the check
            throw new java.nio.file.FileSystemException(target.toString(), null, "not a regular file");
          }
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
          publishWithoutReplacing(temp, target);
          // The temporary name goes now, not at close: a stopped process may not get there.
          Files.deleteIfExists(temp);
        }
      });
    }

    @Override
    public void close() throws IOException {
      registry.forget(temp);
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Opens {@code path} with {@code options}; a file this creates is owner-only (where the file
   * system has POSIX permissions), whatever the umask. An existing file keeps its permissions: a
   * clinic may share one on purpose.
   */
  public static FileChannel openOwnerOnly(Path path, java.util.Set<StandardOpenOption> options) throws IOException {
    try {
      return FileChannel.open(path, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return FileChannel.open(path, options);
    }
  }

  /** Writes {@code bytes} to a temporary, owner-only file beside {@code target}, forced to disk. */
  public static Pending prepare(Path target, byte[] bytes) throws IOException {
    return prepare(target, bytes, PENDING);
  }

  static Pending prepare(Path target, byte[] bytes, PendingFiles registry) throws IOException {
    Interruption.install();
    Path parent = target.toAbsolutePath().getParent();
    sweep(parent);
    Path temp;
    try {
      temp = Files.createTempFile(parent, TEMP_PREFIX, TEMP_SUFFIX,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      temp = Files.createTempFile(parent, TEMP_PREFIX, TEMP_SUFFIX);
    }
    registry.remember(temp);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      registry.forget(temp);
      Files.deleteIfExists(temp);
      throw e;
    }
    return new Pending(temp, target, registry);
  }

  // A hard link fails atomically if the target appeared meanwhile; rename would replace it.
  // The name was free when the command checked it (checkWritable); a file that took it since is
  // never replaced. The caller's message names its option.
  private static void publishWithoutReplacing(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (FileAlreadyExistsException e) {
      throw appearedMeanwhile(target);
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (Files.exists(target)) {
        throw appearedMeanwhile(target);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static FileAlreadyExistsException appearedMeanwhile(Path target) {
    return new FileAlreadyExistsException(target.toString(), null, "a file of that name appeared meanwhile; it is not replaced");
  }
}
