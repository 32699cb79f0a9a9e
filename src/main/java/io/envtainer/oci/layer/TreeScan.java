package io.envtainer.oci.layer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a host directory tree as layer entries without following symlinks: symlinks stay symlinks, the second and
 * later names of a hard-linked file become hard links to the first (in path order), modes keep all 12 bits, empty
 * directories stay. Owners are not kept (every entry is 0:0): the image is built rootless and host uids mean
 * nothing elsewhere.
 */
public final class TreeScan {
  private static final String ATTRIBUTES = "unix:mode,ino,dev,nlink,size,lastModifiedTime,ctime";
  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFSOCK = 0140000;

  private TreeScan() {}

  /** A scanned tree: its entries in path order, and what was left out (sockets). */
  public record Result(List<Entry> entries, List<String> skipped) {}

  /**
   * Scans {@code dir} as the image directory {@code target} ("/" or an absolute path). The entry for {@code target}
   * itself carries {@code dir}'s mode and time (none when the target is "/"). A file or symlink instead of a
   * directory gives one entry.
   */
  public static Result scan(Path dir, String target) throws IOException {
    String prefix = ImagePaths.relative(target);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) throw new IOException(dir + ": no such file or directory");
      if (prefix.isEmpty()) throw new IOException(dir + ": only a directory can be placed at /");
      Entry e = entry(dir, prefix);
      return e == null ? new Result(List.of(), List.of(dir.toString())) : new Result(List.of(e), List.of());
    }
    List<Entry> entries = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Files.walkFileTree(dir, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        visit(d);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        visit(f);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
        throw new IOException(f + ": cannot read (" + e.getMessage() + ")", e);
      }

      private void visit(Path p) throws IOException {
        String rel = dir.relativize(p).toString();
        String path = rel.isEmpty() ? prefix : prefix.isEmpty() ? rel : prefix + "/" + rel;
        if (path.isEmpty()) return;
        Entry e = entry(p, path);
        if (e == null) skipped.add(p.toString());
        else entries.add(e);
      }
    });
    entries.sort((a, b) -> a.path().compareTo(b.path()));
    return new Result(linkHardLinks(entries), skipped);
  }

  /** One host path as an entry, or null for a socket (tar cannot hold one). */
  static Entry entry(Path p, String path) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    FileTime modified = (FileTime) a.get("lastModifiedTime");
    long mtimeNanos = modified.to(TimeUnit.NANOSECONDS);
    long seconds = Math.floorDiv(mtimeNanos, 1_000_000_000L);
    Entry.Stat stat = new Entry.Stat((Long) a.get("dev"), (Long) a.get("ino"), ((Number) a.get("nlink")).longValue(),
        mtimeNanos, ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS));
    int perms = mode & 07777;
    return switch (mode & S_IFMT) {
      case S_IFDIR -> new Entry(path, Entry.Type.DIRECTORY, perms, seconds, 0, null, Entry.Source.NONE, stat);
      case S_IFREG -> new Entry(path, Entry.Type.FILE, perms, seconds, (Long) a.get("size"), null,
          new Entry.Source.HostFile(p), stat);
      case S_IFLNK -> new Entry(path, Entry.Type.SYMLINK, perms, seconds, 0, Files.readSymbolicLink(p).toString(),
          Entry.Source.NONE, stat);
      case S_IFIFO -> new Entry(path, Entry.Type.FIFO, perms, seconds, 0, null, Entry.Source.NONE, stat);
      case S_IFSOCK -> null;
      default -> throw new IOException(p + ": a device file cannot go into a rootless image; remove it from the "
          + "environment");
    };
  }

  /** In path order, a regular file whose inode was seen before becomes a hard link to the first name. */
  private static List<Entry> linkHardLinks(List<Entry> sorted) {
    Map<List<Long>, String> first = new HashMap<>();
    List<Entry> out = new ArrayList<>(sorted.size());
    for (Entry e : sorted) {
      if (e.type() == Entry.Type.FILE && e.stat() != null && e.stat().nlink() > 1) {
        List<Long> key = List.of(e.stat().device(), e.stat().inode());
        String seen = first.putIfAbsent(key, e.path());
        if (seen != null) {
          out.add(e.asHardLinkTo(seen));
          continue;
        }
      }
      out.add(e);
    }
    return out;
  }
}
