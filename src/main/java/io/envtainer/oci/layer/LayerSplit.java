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
 *   <li>{@code NAME-tree}: every directory and every file no package owns (the skeleton; small);
 *   <li>a package of at least {@code bigBytes} gets a layer of its own, named after it;
 *   <li>the other packages go to one of {@code buckets} layers, chosen by a hash of the package name.
 * </ul>
 * A hard link goes to the layer of the file it links to. Directories appear only in the tree layer, so that a
 * directory's time changing (a package added beside others) does not change every package's layer.
 */
public final class LayerSplit {
  public static final long DEFAULT_BIG_BYTES = 16L << 20;
  public static final int DEFAULT_BUCKETS = 16;

  private LayerSplit() {}

  public static List<LayerContent> split(String name, List<Entry> entries, Map<String, String> owners, long bigBytes,
      int buckets) {
    Map<String, Long> packageBytes = new HashMap<>();
    for (Entry e : entries) {
      String o = owners.get(e.path());
      if (o != null && e.type() != Entry.Type.DIRECTORY) packageBytes.merge(o, e.size(), Long::sum);
    }
    String tree = name + "-tree";
    Map<String, String> layerOf = new HashMap<>();
    Map<String, List<Entry>> layers = new TreeMap<>();
    List<Entry> treeEntries = new ArrayList<>();
    for (Entry e : entries) {
      String layer;
      if (e.type() == Entry.Type.DIRECTORY) {
        layer = tree;
      } else if (e.type() == Entry.Type.HARDLINK) {
        layer = layerOf.getOrDefault(e.linkTarget(), tree);
      } else {
        String o = owners.get(e.path());
        layer = o == null ? tree
            : packageBytes.get(o) >= bigBytes ? o
            : String.format("packages-%02d", bucket(o, buckets));
      }
      layerOf.put(e.path(), layer);
      if (layer.equals(tree)) treeEntries.add(e);
      else layers.computeIfAbsent(layer, k -> new ArrayList<>()).add(e);
    }
    List<LayerContent> out = new ArrayList<>();
    out.add(new LayerContent(tree, treeEntries));
    // Own-package layers first (sorted by name), then the buckets (packages-NN sorts after most names; keep order).
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
}
