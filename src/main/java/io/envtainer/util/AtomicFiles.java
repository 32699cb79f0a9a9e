package io.envtainer.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes outputs so that readers never see a partial one: the content goes to a temporary file or directory beside
 * the target, which is then moved into place. On failure, and when a signal stops the JVM (see
 * {@link CleanupOnExit}), nothing is left and an existing target is untouched.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What writes a file's content. */
  public interface Content {
    void writeTo(FileChannel out) throws IOException;
  }

  /** What fills a new, empty directory. */
  public interface DirectoryContent {
    void writeTo(Path dir) throws IOException;
  }

  public static void writeString(Path target, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    write(target, out -> {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) out.write(b);
    });
  }

  /**
   * Writes TARGET atomically. An existing TARGET is first moved aside and deleted after: replacing a file by rename
   * makes ext4 allocate and flush the new file at once (its replace-via-rename safeguard), a third of a second for
   * a 500 MB image, while a rename to a free name does not. For that instant there is no TARGET, never a partial
   * one. Outputs are 0644: others (e.g. apptainer's user) may read them.
   */
  public static void write(Path target, Content content) throws IOException {
    Path t = target.toAbsolutePath().normalize();
    Files.createDirectories(t.getParent());
    try (CleanupOnExit.Temp tmp = CleanupOnExit.temp(t.getParent(), "." + t.getFileName() + ".", ".partial", false)) {
      try {
        try (FileChannel out = FileChannel.open(tmp.path(), StandardOpenOption.WRITE)) {
          content.writeTo(out);
        }
        Files.setPosixFilePermissions(tmp.path(), PosixFilePermissions.fromString("rw-r--r--"));
        replace(t, tmp.path(), Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS));
      } finally {
        Files.deleteIfExists(tmp.path());
      }
    }
  }

  /** Writes the directory TARGET atomically (an existing one is replaced whole); it is 0755. */
  public static void writeDirectory(Path target, DirectoryContent content) throws IOException {
    Path t = target.toAbsolutePath().normalize();
    Files.createDirectories(t.getParent());
    try (CleanupOnExit.Temp stage = CleanupOnExit.temp(t.getParent(), "." + t.getFileName() + ".", "", true)) {
      try {
        content.writeTo(stage.path());
        Files.setPosixFilePermissions(stage.path(), PosixFilePermissions.fromString("rwxr-xr-x"));
        replace(t, stage.path(), Files.exists(t, LinkOption.NOFOLLOW_LINKS));
      } finally {
        deleteTree(stage.path());
      }
    }
  }

  /** Moves NEW to TARGET; an existing TARGET goes aside first and is deleted once NEW is in place. */
  private static void replace(Path target, Path fresh, boolean targetExists) throws IOException {
    if (!targetExists) {
      Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    // A free name: renaming onto an existing file would trigger the flush described at write().
    Path old = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".old");
    // Stopped between the two moves: the old output goes back (or, when the new one made it, away).
    try (CleanupOnExit.Registration r = CleanupOnExit.guard(() -> Files.move(target, old, StandardCopyOption.ATOMIC_MOVE),
        () -> {
          if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) deleteTree(old);
          else Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        })) {
      try {
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        throw e;
      }
      deleteTree(old);
    }
  }

  /** Deletes a file, a symlink or a directory tree; nothing there is fine. */
  public static void deleteTree(Path p) throws IOException {
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(p);
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
    }
  }
}
