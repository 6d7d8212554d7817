package org.accommodate.keys;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.accommodate.SigningException;

/**
 * A key being unlocked. Opening a PKCS#12 file derives keys from the password three times, about
 * 0.2 s in a fresh process; when nobody is asked for anything, that runs on its own thread while
 * the letter renders on the other core. A source that prompts is unlocked at once, before any
 * rendering, so a prompt never competes with other output.
 */
public final class Unlocking {
  private final FutureTask<SigningKey> task;

  private Unlocking(FutureTask<SigningKey> task) {
    this.task = task;
  }

  public static Unlocking start(KeySource source) {
    FutureTask<SigningKey> task = new FutureTask<>(source::load);
    if (source.unlocksQuietly()) {
      Thread thread = new Thread(task, "key-unlock");
      thread.setDaemon(true);  // a refusal elsewhere ends the process without waiting for it
      thread.start();
    } else {
      task.run();
    }
    return new Unlocking(task);
  }

  /** Whether the unlocking has ended (with the key or with its error). */
  public boolean done() {
    return task.isDone();
  }

  /** The unlocked key; the unlocking's own error (wrong password, missing file) if it failed. */
  public SigningKey key() {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SigningException("interrupted while unlocking the key", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new SigningException("the key could not be unlocked", e.getCause());
    }
  }
}
