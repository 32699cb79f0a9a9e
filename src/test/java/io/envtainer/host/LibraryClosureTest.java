package io.envtainer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ldd output parsing on recordings of Debian 12's ldd. */
@Tag("unit")
class LibraryClosureTest {

  @Test
  void notFoundLibrariesAreReportedAsMissing() throws Exception {
    String jvm = "/usr/lib/jvm/java-1.17.0-openjdk-amd64/lib/libawt.so";
    RecordedHost host = new RecordedHost().files(jvm).command("ldd " + jvm, "ldd/debian12-libawt-not-found.out");
    LibraryClosure c = LibraryClosure.compute(host, Map.of(), List.of(Path.of(jvm)));
    assertEquals(List.of("libjvm.so"), c.missing());
    assertTrue(c.libraries().stream().anyMatch(l -> l.soname().equals("libjava.so") && l.found()), c.libraries().toString());
  }

  @Test
  void parsesEveryLineShape() {
    List<SharedLibrary> libs = LibraryClosure.parseLdd(RecordedHost.resource("ldd/debian12-libmpich.so.12.out"));
    assertEquals("libhwloc.so.15", libs.get(0).soname());
    assertEquals(Path.of("/lib/x86_64-linux-gnu/libhwloc.so.15"), libs.get(0).path());
    SharedLibrary loader = libs.stream().filter(l -> l.soname().startsWith("ld-linux")).findFirst().orElseThrow();
    assertEquals(Path.of("/lib64/ld-linux-x86-64.so.2"), loader.path());
    assertEquals(SharedLibrary.Kind.GLIBC, loader.kind());
    assertEquals(10, libs.size(), libs.toString());
  }

  @Test
  void aFileThatIsNotDynamicHasNoClosure() throws Exception {
    RecordedHost host = new RecordedHost().command("ldd /usr/share/openmpi/help-mpi-api.txt",
        new CommandRunner.Result(1, "", RecordedHost.resource("ldd/not-dynamic.out")));
    LibraryClosure c = LibraryClosure.compute(host, Map.of(), List.of(Path.of("/usr/share/openmpi/help-mpi-api.txt")));
    assertTrue(c.libraries().isEmpty());
  }

  @Test
  void classifiesGlibcAndCompilerRuntime() {
    assertEquals(SharedLibrary.Kind.GLIBC, SharedLibrary.classify("libpthread.so.0"));
    assertEquals(SharedLibrary.Kind.GLIBC, SharedLibrary.classify("libnss_files.so.2"));
    assertEquals(SharedLibrary.Kind.COMPILER_RUNTIME, SharedLibrary.classify("libgfortran.so.5"));
    assertEquals(SharedLibrary.Kind.HOST, SharedLibrary.classify("libfabric.so.1"));
  }
}
