package org.accommodate.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.accommodate.InputException;

/**
 * The temporary files written but not yet published, so that a stopped process leaves none
 * behind, and the gate that keeps a publication (ledger entry, then rename) whole while the
 * process stops.
 */
final class PendingFiles {
  // Long enough for a ledger line and a rename to reach the disk, short enough for a user who
  // pressed Ctrl-C on a stalled disk.
  private static final long PUBLICATION_WAIT_SECONDS = 10;

  private final Set<Path> files = ConcurrentHashMap.newKeySet();
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
  private volatile boolean abandoned;

  void remember(Path temp) {
    files.add(temp);
  }

  void forget(Path temp) {
    files.remove(temp);
  }

  /** Runs {@code publication} of {@code temp} whole, unless the process is being stopped. */
  void publishing(Path temp, AtomicOutput.Step publication) throws IOException {
    gate.readLock().lock();
    try {
      if (abandoned) {
        throw new InputException("not written: the command was stopped");
      }
      publication.run();
      files.remove(temp);
    } finally {
      gate.readLock().unlock();
    }
  }

  /** Waits for the publications under way, refuses any later one and removes the rest. */
  void abandon() {
    boolean locked = false;
    try {
      locked = gate.writeLock().tryLock(PUBLICATION_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      abandoned = true;
      for (Path temp : files) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // Best effort: the process is ending; the file keeps its hidden .part name.
        }
        files.remove(temp);
      }
    } finally {
      if (locked) {
        gate.writeLock().unlock();
      }
    }
  }
}
