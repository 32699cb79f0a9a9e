package io.envtainer.oci.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PlatformTest {
  private static final JsonNode INDEX = json("""
      {"schemaVersion":2,"manifests":[
       {"digest":"sha256:arm","platform":{"os":"linux","architecture":"arm64"}},
       {"digest":"sha256:attestation","platform":{"os":"unknown","architecture":"unknown"}},
       {"digest":"sha256:amd","platform":{"os":"linux","architecture":"amd64"}},
       {"digest":"sha256:ppc","platform":{"os":"linux","architecture":"ppc64le"}}]}
      """);

  @Test
  void jvmArchitectureNamesBecomeOciNames() {
    assertEquals("amd64", Platform.architecture("amd64"));
    assertEquals("amd64", Platform.architecture("x86_64"));
    assertEquals("arm64", Platform.architecture("aarch64"));
    assertEquals("ppc64le", Platform.architecture("ppc64le"));
    assertEquals("riscv64", Platform.architecture("riscv64"));
    assertEquals("linux/" + Platform.architecture(System.getProperty("os.arch")), Platform.host().toString());
  }

  @Test
  void anIndexResolvesToTheManifestOfTheGivenPlatform() throws IOException {
    assertEquals("sha256:amd", new Platform("linux", "amd64").pick(INDEX, "x").path("digest").asText());
    assertEquals("sha256:arm", new Platform("linux", "arm64").pick(INDEX, "x").path("digest").asText());
    JsonNode one = json("{\"manifests\":[{\"digest\":\"sha256:only\"}]}");
    assertEquals("sha256:only", new Platform("linux", "s390x").pick(one, "x").path("digest").asText());
  }

  @Test
  void noManifestForThePlatformIsOneClearError() {
    IOException e = assertThrows(IOException.class,
        () -> new Platform("linux", "s390x").pick(INDEX, "base.tar"));
    assertEquals("base.tar: expected one image for linux/s390x (this host), found none among linux/arm64, "
        + "unknown/unknown, linux/amd64, linux/ppc64le", e.getMessage());
    JsonNode twice = json("{\"manifests\":[{\"digest\":\"sha256:a\"},{\"digest\":\"sha256:b\"}]}");
    e = assertThrows(IOException.class, () -> new Platform("linux", "amd64").pick(twice, "r"));
    assertTrue(e.getMessage().contains("(no platform), (no platform)"), e.getMessage());
  }

  private static JsonNode json(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
