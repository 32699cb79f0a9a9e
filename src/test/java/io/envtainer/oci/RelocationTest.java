package io.envtainer.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.envtainer.oci.layer.Entry;
import io.envtainer.oci.layer.TreeScan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class RelocationTest {
  @TempDir Path dir;

  @Test
  void aVenvMadeElsewhereHasItsScriptsAndActivatePointedAtThePrefix() throws Exception {
    Path venv = Files.createDirectories(dir.resolve("home/u/venvs/sci"));
    String origin = venv.toString();
    Files.writeString(venv.resolve("pyvenv.cfg"), "home = /usr/bin\ncommand = /usr/bin/python3 -m venv "
        + "--system-site-packages " + origin + "\n");
    Path bin = Files.createDirectories(venv.resolve("bin"));
    Files.writeString(bin.resolve("pip"), "#!" + origin + "/bin/python3\nimport sys  # " + origin + " stays\n");
    Files.writeString(bin.resolve("activate"), "VIRTUAL_ENV=\"" + origin + "\"\nexport VIRTUAL_ENV\n");
    Files.writeString(bin.resolve("tool.sh"), "#!/bin/sh\necho " + origin + "\n");
    Files.createSymbolicLink(bin.resolve("python3"), Path.of("/usr/bin/python3"));

    assertEquals(origin, Relocation.origin(venv).orElseThrow());
    List<Entry> scanned = TreeScan.scan(venv, "/opt/env").entries();
    Map<String, Entry> out = Relocation.relocate(scanned, origin, "/opt/env").stream()
        .collect(Collectors.toMap(Entry::path, Function.identity()));
    assertEquals("#!/opt/env/bin/python3\nimport sys  # " + origin + " stays\n", text(out.get("opt/env/bin/pip")));
    assertEquals(text(out.get("opt/env/bin/pip")).length(), out.get("opt/env/bin/pip").size());
    assertEquals("VIRTUAL_ENV=\"/opt/env\"\nexport VIRTUAL_ENV\n", text(out.get("opt/env/bin/activate")));
    Entry unchanged = scanned.stream().filter(e -> e.path().equals("opt/env/bin/tool.sh")).findFirst().orElseThrow();
    assertSame(unchanged, out.get("opt/env/bin/tool.sh"), "only #! lines naming the venv change");
    assertEquals("/usr/bin/python3", out.get("opt/env/bin/python3").linkTarget());
  }

  @Test
  void theOriginComesFromAScriptWhenPyvenvCfgHasNoCommand() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("env/bin"));
    Files.writeString(dir.resolve("env/pyvenv.cfg"), "home = /usr/bin\n");
    Files.writeString(bin.resolve("pip3"), "#!/srv/envs/a/bin/python3.11 -E\n");
    assertEquals("/srv/envs/a", Relocation.origin(dir.resolve("env")).orElseThrow());
  }

  private static String text(Entry e) throws Exception {
    return e.source() instanceof Entry.Source.Bytes b ? new String(b.data(), StandardCharsets.UTF_8)
        : Files.readString(((Entry.Source.HostFile) e.source()).path());
  }
}
