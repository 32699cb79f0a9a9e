package io.envtainer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.envtainer.oci.image.Json;
import io.envtainer.oci.layer.TarReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code envtainer build} end to end on a scratch base, without any tool: archives are read back here. */
@Tag("unit")
class BuildCommandTest {
  @TempDir Path dir;
  Path spec;
  Path env;

  @BeforeEach
  void environment() throws Exception {
    env = Files.createDirectories(dir.resolve("venv"));
    Files.writeString(env.resolve("pyvenv.cfg"), "home = /usr/bin\n");
    Files.createDirectories(env.resolve("bin"));
    Files.createSymbolicLink(env.resolve("bin/python"), Path.of("/usr/bin/python3"));
    Files.createDirectories(env.resolve("lib/python3.11/site-packages/demo"));
    Files.writeString(env.resolve("lib/python3.11/site-packages/demo/__init__.py"), "VERSION = '1'\n");
    spec = dir.resolve("demo.yaml");
    Files.writeString(spec, "name: demo\nbase: scratch\npython: {source: venv}\nbinds: [/scratch]\n"
        + "env: {GREETING: hello, ODD: \"$(not run)\"}\n");
  }

  private CliRun build(String to, String... more) {
    String[] base = {"build", spec.toString(), "--env-dir", env.toString(), "--to", to, "--cache",
        dir.resolve("cache").toString(), "--quiet"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return CliRun.of(all);
  }

  @Test
  void writesAnOciArchiveWithTheEnvironmentAndApptainerMetadata() throws Exception {
    Path out = dir.resolve("demo.tar");
    CliRun r = build("oci-archive:" + out, "--report", dir.resolve("report.json").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("oci-archive:" + out + " sha256:"), r.out());
    Map<String, TarReader.Item> archive = TarReader.read(out);
    assertTrue(archive.containsKey("blobs/") && archive.containsKey("blobs/sha256/"), archive.keySet().toString());
    JsonNode index = Json.read(archive.get("index.json").content(), "index");
    String manifestHex = index.at("/manifests/0/digest").asText().substring(7);
    assertEquals("demo:latest", index.at("/manifests/0/annotations/org.opencontainers.image.ref.name").asText());
    JsonNode manifest = Json.read(archive.get("blobs/sha256/" + manifestHex).content(), "manifest");
    JsonNode config = Json.read(archive.get("blobs/sha256/" + manifest.at("/config/digest").asText().substring(7))
        .content(), "config");
    assertEquals("[\"/.envtainer/runscript\"]", config.at("/config/Entrypoint").toString());
    assertTrue(config.at("/config/Env").toString().contains("\"GREETING=hello\""));
    assertFalse(config.at("/config/Env").toString().contains("ODD="), "Apptainer would run $(not run)");
    assertEquals("demo", config.at("/config/Labels/org.opencontainers.image.title").asText());

    Map<String, TarReader.Item> files = new java.util.HashMap<>();
    for (JsonNode l : manifest.path("layers")) {
      Path blob = Files.write(dir.resolve("layer"), archive.get("blobs/sha256/" + l.path("digest").asText().substring(7))
          .content());
      files.putAll(TarReader.read(blob));
    }
    assertEquals("/usr/bin/python3", files.get("opt/env/bin/python").header().getLinkName());
    assertTrue(files.containsKey("scratch/"), "mount point for the bind");
    String envScript = new String(files.get(".singularity.d/env/85-envtainer.sh").content());
    assertTrue(envScript.contains("export ODD='$(not run)'"), envScript);
    assertTrue(files.containsKey(".envtainer/check.py"));
    assertTrue(new String(files.get(".singularity.d/runscript.help").content()).contains("/scratch"));

    JsonNode report = Json.read(Files.readAllBytes(dir.resolve("report.json")), "report");
    assertEquals(index.at("/manifests/0/digest").asText(), report.path("manifestDigest").asText());
    assertEquals("built", report.at("/layers/0/status").asText());
  }

  @Test
  void theSameInputGivesTheSameArchiveByteForByte() throws Exception {
    assertEquals(0, build("oci-archive:" + dir.resolve("a.tar")).exit());
    assertEquals(0, CliRun.of("build", spec.toString(), "--env-dir", env.toString(), "--to",
        "oci-archive:" + dir.resolve("b.tar"), "--cache", dir.resolve("other-cache").toString(), "-q", "-j", "1").exit());
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.tar")), Files.readAllBytes(dir.resolve("b.tar")));
  }

  @Test
  void writesDockerArchivesAndLayoutDirectories() throws Exception {
    assertEquals(0, build("docker-archive:" + dir.resolve("d.tar")).exit());
    JsonNode m = Json.read(TarReader.read(dir.resolve("d.tar")).get("manifest.json").content(), "manifest.json");
    assertEquals("demo:latest", m.at("/0/RepoTags/0").asText());
    assertEquals(4, m.at("/0/Layers").size(), "env-tree, two files-NN (no package owns a file here), envtainer-metadata");

    assertEquals(0, build("oci:" + dir.resolve("layout")).exit());
    assertTrue(Files.isRegularFile(dir.resolve("layout/index.json")));
    assertEquals(0, build("oci:" + dir.resolve("layout")).exit(), "an existing layout is replaced");
    try (var s = Files.list(dir)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".layout")), "no staging left behind");
    }
  }

  @Test
  void withoutATerminalProgressIsOneLinePerStepAndLayer() throws Exception {
    CliRun r = CliRun.of("build", spec.toString(), "--env-dir", env.toString(), "--to",
        "oci-archive:" + dir.resolve("p.tar"), "--cache", dir.resolve("cache").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("envtainer: base scratch\n"), r.err());
    assertTrue(r.err().contains("envtainer: ODD is set by the image's environment script only"), r.err());
    assertTrue(r.err().matches("(?s).*  layer 1/4 built   \\S+: .* -> .*, \\d+ files\n.*"), r.err());
    assertTrue(r.err().contains("  layer 4/4 built"), r.err());
    assertFalse(r.err().contains("\r"), "no bar redrawing in logs");
    assertEquals(1, r.out().lines().count(), r.out());
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws Exception {
    CliRun r = build("sif:x.sif");
    assertEquals(2, r.exit());
    assertEquals("envtainer: --to sif:x.sif: expected oci-archive:PATH, docker-archive:PATH, oci:DIR or "
        + "docker://HOST/REPO:TAG", r.err().strip());

    r = CliRun.of("build", spec.toString(), "--env-dir", dir.resolve("missing").toString(), "--to",
        "oci-archive:" + dir.resolve("x.tar"));
    assertEquals(2, r.exit());
    assertEquals("envtainer: --env-dir " + dir.resolve("missing") + ": expected an environment directory, found nothing",
        r.err().strip());
    assertFalse(Files.exists(dir.resolve("x.tar")));
  }

  @Test
  void aFailedBuildKeepsTheOldOutputAndLeavesNothingHalfWritten() throws Exception {
    Path out = Files.writeString(dir.resolve("old.tar"), "the previous image");
    Files.writeString(spec, "name: demo\nbase: oci-archive:broken.tar\npython: {source: venv}\n");
    Files.writeString(dir.resolve("broken.tar"), "not a tar at all");
    CliRun r = build("oci-archive:" + out);
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.err().startsWith("envtainer: " + dir.resolve("broken.tar")), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertEquals("the previous image", Files.readString(out));
    try (var s = Files.list(dir)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".partial")));
    }
  }
}
