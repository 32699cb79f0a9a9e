package io.envtainer.oci.layer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Splits an environment into layers by a rule that depends only on names and sizes, so that changing one package
 * changes one layer, and no layer is so big that rebuilding it costs much:
 * <ul>
 *   <li>a package of at least {@code bigBytes} gets a layer of its own, named after it ({@code deb:libc6}); at most
 *       {@link #MAX_OWN_LAYERS} do (the biggest), so that an image stays well under the 125 layers engines take;
 *   <li>the other packages go to one of {@code buckets} layers ({@code packages-NN}) by a hash of the package name;
 *   <li>a file no package owns goes with the package whose directory it is in (a module's {@code __pycache__/}),
 *       else to one of {@code buckets / 2} layers ({@code files-NN}) by a hash of its path;
 *   <li>{@code NAME-tree} holds symlinks no package owns and the directories several layers share;
 *   <li>a directory whose files all go to one layer goes with them; a directory with no files below it goes with
 *       its parent; a hard link goes with the file it links to.
 * </ul>
 * Shared directories get the time {@code sharedDirTime} instead of their own: installing any package changes the
 * time of {@code site-packages/}, and that must not change every layer. Modes are kept.
 */
public final class LayerSplit {
  public static final long DEFAULT_BIG_BYTES = 4L << 20;
  public static final int DEFAULT_BUCKETS = 32;
  public static final int MAX_OWN_LAYERS = 64;
  private static final String SHARED = "\0shared";

  private LayerSplit() {}

  public static List<LayerContent> split(String name, List<Entry> entries, Map<String, String> owners, long bigBytes,
      int buckets, long sharedDirTime) {
    String tree = name + "-tree";
    Map<String, Long> packageBytes = new HashMap<>();
    for (Entry e : entries) {
      String o = owners.get(e.path());
      if (o != null) packageBytes.merge(o, e.size(), Long::sum);
    }
    List<Long> sizes = new ArrayList<>(packageBytes.values());
    sizes.sort(java.util.Comparator.reverseOrder());
    long threshold = sizes.size() > MAX_OWN_LAYERS ? Math.max(bigBytes, sizes.get(MAX_OWN_LAYERS - 1)) : bigBytes;
    Map<String, String> layerOfPackage = new HashMap<>();
    packageBytes.forEach((p, bytes) -> layerOfPackage.put(p, bytes >= threshold ? p
        : bucketName("packages", p, buckets)));

    // Owned files first: their layers tell which directories belong to one package.
    Map<String, String> layerOf = new HashMap<>();
    Map<String, String> ownedDirs = new HashMap<>();
    for (Entry e : entries) {
      String o = owners.get(e.path());
      if (o == null || e.type() == Entry.Type.DIRECTORY || e.type() == Entry.Type.HARDLINK) continue;
      layerOf.put(e.path(), layerOfPackage.get(o));
      mark(ownedDirs, e.parent(), layerOfPackage.get(o));
    }
    // Then every other non-directory, in path order (a hard link's target comes first).
    Map<String, String> dirs = new HashMap<>();
    for (Entry e : entries) {
      if (e.type() == Entry.Type.DIRECTORY) continue;
      String layer = layerOf.get(e.path());
      if (layer == null) {
        layer = e.type() == Entry.Type.HARDLINK ? layerOf.getOrDefault(e.linkTarget(), tree) : unowned(e, ownedDirs,
            tree, buckets);
        layerOf.put(e.path(), layer);
      }
      mark(dirs, e.parent(), layer);
    }

    Map<String, List<Entry>> layers = new TreeMap<>();
    List<Entry> treeEntries = new ArrayList<>();
    for (Entry e : entries) {
      String layer = layerOf.get(e.path());
      if (e.type() == Entry.Type.DIRECTORY) {
        String d = dirs.get(e.path());
        if (SHARED.equals(d)) {
          e = new Entry(e.path(), e.type(), e.mode(), sharedDirTime, 0, null, e.source(), e.stat());
          layer = tree;
        } else {
          // No files below: with its parent (parents come first in path order).
          layer = d != null ? d : layerOf.getOrDefault(e.parent(), tree);
        }
        layerOf.put(e.path(), layer);
      }
      if (layer.equals(tree)) treeEntries.add(e);
      else layers.computeIfAbsent(layer, k -> new ArrayList<>()).add(e);
    }
    List<LayerContent> out = new ArrayList<>();
    out.add(new LayerContent(tree, treeEntries));
    // Own-package layers by name, then the package buckets, then the file buckets.
    for (String kind : new String[] {null, "packages-", "files-"}) {
      for (Map.Entry<String, List<Entry>> l : layers.entrySet()) {
        String k = l.getKey();
        boolean bucket = k.startsWith("packages-") || k.startsWith("files-");
        if (kind == null ? !bucket : k.startsWith(kind)) out.add(new LayerContent(k, l.getValue()));
      }
    }
    return out;
  }

  /** A file no package owns: with the one package whose directory holds it, else a bucket by path; symlinks: tree. */
  private static String unowned(Entry e, Map<String, String> ownedDirs, String tree, int buckets) {
    for (String d = e.parent(); !d.isEmpty(); d = parentOf(d)) {
      String l = ownedDirs.get(d);
      if (l == null) continue;
      if (l.equals(SHARED)) break;
      return l;
    }
    return e.type() == Entry.Type.FILE ? bucketName("files", e.path(), Math.max(1, buckets / 2)) : tree;
  }

  /** Records that DIR and its parents hold something of LAYER; a directory holding two layers is shared. */
  private static void mark(Map<String, String> dirs, String dir, String layer) {
    for (String d = dir; !d.isEmpty(); d = parentOf(d)) {
      String before = dirs.putIfAbsent(d, layer);
      if (before == null) continue;
      // Its parents were marked when it was: nothing above changes.
      if (before.equals(layer) || before.equals(SHARED)) break;
      dirs.put(d, SHARED);
    }
  }

  private static String bucketName(String kind, String key, int buckets) {
    int b = bucket(key, buckets);
    return kind + "-" + (b < 10 ? "0" : "") + b;
  }

  static int bucket(String key, int buckets) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % buckets);
  }

  private static String parentOf(String p) {
    int i = p.lastIndexOf('/');
    return i < 0 ? "" : p.substring(0, i);
  }
}
