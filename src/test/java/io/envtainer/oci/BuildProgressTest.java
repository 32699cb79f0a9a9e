package io.envtainer.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.oci.image.BlobSource;
import io.envtainer.oci.image.ImageBlob;
import io.envtainer.oci.layer.LayerBlob;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BuildProgressTest {
  private final StringWriter out = new StringWriter();

  private BuildProgress progress(BuildProgress.Mode mode) {
    return new BuildProgress(new PrintWriter(out, true), mode);
  }

  private static LayerBlob layer(String name, LayerBlob.Status status) {
    return new LayerBlob(name, "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), 2048, 3 << 20,
        "application/vnd.oci.image.layer.v1.tar+gzip", 7, Path.of("/cache/blob"), status);
  }

  private static ImageBlob blob(char c, long size) {
    return new ImageBlob("sha256:" + String.valueOf(c).repeat(64), size, "application/octet-stream", null,
        BlobSource.of(new byte[0]));
  }

  /** A build that makes two layers, then pushes three blobs, one of them already in the registry. */
  private static void build(BuildProgress p) {
    p.step("base scratch");
    p.layers(2, 6 << 20);
    p.bytes(3 << 20);
    p.finished(layer("pypi:numpy", LayerBlob.Status.BUILT));
    p.bytes(3 << 20);
    p.finished(layer("env-tree", LayerBlob.Status.CACHED));
    p.end();
    p.step("writing docker://host/repo:1");
    p.start(3, 3000);
    p.bytes(1000);
    p.pushed(blob('1', 1000), true);
    p.pushed(blob('2', 1500), false);
    p.bytes(500);
    p.pushed(blob('3', 500), true);
    p.end();
    p.warning("a warning");
  }

  @Test
  void linesModeSaysEveryStepLayerAndBlob() {
    build(progress(BuildProgress.Mode.LINES));
    assertEquals("""
        envtainer: base scratch
          layer 1/2 built   pypi:numpy: 3.0 MB -> 2.0 KB, 7 files
          layer 2/2 cached  env-tree: 3.0 MB -> 2.0 KB, 7 files
        envtainer: writing docker://host/repo:1
          blob 1/3 uploaded      sha256:111111111111, 1000 B
          blob 2/3 already there sha256:222222222222, 1.5 KB
          blob 3/3 uploaded      sha256:333333333333, 500 B
        envtainer: warning: a warning
        """, out.toString());
  }

  @Test
  void quietModeSaysOnlyWarnings() {
    build(progress(BuildProgress.Mode.QUIET));
    assertEquals("envtainer: warning: a warning\n", out.toString());
  }

  @Test
  void barModeRedrawsOneLinePerPhaseWithCountsAndBytes() {
    build(progress(BuildProgress.Mode.BAR));
    String[] lines = out.toString().split("\n");
    assertEquals("envtainer: base scratch", lines[0]);
    assertTrue(lines[1].startsWith("\r["), lines[1]);
    assertTrue(lines[1].endsWith("\r[==============================] 2/2 layers  6.0 MB / 6.0 MB   "), lines[1]);
    assertTrue(lines[2].endsWith("envtainer: writing docker://host/repo:1"), lines[2]);
    // The blob already there counts as done: the bar ends full.
    assertTrue(lines[3].endsWith("\r[==============================] 3/3 blobs  2.9 KB / 2.9 KB   "), lines[3]);
    assertEquals("envtainer: warning: a warning", lines[4]);
  }

  @Test
  void ciLogsGetLinesAndQuietWins() {
    assertEquals(BuildProgress.Mode.LINES, BuildProgress.modeFor(false, Map.of("CI", "true")));
    assertEquals(BuildProgress.Mode.QUIET, BuildProgress.modeFor(true, Map.of()));
  }
}
