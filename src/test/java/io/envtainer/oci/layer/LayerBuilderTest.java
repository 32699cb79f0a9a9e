package io.envtainer.oci.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.util.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class LayerBuilderTest {
  @TempDir Path dir;

  private Path env() throws Exception {
    Path env = Files.createDirectories(dir.resolve("env"));
    Files.createDirectories(env.resolve("lib/empty"));
    Files.writeString(env.resolve("lib/libx.so.1"), "elf".repeat(1000));
    Files.createSymbolicLink(env.resolve("lib/libx.so"), Path.of("libx.so.1"));
    Files.writeString(env.resolve("lib/a.py"), "print('a')\n");
    Files.createLink(env.resolve("lib/b.py"), env.resolve("lib/a.py"));
    Path tool = Files.writeString(env.resolve("tool"), "#!/bin/sh\n");
    Files.setAttribute(tool, "unix:mode", 04755);
    String longName = "d".repeat(120) + "/ünïcode-" + "n".repeat(90) + ".txt";
    Files.createDirectories(env.resolve(longName).getParent());
    Files.writeString(env.resolve(longName), "long");
    return env;
  }

  private static List<LayerContent> split(Path env) throws Exception {
    List<Entry> entries = TreeScan.scan(env, "/opt/env").entries();
    Map<String, String> owners = Map.of("opt/env/lib/libx.so.1", "conda:libx", "opt/env/lib/libx.so", "conda:libx",
        "opt/env/lib/a.py", "pypi:a");
    return LayerSplit.split("env", entries, owners, 1, 4, 0);
  }

  @Test
  void writesWhatTheTreeHasExactly() throws Exception {
    List<LayerBlob> blobs = new LayerBuilder(LayerCache.at(dir.resolve("cache")), 6, 2, LayerListener.NONE)
        .build(split(env()));
    Map<String, TarReader.Item> all = new java.util.HashMap<>();
    for (LayerBlob b : blobs) {
      Map<String, TarReader.Item> items = TarReader.read(b.file());
      all.putAll(items);
      assertEquals(Sha256.format(Sha256.newDigest().digest(Files.readAllBytes(b.file()))), b.digest());
      assertEquals(b.files(), (int) items.values().stream().filter(i -> i.header().getLinkFlag() == org.apache.commons.compress.archivers.tar.TarConstants.LF_NORMAL)
          .count());
    }
    TarArchiveEntry link = all.get("opt/env/lib/libx.so").header();
    assertTrue(link.isSymbolicLink());
    assertEquals("libx.so.1", link.getLinkName());
    TarArchiveEntry hard = all.get("opt/env/lib/b.py").header();
    assertTrue(hard.isLink());
    assertEquals("opt/env/lib/a.py", hard.getLinkName());
    assertEquals(04755, all.get("opt/env/tool").header().getMode() & 07777);
    assertTrue(all.get("opt/env/lib/empty/").header().isDirectory());
    TarArchiveEntry file = all.get("opt/env/lib/libx.so.1").header();
    assertEquals(0, file.getLongUserId());
    assertEquals(0, file.getLongGroupId());
    assertEquals("", file.getUserName());
    assertEquals(Files.getLastModifiedTime(dir.resolve("env/lib/libx.so.1")).toInstant().getEpochSecond(),
        file.getLastModifiedTime().toInstant().getEpochSecond());
    assertArrayEquals("elf".repeat(1000).getBytes(StandardCharsets.UTF_8), all.get("opt/env/lib/libx.so.1").content());
    assertTrue(all.keySet().stream().anyMatch(n -> n.endsWith("/ünïcode-" + "n".repeat(90) + ".txt")));
  }

  @Test
  void theSameTreeGivesTheSameBytesAndTheCacheKeepsUnchangedLayers() throws Exception {
    Path env = env();
    List<LayerBlob> first = new LayerBuilder(LayerCache.at(dir.resolve("c1")), 2, 2, LayerListener.NONE, 0)
        .build(split(env));
    List<LayerBlob> second = new LayerBuilder(LayerCache.at(dir.resolve("c2")), 2, 1, LayerListener.NONE, 0)
        .build(split(env));
    for (int i = 0; i < first.size(); i++) {
      assertEquals(first.get(i).digest(), second.get(i).digest());
      assertArrayEquals(Files.readAllBytes(first.get(i).file()), Files.readAllBytes(second.get(i).file()));
      assertEquals(LayerBlob.Status.BUILT, first.get(i).status());
    }
    List<LayerBlob> again = new LayerBuilder(LayerCache.at(dir.resolve("c1")), 2, 2, LayerListener.NONE, 0)
        .build(split(env));
    assertTrue(again.stream().allMatch(b -> b.status() == LayerBlob.Status.CACHED), again::toString);
    assertEquals(first.stream().map(LayerBlob::digest).toList(), again.stream().map(LayerBlob::digest).toList());
  }

  @Test
  void aContentChangeThatKeepsTheModificationTimeRebuildsItsLayerOnly() throws Exception {
    Path env = env();
    LayerCache cache = LayerCache.at(dir.resolve("cache"));
    List<LayerBlob> first = new LayerBuilder(cache, 2, 2, LayerListener.NONE, 0).build(split(env));
    Path lib = env.resolve("lib/libx.so.1");
    FileTime mtime = Files.getLastModifiedTime(lib);
    Files.writeString(lib, "ELF".repeat(1000));
    Files.setLastModifiedTime(lib, mtime);
    List<LayerBlob> second = new LayerBuilder(cache, 2, 2, LayerListener.NONE, 0).build(split(env));
    for (int i = 0; i < first.size(); i++) {
      boolean changed = second.get(i).name().equals("conda:libx");
      assertEquals(changed ? LayerBlob.Status.BUILT : LayerBlob.Status.CACHED, second.get(i).status(),
          second.get(i).name());
      assertEquals(!changed, first.get(i).digest().equals(second.get(i).digest()), second.get(i).name());
    }
  }

  @Test
  void levelZeroWritesPlainTarWhoseDigestIsItsDiffId() throws Exception {
    List<LayerBlob> blobs = new LayerBuilder(LayerCache.at(dir.resolve("cache")), 0, 1, LayerListener.NONE)
        .build(split(env()));
    for (LayerBlob b : blobs) {
      assertEquals(b.diffId(), b.digest());
      assertEquals(LayerBuilder.MEDIA_TYPE_TAR, b.mediaType());
      assertEquals(b.size(), b.uncompressedSize());
    }
  }

  @Test
  void aFailedLayerLeavesNoPartialBlob() throws Exception {
    Path env = env();
    List<LayerContent> layers = split(env);
    Files.delete(env.resolve("lib/libx.so.1"));
    LayerCache cache = LayerCache.at(dir.resolve("cache"));
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> new LayerBuilder(cache, 2, 2, LayerListener.NONE).build(layers));
    assertTrue(e.getMessage().contains("libx.so.1"), e.getMessage());
    try (var tmp = Files.list(cache.root().resolve("tmp"))) {
      assertFalse(tmp.findAny().isPresent(), "temporary files are removed");
    }
  }
}
