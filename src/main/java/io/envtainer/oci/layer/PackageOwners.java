package io.envtainer.oci.layer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which package owns each file of an environment, from the package managers' own records: conda-meta/*.json
 * (conda, mamba), dpkg's info/*.list (a Debian root), and *.dist-info/RECORD or *.egg-info/installed-files.txt (pip).
 * The first claim wins, in that order: conda and dpkg know their files better than the Python metadata they ship.
 */
public final class PackageOwners {
  /** Made only when a conda environment is read: an ObjectMapper costs a cold JVM 0.1 s. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final Map<String, Entry> byPath;
  private final Map<String, String> owner;
  /** Directory → the same directory with symlinks resolved ("\0": it leaves the tree); claims share parents. */
  private final Map<String, String> realDirs = new HashMap<>();

  private PackageOwners(List<Entry> entries) {
    byPath = new HashMap<>(entries.size() * 2);
    owner = new HashMap<>(entries.size() * 2);
    for (Entry e : entries) byPath.put(e.path(), e);
  }

  /**
   * What the package databases claim (conda-meta, dpkg), in precedence order, as image paths. Reading them does not
   * need the scanned tree, so it can run while the tree is scanned.
   */
  public record Claims(List<String> paths, List<String> ids) {}

  public static Claims read(Path hostDir, String target) throws IOException {
    Claims c = new Claims(new ArrayList<>(), new ArrayList<>());
    String prefix = ImagePaths.relative(target);
    conda(hostDir, prefix, c);
    dpkg(hostDir, prefix, c);
    return c;
  }

  /**
   * @param entries the scanned tree (image paths)
   * @param hostDir the host directory the tree was scanned from
   * @param target its image path ("/" or an absolute path)
   * @return image path → package id ({@code conda:numpy}, {@code deb:libc6}, {@code pypi:numpy})
   */
  public static Map<String, String> of(List<Entry> entries, Path hostDir, String target) throws IOException {
    return of(entries, hostDir, target, read(hostDir, target));
  }

  public static Map<String, String> of(List<Entry> entries, Path hostDir, String target, Claims claims)
      throws IOException {
    PackageOwners o = new PackageOwners(entries);
    for (int i = 0; i < claims.paths().size(); i++) o.claim(claims.paths().get(i), claims.ids().get(i));
    o.python(hostDir, ImagePaths.relative(target), entries);
    return o.owner;
  }

  private static void conda(Path hostDir, String prefix, Claims c) throws IOException {
    Path meta = hostDir.resolve("conda-meta");
    if (!Files.isDirectory(meta)) return;
    try (var files = Files.list(meta)) {
      for (Path json : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        JsonNode record = Json.MAPPER.readTree(json.toFile());
        String name = record.path("name").asText(null);
        if (name == null) continue;
        String id = "conda:" + name;
        add(c, join(prefix, "conda-meta/" + json.getFileName()), id);
        for (JsonNode f : record.path("files")) add(c, join(prefix, f.asText()), id);
      }
    }
  }

