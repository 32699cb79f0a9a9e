package io.envtainer.util;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Undoes half-done work when the JVM is stopped by a signal (Ctrl-C, a batch scheduler's or CI's SIGTERM), which runs
 * shutdown hooks but no finally blocks. Code that makes a temporary file, or moves an old output aside, registers
 * how to undo it for as long as that lasts; one shutdown hook runs what is still registered, newest first. Undo
 * actions race with the code still running, so each one must be harmless when its work was finished meanwhile.
 */
public final class CleanupOnExit {
  /** An undo action. */
  public interface Action {
    void run() throws IOException;
  }

  /** Ends a registration: the work is finished (or undone by its own code). */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private static final Map<Long, Action> ACTIONS = new ConcurrentSkipListMap<>(Comparator.reverseOrder());
  private static final AtomicLong IDS = new AtomicLong();

  static {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(CleanupOnExit::runAll, "envtainer-cleanup"));
    } catch (IllegalStateException e) {
      // First used while the JVM is already stopping: the code that registers cleans up in its finally blocks.
    }
  }

  private CleanupOnExit() {}

  public static Registration register(Action action) {
    long id = IDS.incrementAndGet();
    ACTIONS.put(id, action);
    return () -> ACTIONS.remove(id);
  }

  /** Deletes PATH (a file, or a directory with everything in it) if the JVM stops before the registration ends. */
  public static Registration deleting(Path path) {
    return register(() -> AtomicFiles.deleteTree(path));
  }

  /** How many actions are registered (for tests: none once a build has ended). */
  public static int pending() {
    return ACTIONS.size();
  }

  static void runAll() {
    for (Action a : ACTIONS.values()) {
      try {
        a.run();
      } catch (IOException | RuntimeException e) {
        // The JVM is stopping: undo what can be undone, and leave the rest.
      }
    }
  }

}
