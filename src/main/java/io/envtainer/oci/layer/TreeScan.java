package io.envtainer.oci.layer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;

/**
 * Reads a host directory tree as layer entries without following symlinks: symlinks stay symlinks, the second and
 * later names of a hard-linked file become hard links to the first (in path order), modes keep all 12 bits, empty
 * directories stay. Owners are not kept (every entry is 0:0): the image is built rootless and host uids mean
 * nothing elsewhere. One stat per entry; directories are read in parallel.
 */
public final class TreeScan {
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
    if (!prefix.isEmpty()) entries.add(entry(dir, prefix));
    Walk.Found found;
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try {
      found = pool.invoke(new Walk(dir, prefix));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      pool.shutdownNow();
    }
    entries.addAll(found.entries());
    entries.sort((a, b) -> a.path().compareTo(b.path()));
    List<String> skipped = new ArrayList<>(found.skipped());
    skipped.sort(null);
    return new Result(linkHardLinks(entries), skipped);
  }

  /** Everything below a directory whose own entry is PATH; subdirectories are tasks of their own. */
  private static final class Walk extends RecursiveTask<Walk.Found> {
    private static final long serialVersionUID = 1L;

    record Found(List<Entry> entries, List<String> skipped) {}

    private final transient Path dir;
    private final String path;

    Walk(Path dir, String path) {
      this.dir = dir;
      this.path = path;
    }

    @Override
    protected Found compute() {
      List<Entry> entries = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      List<Walk> subdirectories = new ArrayList<>();
      try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
        for (Path c : children) {
          String childPath = ImagePaths.join(path, c.getFileName().toString());
          Entry e = entry(c, childPath);
          if (e == null) {
            skipped.add(c.toString());
            continue;
          }
          entries.add(e);
          if (e.type() == Entry.Type.DIRECTORY) subdirectories.add(new Walk(c, childPath));
        }
      } catch (java.nio.file.AccessDeniedException e) {
        throw new UncheckedIOException(new IOException(dir + ": cannot read the directory (permission denied)", e));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (Walk w : ForkJoinTask.invokeAll(subdirectories)) {
        Found f = w.join();
        entries.addAll(f.entries());
        skipped.addAll(f.skipped());
      }
      return new Found(entries, skipped);
    }
  }

  /** One host path as an entry, or null for a socket (tar cannot hold one). */
  static Entry entry(Path p, String path) throws IOException {
    HostStat a = HostStat.of(p);
    long seconds = Math.floorDiv(a.mtimeNanos(), 1_000_000_000L);
    Entry.Stat stat = new Entry.Stat(a.device(), a.inode(), a.nlink(), a.mtimeNanos(), a.ctimeNanos());
    int perms = a.mode() & 07777;
    return switch (a.mode() & S_IFMT) {
      case S_IFDIR -> new Entry(path, Entry.Type.DIRECTORY, perms, seconds, 0, null, Entry.Source.NONE, stat);
      case S_IFREG -> new Entry(path, Entry.Type.FILE, perms, seconds, a.size(), null, new Entry.Source.HostFile(p),
          stat);
      case S_IFLNK -> new Entry(path, Entry.Type.SYMLINK, perms, seconds, 0, Files.readSymbolicLink(p).toString(),
          Entry.Source.NONE, stat);
      case S_IFIFO -> new Entry(path, Entry.Type.FIFO, perms, seconds, 0, null, Entry.Source.NONE, stat);
      case S_IFSOCK -> null;
      default -> throw new IOException(p + ": a device file cannot go into a rootless image; remove it from the "
          + "environment");
    };
  }

  private record Inode(long device, long number) {}

  /** In path order, a regular file whose inode was seen before becomes a hard link to the first name. */
  private static List<Entry> linkHardLinks(List<Entry> sorted) {
    Map<Inode, String> first = new HashMap<>();
    List<Entry> out = new ArrayList<>(sorted.size());
    for (Entry e : sorted) {
      if (e.type() == Entry.Type.FILE && e.stat() != null && e.stat().nlink() > 1) {
        String seen = first.putIfAbsent(new Inode(e.stat().device(), e.stat().inode()), e.path());
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
