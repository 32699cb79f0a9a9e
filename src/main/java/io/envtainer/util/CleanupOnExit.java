package io.envtainer.util;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Undoes half-done work when the JVM is stopped by a signal (Ctrl-C, a batch scheduler's or CI's SIGTERM), which runs
 * shutdown hooks but no finally blocks. A step that leaves something to undo (a temporary file made, an old output
 * moved aside) runs through {@link #guard}, which does it and records its undo as one step; one shutdown hook runs
 * what is still recorded, newest first, and from then on refuses new steps. So a file is either never made or
 * deleted: the window between making it and recording it is closed. Work still running in other threads races with
 * the hook, so each undo must be harmless when its work finished meanwhile.
 */
public final class CleanupOnExit {
  /** A file-system step, or its undo. */
  public interface Step {
    void run() throws IOException;
  }

  /** Ends a registration: the work is finished (or undone by its own code). */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** A temporary file or directory that is deleted if the JVM stops while the registration is open. */
  public record Temp(Path path, Registration registration) implements AutoCloseable {
    @Override
    public void close() {
      registration.close();
    }
  }

  private static final Object LOCK = new Object();
  private static final Map<Long, Step> UNDO = new LinkedHashMap<>();
  private static long ids;
  private static boolean stopping;

  static {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(CleanupOnExit::runAll, "envtainer-cleanup"));
    } catch (IllegalStateException e) {
      stopping = true; // first used while the JVM is already stopping: make nothing
    }
  }

  private CleanupOnExit() {}

  /** Runs STEP and records UNDO, unless the JVM is stopping (then nothing is done: an IOException). */
  public static Registration guard(Step step, Step undo) throws IOException {
    long id;
    synchronized (LOCK) {
      if (stopping) throw new IOException("envtainer is stopping");
      step.run();
      id = ++ids;
      UNDO.put(id, undo);
    }
    return () -> {
      synchronized (LOCK) {
        UNDO.remove(id);
      }
    };
  }

  /** A new empty file (or directory) PREFIX-random-SUFFIX in DIR, deleted if the JVM stops before it is closed. */
  public static Temp temp(Path dir, String prefix, String suffix, boolean directory) throws IOException {
    while (true) {
      Path p = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + suffix);
      try {
        return new Temp(p, guard(() -> {
          if (directory) Files.createDirectory(p);
          else Files.createFile(p);
        }, () -> AtomicFiles.deleteTree(p)));
      } catch (FileAlreadyExistsException e) {
        // taken: another name
      }
    }
  }

  /** How many undo steps are recorded (for tests: none once a build has ended). */
  public static int pending() {
    synchronized (LOCK) {
      return UNDO.size();
    }
  }

  static void runAll() {
    synchronized (LOCK) {
      stopping = true;
      List<Step> newestFirst = new ArrayList<>(UNDO.values());
      java.util.Collections.reverse(newestFirst);
      for (Step s : newestFirst) {
        try {
          s.run();
        } catch (IOException | RuntimeException e) {
          // The JVM is stopping: undo what can be undone, and leave the rest.
        }
      }
      UNDO.clear();
    }
  }

  /** For tests: runAll stops new steps; this lets them run again. */
  static void resume() {
    synchronized (LOCK) {
      stopping = false;
    }
  }
}
