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
  void bigPackagesGetTheirOwnLayerSmallOnesABucketDirectoriesTheTree() {
    List<Entry> entries = List.of(
        Entry.directory("env", 0755, 1),
        Entry.directory("env/lib", 0755, 1),
        file("env/lib/big.so", 100),
        file("env/lib/big2.so", 50),
        file("env/lib/small.py", 10),
        file("env/orphan", 1),
        file("env/z-link", 0).asHardLinkTo("env/lib/big.so"));
    Map<String, String> owners = Map.of("env/lib/big.so", "conda:big", "env/lib/big2.so", "conda:big",
        "env/lib/small.py", "pypi:small", "env/z-link", "pypi:small");
    List<LayerContent> layers = LayerSplit.split("env", entries, owners, 150, 4);

    assertEquals("env-tree", layers.get(0).name());
    assertEquals(List.of("env", "env/lib", "env/orphan"), paths(layers.get(0)));
    assertEquals("conda:big", layers.get(1).name());
    assertEquals(List.of("env/lib/big.so", "env/lib/big2.so", "env/z-link"), paths(layers.get(1)),
        "a hard link goes with the file it links to");
    String bucket = String.format("packages-%02d", LayerSplit.bucket("pypi:small", 4));
    assertEquals(bucket, layers.get(2).name());
    assertEquals(List.of("env/lib/small.py"), paths(layers.get(2)));
    assertEquals(3, layers.size());
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
