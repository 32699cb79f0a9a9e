package io.envtainer.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.envtainer.testing.TestWheels;
import io.envtainer.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Upgrading one package in the venv rebuilds the one layer that holds it; the rest comes from the cache. */
@Tag("integration")
class OciRebuildIT {
  @Test
  void changingOnePackageRebuildsOneLayer() throws Exception {
    Path dir = Tools.scratchDir("oci-rebuild");
    Path venv = OciFixture.venv(dir, "2.0");
    Path spec = OciFixture.spec(dir, "rebuild");
    Path cache = dir.resolve("cache");
    // Files younger than 2 s are never trusted for a cache key (their ctime could repeat): let them age.
    Thread.sleep(2100);
    Path first = dir.resolve("first.json");
    JsonNode cold = OciFixture.build(spec, venv, "oci-archive:" + dir.resolve("img.tar"), cache, "-q",
        "--report", first.toString()).report(first);
    assertEquals(List.of(), statuses(cold, "cached"), "a cold build builds every layer");
    Tools.requireRegistry();
    // A repository of its own: nothing in it before this test.
    String ref = Tools.REGISTRY + "/envtainer/rebuild-" + System.nanoTime() + ":1";
    Path push = dir.resolve("push.json");
    JsonNode pushed = OciFixture.build(spec, venv, "docker://" + ref, cache, "-q", "--insecure-registry", "--report",
        push.toString()).report(push);

    TestWheels.build(dir.resolve("wheels"), "envtainer-other", "2.1");
    OciFixture.pip(venv, dir.resolve("wheels"), "envtainer-other==2.1");
    Thread.sleep(2100);
    Path second = dir.resolve("second.json");
    JsonNode warm = OciFixture.build(spec, venv, "oci-archive:" + dir.resolve("img.tar"), cache, "-q",
        "--report", second.toString()).report(second);
    List<String> built = statuses(warm, "built");
    assertEquals(1, built.size(), "one layer rebuilt: " + built + " of " + statuses(warm, "cached"));
    assertEquals(cold.path("layers").size(), warm.path("layers").size());

    Path third = dir.resolve("third.json");
    // The registry has the image from before the upgrade: only the changed layer and the config go up.
    Path repush = dir.resolve("repush.json");
    OciFixture.Run run = OciFixture.build(spec, venv, "docker://" + ref, cache, "--insecure-registry", "--report",
        repush.toString());
    JsonNode r = run.report(repush);
    String changed = null;
    for (JsonNode l : r.path("layers")) {
      if (l.path("name").asText().equals(built.get(0))) changed = l.path("digest").asText();
    }
    List<String> uploaded = new ArrayList<>();
    r.path("uploaded").forEach(u -> uploaded.add(u.asText()));
    // Blobs go up in digest order, so compare as sets.
    assertEquals(java.util.Set.of(changed, r.path("configDigest").asText()), java.util.Set.copyOf(uploaded));
    assertEquals(2, uploaded.size(), "uploaded: " + uploaded);
    // Without -q, outside a terminal: a line per blob says whether it went up.
    List<String> blobLines = run.err().lines().filter(l -> l.startsWith("  blob ")).toList();
    assertEquals(r.path("layers").size() + r.path("baseLayers").asInt() + 1, blobLines.size(), run.err());
    assertEquals(2, blobLines.stream().filter(l -> l.contains(" uploaded ")).count(), run.err());
    String changedShort = changed.substring(0, 19);
    assertTrue(blobLines.stream().anyMatch(l -> l.contains(" uploaded ") && l.contains(changedShort)), run.err());
    assertEquals(pushed.path("uploaded").size(), pushed.path("layers").size() + 2,
        "the first push uploaded every layer, the base's and the config");
    JsonNode again = OciFixture.build(spec, venv, "oci-archive:" + dir.resolve("img.tar"), cache, "-q",
        "--report", third.toString()).report(third);
    assertEquals(List.of(), statuses(again, "built"), "nothing changed, nothing built");
  }

  private static List<String> statuses(JsonNode report, String status) {
    List<String> out = new ArrayList<>();
    for (JsonNode l : report.path("layers")) if (l.path("status").asText().equals(status)) out.add(l.path("name").asText());
    return out;
  }
}
