package io.envtainer.oci.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envtainer.oci.layer.LayerBlob;
import io.envtainer.plan.EnvEntry;
import io.envtainer.spec.SourceLocation;
import io.envtainer.util.Sha256;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ImageAssemblerTest {
  private static final SourceLocation HERE = SourceLocation.synthetic("test");
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);

  private static SourceImage base() throws Exception {
    ObjectNode config = (ObjectNode) Json.MAPPER.readTree("""
        {"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/bin:/bin","LANG=C.UTF-8"],
         "Cmd":["/bin/bash"],"Labels":{"vendor":"debian"},"StopSignal":"SIGTERM"},
         "rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"debootstrap"}]}
        """.formatted(D1));
    return new SourceImage("docker-archive:/base.tar", null, config,
        List.of(new ImageBlob(D1, 10, MediaTypes.LAYER_TAR, D1, BlobSource.of(new byte[10]))), null);
  }

  private static ImageSettings settings() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.title", "demo");
    labels.put("vendor", "us");
    return new ImageSettings(List.of(EnvEntry.set("VIRTUAL_ENV", "/opt/env", HERE),
        EnvEntry.prepend("PATH", "/opt/env/bin", HERE), EnvEntry.prepend("LD_LIBRARY_PATH", "/opt/mpi/lib", HERE)),
        List.of("/.envtainer/runscript"), labels, "envtainer 1.0", "1970-01-01T00:00:00Z");
  }

  @Test
  void mergesOverTheBaseConfigAndKeepsWhatItDoesNotKnow() throws Exception {
    LayerBlob added = new LayerBlob("env-tree", D2, D2, 5, 20, MediaTypes.LAYER_GZIP, 1, Path.of("/x"),
        LayerBlob.Status.BUILT);
    JsonNode c = ImageAssembler.config(base(), List.of(added), settings());
    assertEquals(List.of("PATH=/opt/env/bin:/usr/bin:/bin", "LANG=C.UTF-8", "VIRTUAL_ENV=/opt/env",
        "LD_LIBRARY_PATH=/opt/mpi/lib"), Json.MAPPER.convertValue(c.at("/config/Env"), List.class));
    assertEquals("[\"/.envtainer/runscript\"]", c.at("/config/Entrypoint").toString());
    assertFalse(c.path("config").has("Cmd"), "the base's Cmd would become arguments of the runscript");
    assertEquals("us", c.at("/config/Labels/vendor").asText());
    assertEquals("SIGTERM", c.at("/config/StopSignal").asText());
    assertEquals("[\"" + D1 + "\",\"" + D2 + "\"]", c.at("/rootfs/diff_ids").toString());
    assertEquals(2, c.path("history").size());
    assertEquals("env-tree", c.at("/history/1/comment").asText());
    assertEquals("envtainer 1.0", c.at("/history/1/created_by").asText());
  }

  @Test
  void theManifestIsTheBytesJibPushesAndItsDigestIsTheirs() throws Exception {
    LayerBlob added = new LayerBlob("env-tree", D2, D2, 5, 20, MediaTypes.LAYER_GZIP, 1, Path.of("/x"),
        LayerBlob.Status.BUILT);
    AssembledImage image = ImageAssembler.assemble("demo:latest", base(), List.of(added), settings());
    assertEquals(Sha256.of(image.manifest()), image.manifestDigest());
    JsonNode m = Json.read(image.manifest(), "manifest");
    assertEquals(MediaTypes.LAYER_TAR, m.at("/layers/0/mediaType").asText());
    assertEquals(MediaTypes.LAYER_GZIP, m.at("/layers/1/mediaType").asText());
    assertEquals(image.config().digest(), m.at("/config/digest").asText());
    byte[] jib = com.google.cloud.tools.jib.json.JsonTemplateMapper.toByteArray(
        com.google.cloud.tools.jib.json.JsonTemplateMapper.readJson(image.manifest(),
            com.google.cloud.tools.jib.image.json.OciManifestTemplate.class));
    assertEquals(new String(jib, java.nio.charset.StandardCharsets.UTF_8),
        new String(image.manifest(), java.nio.charset.StandardCharsets.UTF_8), "the bytes jib's client would push");
    byte[] again = ImageAssembler.assemble("demo:latest", base(), List.of(added), settings()).manifest();
    assertEquals(new String(image.manifest(), java.nio.charset.StandardCharsets.UTF_8),
        new String(again, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aBaseWithoutHistoryGetsOneEntryPerLayer() throws Exception {
    SourceImage b = base();
    b.config().remove("history");
    JsonNode c = ImageAssembler.config(b, List.of(), settings());
    assertEquals(1, c.path("history").size());
  }
}
