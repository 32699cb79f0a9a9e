package io.envtainer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.host.Finding.Severity;
import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MpiCompatibilityTest {

  static MpiInstallation host(MpiFamily f, String version, String libName) {
    return new MpiInstallation(f, version, Path.of("/usr"), null, null, null, null, Path.of("/usr/lib/" + libName),
        libName, LibraryClosure.EMPTY, Map.of(), Map.of());
  }

  static Finding only(List<Finding> fs, String code) {
    List<Finding> m = fs.stream().filter(f -> f.code().equals(code)).toList();
    assertEquals(1, m.size(), fs.toString());
    return m.get(0);
  }

  static List<Finding> check(MpiFamily img, String iv, MpiMode mode, String glibc, MpiInstallation host, String need) {
    return MpiCompatibility.check(new MpiCompatibility.ImageMpi(img, iv, mode, glibc), host, need);
  }

  @Test
  void openMpiInTheImageAndMpichOnTheHostIsAnError() {
    Finding f = only(check(MpiFamily.OPENMPI, "4.1.4", MpiMode.HYBRID, null, host(MpiFamily.MPICH, "4.0.2", "libmpich.so.12"),
        null), "mpi-abi");
    assertEquals(Severity.ERROR, f.severity());
    assertTrue(f.message().contains("Open MPI (libmpi.so.40)") && f.message().contains("MPICH 4.0.2 (libmpi.so.12)"), f.message());
  }

  @Test
  void openMpiMajors() {
    MpiInstallation h4 = host(MpiFamily.OPENMPI, "4.1.4", "libmpi.so.40");
    assertEquals(Severity.OK, only(check(MpiFamily.OPENMPI, "4.1.6", MpiMode.HYBRID, null, h4, null), "mpi-version").severity());
    assertEquals(Severity.WARNING, only(check(MpiFamily.OPENMPI, "4.0.7", MpiMode.HYBRID, null, h4, null), "mpi-version").severity());
    assertEquals(Severity.WARNING, only(check(MpiFamily.OPENMPI, "5.0.7", MpiMode.HYBRID, null, h4, null), "mpi-version").severity());
    assertEquals(Severity.ERROR, only(check(MpiFamily.OPENMPI, "3.1.6", MpiMode.HYBRID, null, h4, null), "mpi-version").severity());
    assertEquals(Severity.WARNING, only(check(MpiFamily.OPENMPI, null, MpiMode.HYBRID, null, h4, null), "mpi-version-unknown")
        .severity());
  }

  @Test
  void mpichAbiMembersAreInterchangeable() {
    List<Finding> fs = check(MpiFamily.MPICH, "4.0.2", MpiMode.BIND, "2.36", host(MpiFamily.CRAY_MPICH, "8.1.27", "libmpi.so.12"),
        "2.28");
    assertEquals(Severity.OK, only(fs, "mpi-abi").severity());
    assertTrue(fs.stream().noneMatch(f -> f.severity() == Severity.ERROR), fs.toString());
    assertEquals(Severity.ERROR, only(check(MpiFamily.MPICH, null, MpiMode.HYBRID, null,
        host(MpiFamily.MPICH, "3.0.4", "libmpi.so.12"), null), "mpi-version").severity());
    assertEquals(Severity.OK, only(check(MpiFamily.MPICH, "4.0.2", MpiMode.BIND, "2.36",
        host(MpiFamily.MPICH, "4.0.2", "libmpich.so.12"), "2.34"), "mpi-soname").severity());
  }

  @Test
  void bindModeNeedsAnImageGlibcAtLeastAsNewAsTheHostLibraries() {
    MpiInstallation h = host(MpiFamily.OPENMPI, "4.1.4", "libmpi.so.40");
    Finding old = only(check(MpiFamily.OPENMPI, "4.1.4", MpiMode.BIND, "2.31", h, "2.34"), "glibc");
    assertEquals(Severity.ERROR, old.severity());
    assertTrue(old.message().contains("GLIBC_2.34") && old.message().contains("2.31"), old.message());
    assertEquals(Severity.OK, only(check(MpiFamily.OPENMPI, "4.1.4", MpiMode.BIND, "2.36", h, "2.34"), "glibc").severity());
    assertEquals(Severity.WARNING, only(check(MpiFamily.OPENMPI, "4.1.4", MpiMode.BIND, null, h, "2.34"), "glibc-unknown")
        .severity());
    assertTrue(check(MpiFamily.OPENMPI, "4.1.4", MpiMode.HYBRID, "2.31", h, "2.34").stream()
        .noneMatch(f -> f.code().startsWith("glibc")), "hybrid mode does not load host libraries");
  }

  @Test
  void noHostMpi() {
    assertEquals(Severity.ERROR, only(check(MpiFamily.OPENMPI, "4.1.4", MpiMode.HYBRID, null, null, null), "mpi-host-missing")
        .severity());
    assertEquals(Severity.OK, only(check(null, null, MpiMode.NONE, null, null, null), "mpi-none").severity());
  }
}
