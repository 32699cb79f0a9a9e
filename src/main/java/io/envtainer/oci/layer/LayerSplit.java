package io.envtainer.oci.layer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    int n = entries.size();
    // Per entry, by index: its owner, its parent and its layer (one map lookup each, not one per pass).
    String[] owner = new String[n];
    String[] parent = new String[n];
    String[] layer = new String[n];
    Map<String, Long> packageBytes = new HashMap<>();
    Set<String> linkTargets = new HashSet<>();
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      parent[i] = e.parent();
      String o = owners.get(e.path());
      owner[i] = o;
      if (o != null) packageBytes.merge(o, e.size(), Long::sum);
      if (e.type() == Entry.Type.HARDLINK) linkTargets.add(e.linkTarget());
    }
    List<Long> sizes = new ArrayList<>(packageBytes.values());
    sizes.sort(java.util.Comparator.reverseOrder());
    long threshold = sizes.size() > MAX_OWN_LAYERS ? Math.max(bigBytes, sizes.get(MAX_OWN_LAYERS - 1)) : bigBytes;
    Map<String, String> layerOfPackage = new HashMap<>();
    packageBytes.forEach((p, bytes) -> layerOfPackage.put(p, bytes >= threshold ? p
        : bucketName("packages", p, buckets)));

    // Owned files first: their layers tell which directories belong to one package.
    Map<String, String> ownedDirs = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      if (owner[i] == null || e.type() == Entry.Type.DIRECTORY || e.type() == Entry.Type.HARDLINK) continue;
      layer[i] = layerOfPackage.get(owner[i]);
      mark(ownedDirs, parent[i], layer[i]);
    }
    // Then every other non-directory, in path order (a hard link's target comes first).
    Map<String, String> dirs = new HashMap<>();
    Map<String, String> targetLayers = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      if (e.type() == Entry.Type.DIRECTORY) continue;
      if (layer[i] == null) {
        layer[i] = e.type() == Entry.Type.HARDLINK ? targetLayers.getOrDefault(e.linkTarget(), tree)
            : unowned(e, parent[i], ownedDirs, tree, buckets);
      }
      if (linkTargets.contains(e.path())) targetLayers.put(e.path(), layer[i]);
      mark(dirs, parent[i], layer[i]);
    }

    // Directories last: parents come before their children in path order.
    Map<String, String> dirLayers = new HashMap<>();
    Map<String, List<Entry>> layers = new HashMap<>();
    List<Entry> treeEntries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      if (e.type() == Entry.Type.DIRECTORY) {
        String d = dirs.get(e.path());
        if (SHARED.equals(d)) {
          e = new Entry(e.path(), e.type(), e.mode(), sharedDirTime, 0, null, e.source(), e.stat());
          layer[i] = tree;
        } else {
          // No files below: with its parent.
          layer[i] = d != null ? d : dirLayers.getOrDefault(parent[i], tree);
        }
        dirLayers.put(e.path(), layer[i]);
      }
      if (layer[i].equals(tree)) treeEntries.add(e);
      else layers.computeIfAbsent(layer[i], k -> new ArrayList<>()).add(e);
    }
    List<LayerContent> out = new ArrayList<>();
    out.add(new LayerContent(tree, treeEntries));
    // Own-package layers by name, then the package buckets, then the file buckets.
    List<String> names = new ArrayList<>(layers.keySet());
    names.sort(null);
    for (String kind : new String[] {null, "packages-", "files-"}) {
      for (String k : names) {
        boolean bucket = k.startsWith("packages-") || k.startsWith("files-");
        if (kind == null ? !bucket : k.startsWith(kind)) out.add(new LayerContent(k, layers.get(k)));
      }
    }
    return out;
  }

  /** A file no package owns: with the one package whose directory holds it, else a bucket by path; symlinks: tree. */
  private static String unowned(Entry e, String parent, Map<String, String> ownedDirs, String tree, int buckets) {
    for (String d = parent; !d.isEmpty(); d = parentOf(d)) {
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
