package io.envtainer.oci.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class TreeScanTest {
  @TempDir Path dir;

  @Test
  void keepsSymlinksHardLinksModesAndEmptyDirectories() throws Exception {
    Path env = Files.createDirectories(dir.resolve("env"));
    Files.createDirectories(env.resolve("lib/empty"));
    Files.writeString(env.resolve("lib/libx.so.1.2"), "elf");
    Files.createSymbolicLink(env.resolve("lib/libx.so"), Path.of("libx.so.1.2"));
    Files.createSymbolicLink(env.resolve("lib/dangling"), Path.of("/nowhere/at/all"));
    Files.createSymbolicLink(env.resolve("libdir"), Path.of("lib"));
    Files.writeString(env.resolve("a-first"), "same inode");
    Files.createLink(env.resolve("z-second"), env.resolve("a-first"));
    Path tool = Files.writeString(env.resolve("tool"), "#!/bin/sh\n");
    Files.setAttribute(tool, "unix:mode", 04755);
    Path sticky = Files.createDirectories(env.resolve("shared"));
    Files.setAttribute(sticky, "unix:mode", 01777);
    new ProcessBuilder("mkfifo", env.resolve("pipe").toString()).start().waitFor();
    try (ServerSocketChannel s = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      s.bind(UnixDomainSocketAddress.of(env.resolve("sock")));

      TreeScan.Result r = TreeScan.scan(env, "/opt/env");
      Map<String, Entry> byPath = r.entries().stream().collect(Collectors.toMap(Entry::path, Function.identity()));

      assertEquals(List.of(env.resolve("sock").toRealPath().toString()).size(), r.skipped().size());
      assertEquals(r.entries().stream().map(Entry::path).sorted().toList(),
          r.entries().stream().map(Entry::path).toList(), "path order");
      assertEquals(Entry.Type.DIRECTORY, byPath.get("opt/env").type());
      assertEquals(Entry.Type.DIRECTORY, byPath.get("opt/env/lib/empty").type());
      assertEquals(Entry.Type.SYMLINK, byPath.get("opt/env/lib/libx.so").type());
      assertEquals("libx.so.1.2", byPath.get("opt/env/lib/libx.so").linkTarget());
      assertEquals("/nowhere/at/all", byPath.get("opt/env/lib/dangling").linkTarget());
      assertEquals(Entry.Type.SYMLINK, byPath.get("opt/env/libdir").type(), "a symlink to a directory is not followed");
      assertNull(byPath.get("opt/env/libdir/libx.so.1.2"));
      assertEquals(Entry.Type.FILE, byPath.get("opt/env/a-first").type());
      assertEquals(Entry.Type.HARDLINK, byPath.get("opt/env/z-second").type());
      assertEquals("opt/env/a-first", byPath.get("opt/env/z-second").linkTarget());
      assertEquals(04755, byPath.get("opt/env/tool").mode());
      assertEquals(01777, byPath.get("opt/env/shared").mode());
      assertEquals(Entry.Type.FIFO, byPath.get("opt/env/pipe").type());
      assertEquals(3, byPath.get("opt/env/lib/libx.so.1.2").size());
    }
  }

  @Test
  void theRootTargetHasNoEntryOfItsOwn() throws Exception {
    Files.writeString(dir.resolve("f"), "x");
    TreeScan.Result r = TreeScan.scan(dir, "/");
    assertEquals(List.of("f"), r.entries().stream().map(Entry::path).toList());
  }

  @Test
  void aSingleFileIsOneEntry() throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "x");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-x---"));
    TreeScan.Result r = TreeScan.scan(f, "/etc/app.conf");
    assertEquals(1, r.entries().size());
    assertEquals("etc/app.conf", r.entries().get(0).path());
    assertEquals(0750, r.entries().get(0).mode());
  }

  @Test
  void aMissingPathIsAnError() {
    IOException e = assertThrows(IOException.class, () -> TreeScan.scan(dir.resolve("nope"), "/x"));
    assertEquals(dir.resolve("nope") + ": no such file or directory", e.getMessage());
  }
}