  private static void dpkg(Path hostDir, String prefix, Claims c) throws IOException {
    Path info = hostDir.resolve("var/lib/dpkg/info");
    if (!Files.isDirectory(info)) return;
    List<Path> all;
    try (var files = Files.list(info)) {
      all = files.sorted().toList();
    }
    for (Path list : all) {
      String base = list.getFileName().toString();
      if (!base.endsWith(".list")) continue;
      String pkg = base.substring(0, base.length() - ".list".length());
      String id = "deb:" + (pkg.contains(":") ? pkg.substring(0, pkg.indexOf(':')) : pkg);
      for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
        if (line.startsWith("/") && line.length() > 1) add(c, join(prefix, line.substring(1)), id);
      }
    }
    // The package's own maintainer files (pkg.md5sums, pkg.postinst...) go with it.
    for (Path f : all) {
      String name = f.getFileName().toString();
      int dot = name.lastIndexOf('.');
      if (dot <= 0) continue;
      String pkg = name.substring(0, dot);
      if (pkg.contains(":")) pkg = pkg.substring(0, pkg.indexOf(':'));
      add(c, join(prefix, "var/lib/dpkg/info/" + name), "deb:" + pkg);
    }
  }

  private static void add(Claims c, String path, String id) {
    c.paths().add(path);
    c.ids().add(id);
  }

  private void python(Path hostDir, String prefix, List<Entry> entries) throws IOException {
    for (Entry e : entries) {
      String p = e.path();
      boolean record = p.endsWith(".dist-info/RECORD");
      boolean eggFiles = p.endsWith(".egg-info/installed-files.txt");
      if (!record && !eggFiles || e.type() != Entry.Type.FILE) continue;
      String metaDir = p.substring(0, p.lastIndexOf('/'));
      String dirName = metaDir.substring(metaDir.lastIndexOf('/') + 1);
      String name = dirName.substring(0, dirName.lastIndexOf('.')).split("-", 2)[0].toLowerCase(java.util.Locale.ROOT)
          .replace('_', '-');
      String id = "pypi:" + name;
      String base = record ? metaDir.substring(0, Math.max(0, metaDir.lastIndexOf('/'))) : metaDir;
      Path host = hostDir.resolve(prefix.isEmpty() ? p : p.substring(Math.min(p.length(), prefix.length() + 1)));
      for (String line : Files.readAllLines(host, StandardCharsets.UTF_8)) {
        String file = record ? recordPath(line) : line.strip();
        if (file.isEmpty()) continue;
        String resolved = file.startsWith("/") ? file.substring(1) : ImagePaths.normalize(base + "/" + file);
        if (resolved != null) claim(resolved, id);
      }
      claim(p, id);
    }
  }

  /** The path field of a RECORD line (CSV: a quoted path may hold commas). */
  static String recordPath(String line) {
    if (line.startsWith("\"")) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            b.append('"');
            i++;
          } else {
            return b.toString();
          }
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }
    int comma = line.indexOf(',');
    return (comma < 0 ? line : line.substring(0, comma)).strip();
  }

  private void claim(String path, String id) {
    String real = canonical(path);
    Entry e = real == null ? null : byPath.get(real);
    // Directories are shared by packages: they belong to no one.
    if (e != null && e.type() != Entry.Type.DIRECTORY) owner.putIfAbsent(real, id);
  }

  /**
   * The path with directory symlinks inside the tree resolved (Debian lists /lib/... where merged-/usr roots
   * have usr/lib/...), or null when it leaves the tree. The last component is not followed.
   */
  private String canonical(String path) {
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    if (slash < 0 || name.isEmpty() || name.equals(".") || name.equals("..")) return resolve(path, false);
    // Scanned paths never pass through a symlink: a path whose parent is a scanned directory is canonical.
    String dir = path.substring(0, slash);
    Entry parent = byPath.get(dir);
    if (parent != null && parent.type() == Entry.Type.DIRECTORY) return path;
    String real = realDirs.computeIfAbsent(dir, d -> {
      String r = resolve(d, true);
      return r == null ? "\0" : r;
    });
    if (real.equals("\0")) return null;
    return real.isEmpty() ? name : real + "/" + name;
  }

  /** PATH with its symlinks inside the tree resolved, the last component's too when FOLLOW_LAST; null: it leaves. */
  private String resolve(String path, boolean followLast) {
    Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
    StringBuilder cur = new StringBuilder();
    int hops = 0;
    while (!todo.isEmpty()) {
      String c = todo.pollFirst();
      if (c.isEmpty() || c.equals(".")) continue;
      if (c.equals("..")) {
        int i = cur.lastIndexOf("/");
        if (cur.length() == 0) return null;
        cur.setLength(Math.max(i, 0));
        continue;
      }
      String next = cur.length() == 0 ? c : cur + "/" + c;
      Entry e = byPath.get(next);
      if (e != null && e.type() == Entry.Type.SYMLINK && (followLast || !todo.isEmpty())) {
        if (++hops > 40) return null;
        String t = e.linkTarget();
        List<String> parts = List.of(t.split("/"));
        for (int i = parts.size() - 1; i >= 0; i--) todo.addFirst(parts.get(i));
        if (t.startsWith("/")) cur.setLength(0);
        continue;
      }
      cur.setLength(0);
      cur.append(next);
    }
    return cur.toString();
  }

  private static String join(String prefix, String rel) {
    return ImagePaths.join(prefix, rel);
  }
}
