package io.envtainer.oci.layer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Splits an environment into layers by a rule that depends only on each package's name and size, so that changing
 * one package changes one layer:
 * <ul>
 *   <li>a package of at least {@code bigBytes} gets a layer of its own, named after it ({@code deb:libc6});
 *   <li>the other packages go to one of {@code buckets} layers, chosen by a hash of the package name;
 *   <li>{@code NAME-tree} holds the files no package owns, and the directories shared by several layers;
 *   <li>a directory whose files all go to one layer goes with them (a package's own {@code numpy/}); a directory
 *       with no files under it goes with its parent; a hard link goes with the file it links to.
 * </ul>
 * Shared directories get the time {@code sharedDirTime} instead of their own: installing any package changes the
 * time of {@code site-packages/}, and that must not change every layer. Modes are kept.
 */
public final class LayerSplit {
  public static final long DEFAULT_BIG_BYTES = 16L << 20;
  public static final int DEFAULT_BUCKETS = 16;
  private static final String SHARED = "\0shared";

  private LayerSplit() {}

  public static List<LayerContent> split(String name, List<Entry> entries, Map<String, String> owners, long bigBytes,
      int buckets, long sharedDirTime) {
    Map<String, Long> packageBytes = new HashMap<>();
    for (Entry e : entries) {
      String o = owners.get(e.path());
      if (o != null && e.type() != Entry.Type.DIRECTORY) packageBytes.merge(o, e.size(), Long::sum);
    }
    String tree = name + "-tree";
    Map<String, String> layerOf = new HashMap<>();
    // Non-directories first: their layers decide where directories go.
    Map<String, String> dirLayer = new HashMap<>();
    for (Entry e : entries) {
      if (e.type() == Entry.Type.DIRECTORY) continue;
      String layer;
      if (e.type() == Entry.Type.HARDLINK) {
        layer = layerOf.getOrDefault(e.linkTarget(), tree);
      } else {
        String o = owners.get(e.path());
        layer = o == null ? tree
            : packageBytes.get(o) >= bigBytes ? o
            : String.format("packages-%02d", bucket(o, buckets));
      }
      layerOf.put(e.path(), layer);
      for (String d = e.parent(); !d.isEmpty(); d = parentOf(d)) {
        String before = dirLayer.putIfAbsent(d, layer);
        if (before == null || before.equals(layer)) continue;
        if (before.equals(SHARED)) break;
        dirLayer.put(d, SHARED);
      }
    }
    Map<String, List<Entry>> layers = new TreeMap<>();
    List<Entry> treeEntries = new ArrayList<>();
    for (Entry e : entries) {
      String layer = layerOf.get(e.path());
      if (e.type() == Entry.Type.DIRECTORY) {
        String d = dirLayer.get(e.path());
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
    // Own-package layers first, by name, then the buckets by number.
    for (Map.Entry<String, List<Entry>> l : layers.entrySet()) {
      if (!l.getKey().startsWith("packages-")) out.add(new LayerContent(l.getKey(), l.getValue()));
    }
    for (Map.Entry<String, List<Entry>> l : layers.entrySet()) {
      if (l.getKey().startsWith("packages-")) out.add(new LayerContent(l.getKey(), l.getValue()));
    }
    return out;
  }

  static int bucket(String packageId, int buckets) {
    CRC32 crc = new CRC32();
    crc.update(packageId.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % buckets);
  }

  private static String parentOf(String p) {
    int i = p.lastIndexOf('/');
    return i < 0 ? "" : p.substring(0, i);
  }
}
