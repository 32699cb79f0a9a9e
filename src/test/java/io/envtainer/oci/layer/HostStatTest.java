package io.envtainer.oci.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class HostStatTest {
  @TempDir Path dir;

  @Test
  void theDirectReadingAgreesWithTheJdksAttributeApi() throws Exception {
    assertTrue(HostStat.direct(), "surefire opens sun.nio.fs as bin/envtainer does (pom.xml argLine)");
    Path file = Files.writeString(dir.resolve("file"), "12345");
    Files.setAttribute(file, "unix:mode", 04750);
    Files.createLink(dir.resolve("link"), file);
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.setAttribute(sub, "unix:mode", 01777);
    Path symlink = Files.createSymbolicLink(dir.resolve("symlink"), Path.of("nowhere"));
    for (Path p : List.of(file, sub, symlink, dir)) {
      HostStat direct = HostStat.of(p);
      assertEquals(HostStat.portable(p), direct, p.toString());
    }
    assertEquals(0104750, HostStat.of(file).mode());
    assertEquals(2, HostStat.of(file).nlink());
    assertEquals(5, HostStat.of(file).size());
  }
}
