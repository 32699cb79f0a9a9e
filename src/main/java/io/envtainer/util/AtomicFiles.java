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

/**
 * Writes files so that readers never see a partial one: the content goes to a temporary file beside the target,
 * which is then moved into place. On failure nothing is left and an existing target is untouched.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** What writes a file's content. */
  public interface Content {
    void writeTo(FileChannel out) throws IOException;
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
    Path tmp = Files.createTempFile(t.getParent(), "." + t.getFileName() + ".", ".partial");
    Path old = null;
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      if (Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS)) {
        // A free name: renaming onto an existing file would trigger the same flush.
        old = t.resolveSibling("." + t.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".old");
        Files.move(t, old, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(tmp, t, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (old != null) Files.move(old, t, StandardCopyOption.ATOMIC_MOVE);
        old = null;
        throw e;
      }
    } finally {
      Files.deleteIfExists(tmp);
      if (old != null) Files.deleteIfExists(old);
    }
  }
}
