package org.accommodate.output;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * What happens when the user stops the process (Ctrl-C, or a TERM signal): the tasks registered
 * here run first, in order (a batch stops its workers and writes its manifest), then files not
 * yet published are removed. One JVM shutdown hook does both, so their order is certain; Java
 * runs separate hooks at once, in no order. The hook also runs at a normal exit, when there is
 * nothing left for it to do.
 */
public final class Interruption {
  private static final List<Runnable> TASKS = new CopyOnWriteArrayList<>();
  private static final long WATCHDOG_MILLIS = 90_000;
  private static volatile boolean stopping;

  static {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(Interruption::stop, "accommodate-stop"));
    } catch (IllegalStateException e) {
      // First used while the JVM was already stopping: nothing of ours can be under way.
    }
  }

  private Interruption() {}

  /** A task registered until closed. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Runs {@code task} if the process is stopped before the registration is closed. */
  public static Registration register(Runnable task) {
    TASKS.add(task);
    return () -> TASKS.remove(task);
  }

  /** Whether the process is being stopped. */
  public static boolean stopping() {
    return stopping;
  }

  /**
   * For a thread that must not go on once the process is being stopped (it would print a normal
   * summary or exit with another code): it waits for the JVM to end.
   */
  public static void awaitEnd() {
    while (true) {
      LockSupport.park();
    }
  }

  static void install() {
    // Loading the class registered the hook.
  }

  private static void stop() {
    stopping = true;
    // A safety net: whatever a task waits for, the process ends. The tasks' own waits (workers,
    // the writer, a publication) are bounded well below this.
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(WATCHDOG_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      Runtime.getRuntime().halt(130);
    }, "accommodate-stop-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    for (Runnable task : TASKS) {
      try {
        task.run();
      } catch (RuntimeException e) {
        // The process is ending; the next task and the clean-up still run.
      }
    }
    AtomicOutput.abandonPending();
  }
}
