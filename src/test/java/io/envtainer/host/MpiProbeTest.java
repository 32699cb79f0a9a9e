package io.envtainer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.MpiFamily;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** MpiProbe on outputs recorded from Debian 12's real ompi_info, mpirun, mpichversion and ldd. */
@Tag("unit")
class MpiProbeTest {
  private static final String LIB = "/usr/lib/x86_64-linux-gnu";

  @Test
  void debianOpenMpiFromItsLauncherAndOmpiInfo() throws Exception {
    RecordedHost host = new RecordedHost()
        .files("/usr/bin/mpirun", "/usr/bin/ompi_info")
        .command("/usr/bin/mpirun --version", "debian12-openmpi/mpirun--version.out")
        .command("/usr/bin/ompi_info --parsable", "debian12-openmpi/ompi_info--parsable.out")
        .command("/usr/bin/ompi_info --parsable --path all", "debian12-openmpi/ompi_info--parsable--path-all.out")
        .link(LIB + "/openmpi/lib/libmpi.so", LIB + "/libmpi.so.40.30.4")
        .command("ldd " + LIB + "/libmpi.so.40.30.4", "ldd/debian12-libmpi.so.40.out");
    MpiInstallation mpi = new MpiProbe(host).probe(Map.of("PATH", "/usr/local/bin:/usr/bin")).orElseThrow();
    assertEquals(MpiFamily.OPENMPI, mpi.family());
    assertEquals("4.1.4", mpi.version());
    assertEquals(Path.of("/usr"), mpi.prefix());
    assertTrue(mpi.inSystemPrefix());
    assertEquals(Path.of(LIB + "/openmpi/lib/openmpi3"), mpi.pluginDir());
    assertEquals(Path.of("/usr/share/openmpi"), mpi.dataDir());
    assertEquals(Path.of(LIB + "/libmpi.so.40.30.4"), mpi.libmpi());
    assertEquals("libmpi.so.40", mpi.libmpiName());
    assertTrue(mpi.sources().get("version").startsWith("ompi_info --parsable"), mpi.sources().toString());
    LibraryClosure c = mpi.closure();
    assertTrue(c.missing().isEmpty());
    // ldd prints the loader's search path, /lib/... on a merged-/usr Debian
    assertEquals(Path.of("/lib/x86_64-linux-gnu/libopen-rte.so.40"), find(c, "libopen-rte.so.40").path());
    assertEquals(SharedLibrary.Kind.HOST, find(c, "libhwloc.so.15").kind());
    assertEquals(SharedLibrary.Kind.GLIBC, find(c, "libc.so.6").kind());
    assertEquals(SharedLibrary.Kind.GLIBC, find(c, "ld-linux-x86-64.so.2").kind());
    assertTrue(c.libraries().stream().noneMatch(l -> l.soname().startsWith("linux-vdso")));
  }

  @Test
  void runtimeOnlyOpenMpiFiveIsFoundThroughTheLibraryItsOwnToolLoads() throws Exception {
    // Debian 13 with openmpi-bin but no libopenmpi-dev (recorded in the test harness's Apptainer root): ompi_info names
    // libdir .../openmpi/lib, which holds no libmpi; the loader finds it in /usr/lib/x86_64-linux-gnu.
    String r = "debian13-openmpi-runtime/";
    RecordedHost host = new RecordedHost()
        .files("/usr/bin/mpirun", "/usr/bin/ompi_info")
        .command("/usr/bin/mpirun --version", r + "mpirun--version.out")
        .command("/usr/bin/ompi_info --parsable", r + "ompi_info--parsable.out")
        .command("/usr/bin/ompi_info --parsable --path all", r + "ompi_info--parsable--path-all.out")
        .command("ldd /usr/bin/ompi_info", r + "ldd-ompi_info.out")
        .link(LIB + "/libmpi.so.40", LIB + "/libmpi.so.40.40.7")
        .command("ldd " + LIB + "/libmpi.so.40.40.7", r + "ldd-libmpi.so.40.out");
    MpiInstallation mpi = new MpiProbe(host).probe(Map.of("PATH", "/usr/bin:/bin")).orElseThrow();
    assertEquals("5.0.7", mpi.version());
    assertEquals(Path.of(LIB + "/libmpi.so.40.40.7"), mpi.libmpi());
    assertEquals("libmpi.so.40", mpi.libmpiName());
    assertEquals(LIB + "/libmpi.so.40 -> " + LIB + "/libmpi.so.40.40.7 (the library ldd /usr/bin/ompi_info resolves)",
        mpi.sources().get("libmpi"));
    assertEquals(SharedLibrary.Kind.HOST, find(mpi.closure(), "libpmix.so.2").kind());
    BindSet binds = MpiBindings.of(mpi);
    assertTrue(binds.binds().stream().anyMatch(b -> b.source().equals(LIB + "/libmpi.so.40.40.7")
        && b.target().equals("/opt/envtainer/host-libs/libmpi.so.40")), binds.toString());
    assertEquals(java.util.List.of("/opt/envtainer/host-libs"), binds.libraryPath());
  }

