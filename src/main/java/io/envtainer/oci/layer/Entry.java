package io.envtainer.oci.layer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tar entry of a layer, exactly as it goes into the image.
 *
 * @param path relative to the image root, no leading or trailing slash ({@code opt/env/bin/python})
 * @param mode permission bits including setuid, setgid and sticky (12 bits)
 * @param mtime modification time in whole seconds
 * @param size content size for files, else 0
 * @param linkTarget symlink target as stored, or the first path of a hard-link group; else null
 * @param source where the content comes from: a host file, bytes, or nothing
 * @param stat the host file's identity and change times, for the layer cache; null for generated entries
 */
public record Entry(String path, Type type, int mode, long mtime, long size, String linkTarget, Source source,
    Stat stat) {

  public enum Type { DIRECTORY, FILE, SYMLINK, HARDLINK, FIFO }

  public Entry {
    Objects.requireNonNull(path);
    if (path.startsWith("/") || path.endsWith("/") || path.isEmpty()) {
      throw new IllegalArgumentException("entry paths are relative and non-empty: '" + path + "'");
    }
  }

  /** Content of a file entry. */
  public sealed interface Source {
    /** A file on the build host, read when the layer is written. */
    record HostFile(Path path) implements Source {}

    /** Content known in memory (generated files, relocated scripts). */
    record Bytes(byte[] data) implements Source {
      @Override
      public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
      }

      @Override
      public int hashCode() {
        return Arrays.hashCode(data);
      }

      @Override
      public String toString() {
        return "Bytes[" + data.length + "]";
      }
    }

    /** Directories, symlinks, hard links, FIFOs. */
    record None() implements Source {}

    None NONE = new None();
  }

  /** What identifies a host file's content without reading it: the same idea as git's index. */
  public record Stat(long device, long inode, long nlink, long mtimeNanos, long ctimeNanos) {}

  public static Entry directory(String path, int mode, long mtime) {
    return new Entry(path, Type.DIRECTORY, mode, mtime, 0, null, Source.NONE, null);
  }

  public static Entry file(String path, int mode, long mtime, byte[] data) {
    return new Entry(path, Type.FILE, mode, mtime, data.length, null, new Source.Bytes(data), null);
  }

  /** The parent's path, or "" for a top-level entry. */
  public String parent() {
    int i = path.lastIndexOf('/');
    return i < 0 ? "" : path.substring(0, i);
  }

  public Entry withSource(Source newSource, long newSize) {
    return new Entry(path, type, mode, mtime, newSize, linkTarget, newSource, stat);
  }

  public Entry asHardLinkTo(String first) {
    return new Entry(path, Type.HARDLINK, mode, mtime, 0, first, Source.NONE, stat);
  }
}
