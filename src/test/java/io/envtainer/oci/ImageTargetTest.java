package io.envtainer.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ImageTargetTest {
  @Test
  void parsesEveryForm() throws Exception {
    assertEquals(new ImageTarget(ImageTarget.Kind.OCI_ARCHIVE, Path.of("out/x.tar"), null),
        ImageTarget.parse("oci-archive:out/x.tar"));
    assertEquals(ImageTarget.Kind.DOCKER_ARCHIVE, ImageTarget.parse("docker-archive:/x.tar").kind());
    assertEquals(ImageTarget.Kind.OCI_LAYOUT, ImageTarget.parse("oci:layout").kind());
    assertEquals("127.0.0.1:5000/hpc/sci:1.0", ImageTarget.parse("docker://127.0.0.1:5000/hpc/sci:1.0").reference());
    assertEquals("ghcr.io/hpc/sci:latest", ImageTarget.parse("docker://ghcr.io/hpc/sci").reference());
  }

  @Test
  void refusesWhatIsNoTarget() {
    for (String bad : new String[] {"x.tar", "oci-archive:", "docker://NoUpper/x", "docker://host-only", "sif:x.sif"}) {
      BuildInputException e = assertThrows(BuildInputException.class, () -> ImageTarget.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("--to " + bad + ": expected"), e.getMessage());
    }
  }
}
