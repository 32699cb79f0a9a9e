package io.envtainer.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envtainer.oci.image.Json;
import io.envtainer.oci.image.Platform;
import io.envtainer.testing.Tools;
import io.envtainer.util.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Multi-platform bases: an OCI image index whose platforms are the python-base image (for this host's platform) and
 * a small image for another architecture, pushed to the local registry by skopeo and packed in an OCI archive by
 * tar. The build must take the host's image from it, by tag, pinned by the index digest, and from the archive.
 */
@Tag("integration")
class RegistryIndexIT {
  private static Path dir;
  private static Path venv;
  private static Path layout;
  private static String hostManifest;
  private static int hostLayers;
  private static String indexDigest;
  private static String foreignArch;

  @BeforeAll
  static void index() throws Exception {
    dir = Tools.scratchDir("oci-index");
    venv = OciFixture.venv(dir, "2.0");
    layout = dir.resolve("layout");
    OciFixture.ok(List.of("skopeo", "copy", "-q", "docker-archive:" + Tools.pythonBaseDockerArchive(),
        "oci:" + layout + ":host"), dir);
    JsonNode host = Json.read(Files.readAllBytes(layout.resolve("index.json")), "index.json").path("manifests").get(0);
    hostManifest = host.path("digest").asText();
    hostLayers = Json.read(Files.readAllBytes(blob(hostManifest)), "manifest").path("layers").size();
    foreignArch = Platform.host().architecture().equals("arm64") ? "amd64" : "arm64";
    indexDigest = writeIndex(host, foreignArch, Platform.host().architecture());
  }

  /** Adds a one-file image for FOREIGN and an index [FOREIGN image, HOST as SECOND]; the layout names only it. */
  private static String writeIndex(JsonNode host, String foreign, String second) throws Exception {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(tar)) {
      byte[] content = (foreign + "\n").getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("marker");
      e.setSize(content.length);
      t.putArchiveEntry(e);
      t.write(content);
      t.closeArchiveEntry();
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
      g.write(tar.toByteArray());
    }
    String layer = put(gz.toByteArray());
    ObjectNode config = Json.object();
    config.put("architecture", foreign).put("os", "linux");
    config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(Sha256.of(tar.toByteArray()));
    byte[] configBytes = Json.bytes(config);
    ObjectNode manifest = Json.object();
    manifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    descriptor(manifest.putObject("config"), "application/vnd.oci.image.config.v1+json", put(configBytes),
        configBytes.length);
    descriptor(manifest.putArray("layers").addObject(), "application/vnd.oci.image.layer.v1.tar+gzip", layer,
        gz.size());
    byte[] manifestBytes = Json.bytes(manifest);

    ObjectNode index = Json.object();
    index.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
    ArrayNode list = index.putArray("manifests");
    ObjectNode f = descriptor(list.addObject(), "application/vnd.oci.image.manifest.v1+json", put(manifestBytes),
        manifestBytes.length);
    f.putObject("platform").put("architecture", foreign).put("os", "linux");
    ObjectNode h = descriptor(list.addObject(), host.path("mediaType").asText(), host.path("digest").asText(),
        host.path("size").asLong());
    h.putObject("platform").put("architecture", second).put("os", "linux");
    byte[] indexBytes = Json.bytes(index);
    String digest = put(indexBytes);

    ObjectNode top = Json.object();
    top.put("schemaVersion", 2);
    ObjectNode d = descriptor(top.putArray("manifests").addObject(), "application/vnd.oci.image.index.v1+json", digest,
        indexBytes.length);
    d.putObject("annotations").put("org.opencontainers.image.ref.name", "multi");
    Files.write(layout.resolve("index.json"), Json.bytes(top));
    return digest;
  }

  private static ObjectNode descriptor(ObjectNode d, String mediaType, String digest, long size) {
    return d.put("mediaType", mediaType).put("digest", digest).put("size", size);
  }

  private static String put(byte[] data) throws Exception {
    String digest = Sha256.of(data);
    Files.write(blob(digest), data);
    return digest;
  }

  private static Path blob(String digest) {
    return layout.resolve("blobs/sha256").resolve(Sha256.hex(digest));
  }

  private static String push(String name) {
    Tools.requireRegistry();
    String ref = Tools.REGISTRY + "/envtainer/" + name + "-" + System.nanoTime() + ":1";
    // --preserve-digests: skopeo may otherwise swap a layer for a compressed copy it knows the registry has (its blob
    // info cache), and rewrite the manifests with it.
    OciFixture.ok(List.of("skopeo", "copy", "-q", "--all", "--preserve-digests", "--dest-tls-verify=false",
        "oci:" + layout + ":multi", "docker://" + ref), dir);
    return ref;
  }

  private static Path spec(String name, String base) throws Exception {
    Path spec = dir.resolve(name + ".yaml");
    Files.writeString(spec, "envtainer: 1\nname: " + name + "\nbase: " + base
        + "\npython: {source: venv, system_site_packages: true}\n");
    return spec;
  }

  /** Builds to an OCI layout and returns the report; the image's config must be the host's platform. */
  private static JsonNode build(String name, String base) throws Exception {
    Path out = dir.resolve(name + "-image");
    Path report = dir.resolve(name + ".json");
    JsonNode r = OciFixture.build(spec(name, base), venv, "oci:" + out, dir.resolve("cache"), "-q",
        "--insecure-registry", "--report", report.toString()).report(report);
    JsonNode manifest = Json.read(Files.readAllBytes(out.resolve("blobs/sha256").resolve(
        Sha256.hex(r.path("manifestDigest").asText()))), "manifest");
    JsonNode config = Json.read(Files.readAllBytes(out.resolve("blobs/sha256").resolve(
        Sha256.hex(manifest.at("/config/digest").asText()))), "config");
    assertEquals(Platform.host().architecture(), config.path("architecture").asText());
    assertEquals(r.path("baseDigest").asText(),
        config.at("/config/Labels/org.opencontainers.image.base.digest").asText());
    return r;
  }

  @Test
  void aRegistryIndexResolvesToTheHostsImage() throws Exception {
    String ref = push("multi");
    JsonNode r = build("by-tag", "docker://" + ref);
    assertEquals(hostManifest, r.path("baseDigest").asText(), "the host's manifest, not the index or the other one");
    assertEquals(hostLayers, r.path("baseLayers").asInt());
    assertNotEquals(indexDigest, hostManifest);
    JsonNode pinned = build("by-digest", "docker://" + ref + "@" + indexDigest);
    assertEquals(hostManifest, pinned.path("baseDigest").asText(), "pinned by the index digest");
    assertEquals(hostLayers, pinned.path("baseLayers").asInt());
  }

  @Test
  void anOciArchiveWithANestedIndexResolvesToTheHostsImage() throws Exception {
    Path archive = dir.resolve("multi.tar");
    // As a person would pack a layout: tar of the directory, names starting with ./
    OciFixture.ok(List.of("tar", "-C", layout.toString(), "-cf", archive.toString(), "."), dir);
    JsonNode r = build("from-archive", "oci-archive:" + archive);
    assertEquals(hostManifest, r.path("baseDigest").asText());
    assertEquals(hostLayers, r.path("baseLayers").asInt());
  }

  @Test
  void anIndexWithoutTheHostsPlatformIsOneClearError() throws Exception {
    Path other = dir.resolve("foreign-only");
    OciFixture.ok(List.of("cp", "-a", layout.toString(), other.toString()), dir);
    Path saved = layout;
    layout = other;
    try {
      // Both entries of the index say a foreign platform now.
      JsonNode hostDescriptor = Json.read(Files.readAllBytes(blob(indexDigest)), "index").path("manifests").get(1);
      String foreignIndex = writeIndex(hostDescriptor, foreignArch, "s390x");
      String ref = push("foreign");
      OciFixture.Run run = OciFixture.build(spec("foreign", "docker://" + ref), venv, "oci:" + dir.resolve("f"),
          dir.resolve("cache"), "-q", "--insecure-registry");
      assertEquals(1, run.exit(), run.err());
      assertTrue(run.err().contains("expected one image for " + Platform.host() + " (this host), found none among linux/"
          + foreignArch + ", linux/s390x"), run.err());
      assertEquals(1, run.err().strip().lines().count(), run.err());
      assertTrue(Files.notExists(dir.resolve("f")), "no partial output");

      // Pinned to the foreign image itself: it builds, and says why it will not run here, --quiet or not.
      String foreignManifest = Json.read(Files.readAllBytes(blob(foreignIndex)), "index").at("/manifests/0/digest").asText();
      OciFixture.Run pinned = OciFixture.build(spec("foreign-pinned", "docker://" + ref + "@" + foreignManifest), venv,
          "oci:" + dir.resolve("f"), dir.resolve("cache"), "-q", "--insecure-registry");
      assertEquals(0, pinned.exit(), pinned.err());
      assertEquals("envtainer: warning: the base image is for " + foreignArch + " and this host is "
          + Platform.host().architecture() + ": the environment's binaries were made here and will not run on that "
          + "base", pinned.err().strip());
    } finally {
      layout = saved;
    }
  }
}