  @Test
  void noLibmpiAnywhereSaysWhereItLooked() throws Exception {
    String r = "debian13-openmpi-runtime/";
    RecordedHost host = new RecordedHost()
        .files("/usr/bin/mpirun", "/usr/bin/ompi_info")
        .command("/usr/bin/mpirun --version", r + "mpirun--version.out")
        .command("/usr/bin/ompi_info --parsable", r + "ompi_info--parsable.out")
        .command("/usr/bin/ompi_info --parsable --path all", r + "ompi_info--parsable--path-all.out")
        .command("ldd /usr/bin/ompi_info", new CommandRunner.Result(0, "\tlibmpi.so.40 => not found\n", ""));
    MpiInstallation mpi = new MpiProbe(host).probe(Map.of("PATH", "/usr/bin")).orElseThrow();
    assertNull(mpi.libmpi());
    assertTrue(mpi.sources().get("libmpi").endsWith(" and in ldd /usr/bin/ompi_info)"), mpi.sources().get("libmpi"));
  }

  @Test
  void debianMpichFromHydraAndMpichversion() throws Exception {
    RecordedHost host = new RecordedHost()
        .files("/usr/bin/mpirun", "/usr/bin/mpichversion")
        .command("/usr/bin/mpirun --version", "debian12-mpich/mpirun--version.out")
        .command("/usr/bin/mpichversion", "debian12-mpich/mpichversion.out")
        .link(LIB + "/libmpich.so.12", LIB + "/libmpich.so.12.2.2")
        .command("ldd " + LIB + "/libmpich.so.12.2.2", "ldd/debian12-libmpich.so.12.out");
    MpiInstallation mpi = new MpiProbe(host).probe(Map.of("PATH", "/usr/bin")).orElseThrow();
    assertEquals(MpiFamily.MPICH, mpi.family());
    assertEquals("4.0.2", mpi.version());
    assertEquals(Path.of("/usr"), mpi.prefix());
    assertEquals(Path.of(LIB), mpi.libdir());
    assertEquals("libmpich.so.12", mpi.libmpiName());
    assertEquals("ch4:ucx (mpichversion (/usr/bin/mpichversion))", mpi.sources().get("mpich.device"));
    assertEquals(SharedLibrary.Kind.HOST, find(mpi.closure(), "libucp.so.0").kind());
  }

  @Test
  void relocatedOpenMpiOfAModuleIsFoundThroughPathAndOpalPrefix() throws Exception {
    Map<String, String> env = RecordedEnv.load("lmod-8.6-session/env.txt");
    String om = "/tmp/hostexp/software/OpenMPI/4.1.4";
    RecordedHost host = new RecordedHost()
        .files(om + "/bin/mpirun", om + "/bin/ompi_info", "/usr/bin/mpirun")
        .command(om + "/bin/mpirun --version", "debian12-relocated-openmpi/mpirun--version.out")
        .command(om + "/bin/ompi_info --parsable", "debian12-relocated-openmpi/ompi_info--parsable.out")
        .command(om + "/bin/ompi_info --parsable --path all", "debian12-relocated-openmpi/ompi_info--parsable--path-all.out")
        .link(om + "/lib/libmpi.so.40", om + "/lib/libmpi.so.40.30.4")
        .command("ldd " + om + "/lib/libmpi.so.40.30.4", "debian12-relocated-openmpi/ldd-libmpi.so.40.out");
    MpiInstallation mpi = new MpiProbe(host).probe(env).orElseThrow();
    assertEquals(MpiFamily.OPENMPI, mpi.family());
    assertEquals("4.1.4", mpi.version());
    assertEquals(Path.of(om), mpi.prefix());
    assertEquals(Path.of(om + "/lib/openmpi"), mpi.pluginDir());
    assertEquals(om, mpi.environment().get("OPAL_PREFIX"));
    assertTrue(!mpi.inSystemPrefix());
    assertEquals(Path.of(om + "/lib/libopen-pal.so.40"), find(mpi.closure(), "libopen-pal.so.40").path());
  }

  @Test
  void crayMpichFromItsEnvironment() throws Exception {
    Map<String, String> env = Map.of("PATH", "/usr/bin", "CRAY_MPICH_DIR", "/opt/cray/pe/mpich/8.1.27/ofi/gnu/9.1",
        "PE_ENV", "GNU", "LOADEDMODULES", "craype/2.7.23:cray-mpich/8.1.27:PrgEnv-gnu/8.4.0");
    MpiInstallation mpi = new MpiProbe(new RecordedHost()).probe(env).orElseThrow();
    assertEquals(MpiFamily.CRAY_MPICH, mpi.family());
    assertEquals("8.1.27", mpi.version());
    assertEquals(Path.of("/opt/cray/pe/mpich/8.1.27/ofi/gnu/9.1"), mpi.prefix());
    assertEquals("$CRAY_MPICH_DIR", mpi.sources().get("family"));
    assertNull(mpi.libmpi());
    assertTrue(mpi.sources().get("libmpi").startsWith("not found"));
    assertEquals("GNU", mpi.environment().get("PE_ENV"));
  }

  @Test
  void noMpiOnPath() throws Exception {
    assertEquals(Optional.empty(), new MpiProbe(new RecordedHost().files("/usr/bin/python3")).probe(Map.of("PATH", "/usr/bin")));
  }

  @Test
  void sonameOfARealFile() {
    assertEquals("libmpi.so.40", MpiProbe.soname("libmpi.so.40.30.4", "x"));
    assertEquals("libmpich.so.12", MpiProbe.soname("libmpich.so.12", "x"));
    assertEquals("libmpi.so", MpiProbe.soname("libmpi.so", "libmpi.so"));
  }

  private static SharedLibrary find(LibraryClosure c, String soname) {
    return c.libraries().stream().filter(l -> l.soname().equals(soname)).findFirst()
        .orElseThrow(() -> new AssertionError(soname + " not in " + c.libraries()));
  }
}
