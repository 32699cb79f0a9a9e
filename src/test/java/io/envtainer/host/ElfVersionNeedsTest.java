package io.envtainer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java reader of .gnu.version_r against objdump's reading of the same real Debian library. */
@Tag("unit")
class ElfVersionNeedsTest {

  @Test
  void agreesWithObjdumpOnARealLibrary() throws Exception {
    Path elf = Path.of(getClass().getResource("recorded/elf/libevent_pthreads-2.1.so.7.0.1").toURI());
    Map<String, Set<String>> expected = objdumpVersionReferences(
        RecordedHost.resource("elf/libevent_pthreads-2.1.so.7.0.1.objdump-p.out"));
    assertEquals(Map.of("libc.so.6", Set.of("GLIBC_2.34", "GLIBC_2.2.5", "GLIBC_2.4", "GLIBC_2.3.2")), expected);
    assertEquals(expected, ElfVersionNeeds.read(elf));
    assertEquals("2.34", ElfVersionNeeds.maxGlibc(List.of(elf)).orElseThrow());
  }

  @Test
  void notAnElfFileIsAnError(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("x.so"), "#!/bin/sh\necho not elf, but long enough to have a header......\n");
    assertThrows(IOException.class, () -> ElfVersionNeeds.read(f));
  }

  /** The "Version References" block of {@code objdump -p}. */
  static Map<String, Set<String>> objdumpVersionReferences(String text) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    String lib = null;
    boolean in = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("Version References:")) {
        in = true;
      } else if (in && line.trim().startsWith("required from ")) {
        lib = line.trim().substring("required from ".length()).replace(":", "");
        out.put(lib, new TreeSet<>());
      } else if (in && lib != null && line.trim().startsWith("0x")) {
        String[] w = line.trim().split("\\s+");
        out.get(lib).add(w[w.length - 1]);
      }
    }
    return out;
  }
}
