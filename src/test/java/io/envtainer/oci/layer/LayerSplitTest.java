package io.envtainer.oci.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LayerSplitTest {
  private static Entry file(String path, long size) {
    return new Entry(path, Entry.Type.FILE, 0644, 1, size, null, new Entry.Source.Bytes(new byte[0]), null);
  }

  @Test
  void bigPackagesGetTheirOwnLayerSmallOnesABucketSharedThingsTheTree() {
    List<Entry> entries = List.of(
        Entry.directory("env", 0755, 5),
        Entry.directory("env/lib", 0700, 5),
        Entry.directory("env/lib/big", 0755, 5),
        file("env/lib/big/a.so", 100),
        Entry.directory("env/lib/big/empty", 0755, 5),
        file("env/lib/big2.so", 50),
        file("env/lib/small.py", 10),
        Entry.directory("env/nothing", 0755, 5),
        file("env/orphan", 1),
        file("env/z-link", 0).asHardLinkTo("env/lib/big/a.so"));
    Map<String, String> owners = Map.of("env/lib/big/a.so", "conda:big", "env/lib/big2.so", "conda:big",
        "env/lib/small.py", "pypi:small", "env/z-link", "pypi:small");
    List<LayerContent> layers = LayerSplit.split("env", entries, owners, 150, 4, 42);

    assertEquals("env-tree", layers.get(0).name());
    assertEquals(List.of("env", "env/lib", "env/nothing"), paths(layers.get(0)));
    assertEquals(42, layers.get(0).entries().get(1).mtime(), "a shared directory gets the fixed time");
    assertEquals(0700, layers.get(0).entries().get(1).mode(), "and keeps its mode");
    assertEquals(5, layers.get(0).entries().get(2).mtime(), "an empty directory keeps its time");
    assertEquals("conda:big", layers.get(1).name());
    assertEquals(List.of("env/lib/big", "env/lib/big/a.so", "env/lib/big/empty", "env/lib/big2.so", "env/z-link"),
        paths(layers.get(1)), "own directories and hard links go with the package's files");
    assertEquals(5, layers.get(1).entries().get(0).mtime(), "a package's own directory keeps its time");
    String bucket = String.format("packages-%02d", LayerSplit.bucket("pypi:small", 4));
    assertEquals(bucket, layers.get(2).name());
    assertEquals(List.of("env/lib/small.py"), paths(layers.get(2)));
    assertEquals(String.format("files-%02d", LayerSplit.bucket("env/orphan", 2)), layers.get(3).name());
    assertEquals(List.of("env/orphan"), paths(layers.get(3)), "a file no package owns, in a shared directory");
    assertEquals(4, layers.size());
  }

  @Test
  void filesNoPackageOwnsGoWithThePackageWhoseDirectoryHoldsThem() {
    List<Entry> entries = List.of(
        Entry.directory("site", 0755, 5),
        Entry.directory("site/numpy", 0755, 5),
        Entry.directory("site/numpy/__pycache__", 0755, 5),
        file("site/numpy/__pycache__/core.cpython-311.pyc", 7),
        file("site/numpy/core.py", 100),
        file("site/six.py", 10),
        new Entry("site/link", Entry.Type.SYMLINK, 0777, 5, 0, "six.py", Entry.Source.NONE, null));
    Map<String, String> owners = Map.of("site/numpy/core.py", "deb:numpy", "site/six.py", "deb:six");
    List<LayerContent> layers = LayerSplit.split("env", entries, owners, 50, 4, 0);
    assertEquals(List.of("site", "site/link"), paths(layers.get(0)), "unowned symlinks stay in the tree");
    assertEquals("deb:numpy", layers.get(1).name());
    assertEquals(List.of("site/numpy", "site/numpy/__pycache__", "site/numpy/__pycache__/core.cpython-311.pyc",
        "site/numpy/core.py"), paths(layers.get(1)));
  }

  @Test
  void atMostSixtyFourPackagesGetALayerOfTheirOwn() {
    List<Entry> entries = new java.util.ArrayList<>();
    Map<String, String> owners = new java.util.HashMap<>();
    for (int i = 0; i < 100; i++) {
      entries.add(file(String.format("f%03d", i), 1000 + i));
      owners.put(String.format("f%03d", i), "pypi:p" + i);
    }
    List<LayerContent> layers = LayerSplit.split("env", entries, owners, 10, 8, 0);
    List<String> own = layers.stream().map(LayerContent::name).filter(n -> n.startsWith("pypi:")).toList();
    assertEquals(LayerSplit.MAX_OWN_LAYERS, own.size());
    assertTrue(own.contains("pypi:p99") && !own.contains("pypi:p35"), "the biggest ones: " + own);
  }

  @Test
  void theBucketOfAPackageDependsOnItsNameOnly() {
    assertEquals(LayerSplit.bucket("pypi:numpy", 16), LayerSplit.bucket("pypi:numpy", 16));
    int spread = (int) java.util.stream.IntStream.range(0, 200)
        .map(i -> LayerSplit.bucket("pypi:p" + i, 16)).distinct().count();
    assertTrue(spread >= 14, "200 names spread over the buckets: " + spread);
  }

  private static List<String> paths(LayerContent l) {
    return l.entries().stream().map(Entry::path).toList();
  }
}
