package io.envtainer.oci.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class PackageOwnersTest {
  @TempDir Path dir;

  @Test
  void pipRecordsClaimTheirFilesIncludingQuotedPathsAndScripts() throws Exception {
    Path site = Files.createDirectories(dir.resolve("lib/python3.11/site-packages"));
    Files.createDirectories(site.resolve("demo"));
    Files.writeString(site.resolve("demo/__init__.py"), "");
    Files.writeString(site.resolve("demo/a,b.py"), "");
    Files.createDirectories(dir.resolve("bin"));
    Files.writeString(dir.resolve("bin/demo-tool"), "");
    Files.writeString(dir.resolve("bin/other"), "");
    Path info = Files.createDirectories(site.resolve("Demo_Pkg-1.0.dist-info"));
    Files.writeString(info.resolve("RECORD"), String.join("\n",
        "demo/__init__.py,sha256=x,0",
        "\"demo/a,b.py\",sha256=y,0",
        "../../../bin/demo-tool,,",
        "Demo_Pkg-1.0.dist-info/RECORD,,",
        ""));
    Map<String, String> owners = PackageOwners.of(TreeScan.scan(dir, "/opt/env").entries(), dir, "/opt/env");
    assertEquals("pypi:demo-pkg", owners.get("opt/env/lib/python3.11/site-packages/demo/__init__.py"));
    assertEquals("pypi:demo-pkg", owners.get("opt/env/lib/python3.11/site-packages/demo/a,b.py"));
    assertEquals("pypi:demo-pkg", owners.get("opt/env/bin/demo-tool"));
    assertEquals("pypi:demo-pkg", owners.get("opt/env/lib/python3.11/site-packages/Demo_Pkg-1.0.dist-info/RECORD"));
    assertNull(owners.get("opt/env/bin/other"));
  }

  @Test
  void dpkgListsResolveMergedUsrSymlinksAndCondaWinsOverPip() throws Exception {
    Files.createDirectories(dir.resolve("usr/lib/x86_64-linux-gnu"));
    Files.createSymbolicLink(dir.resolve("lib"), Path.of("usr/lib"));
    Files.writeString(dir.resolve("usr/lib/x86_64-linux-gnu/libc.so.6"), "");
    Path info = Files.createDirectories(dir.resolve("var/lib/dpkg/info"));
    Files.writeString(info.resolve("libc6:amd64.list"), "/.\n/lib\n/lib/x86_64-linux-gnu/libc.so.6\n");
    Files.writeString(info.resolve("libc6:amd64.md5sums"), "");
    Files.createDirectories(dir.resolve("conda-meta"));
    Files.writeString(dir.resolve("conda-meta/numpy-1.26-py.json"),
        "{\"name\": \"numpy\", \"files\": [\"lib/python3.12/site-packages/numpy/core.py\"]}");
    Path site = Files.createDirectories(dir.resolve("lib/python3.12/site-packages/numpy"));
    Files.writeString(site.resolve("core.py"), "");
    Path dist = Files.createDirectories(dir.resolve("usr/lib/python3.12/site-packages/numpy-1.26.dist-info"));
    Files.writeString(dist.resolve("RECORD"), "numpy/core.py,,\n");

    Map<String, String> owners = PackageOwners.of(TreeScan.scan(dir, "/").entries(), dir, "/");
    assertEquals("deb:libc6", owners.get("usr/lib/x86_64-linux-gnu/libc.so.6"));
    assertEquals("deb:libc6", owners.get("var/lib/dpkg/info/libc6:amd64.md5sums"));
    assertEquals("conda:numpy", owners.get("usr/lib/python3.12/site-packages/numpy/core.py"));
    assertEquals("conda:numpy", owners.get("conda-meta/numpy-1.26-py.json"));
    assertNull(owners.get("usr/lib"), "directories listed by dpkg are not files of the package");
  }

  @Test
  void recordPathsAreCsv() {
    assertEquals("a,b.py", PackageOwners.recordPath("\"a,b.py\",sha256=1,2"));
    assertEquals("say \"hi\".py", PackageOwners.recordPath("\"say \"\"hi\"\".py\",,"));
    assertEquals("plain.py", PackageOwners.recordPath("plain.py,sha256=1,2"));
  }
}
