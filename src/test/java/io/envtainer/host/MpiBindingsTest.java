package io.envtainer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.plan.BindMount;
import io.envtainer.site.SiteProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bind lists computed from probes replayed on Debian 12's recorded tool outputs. */
@Tag("unit")
class MpiBindingsTest {
  private static final String LIB = "/usr/lib/x86_64-linux-gnu";

  @Test
  void distributionOpenMpiIsBoundAsComponentDirectoryHelpFilesAndLibraryFiles() throws Exception {
    RecordedHost host = new RecordedHost()
        .files("/usr/bin/mpirun", "/usr/bin/ompi_info")
        .command("/usr/bin/mpirun --version", "debian12-openmpi/mpirun--version.out")
        .command("/usr/bin/ompi_info --parsable", "debian12-openmpi/ompi_info--parsable.out")
        .command("/usr/bin/ompi_info --parsable --path all", "debian12-openmpi/ompi_info--parsable--path-all.out")
        .link(LIB + "/openmpi/lib/libmpi.so", LIB + "/libmpi.so.40.30.4")
        .command("ldd " + LIB + "/libmpi.so.40.30.4", "ldd/debian12-libmpi.so.40.out");
    BindSet set = MpiBindings.of(new MpiProbe(host).probe(Map.of("PATH", "/usr/bin")).orElseThrow());
    List<String> specs = set.binds().stream().map(BindMount::toBindSpec).toList();
    assertEquals(LIB + "/openmpi/lib/openmpi3:" + LIB + "/openmpi/lib/openmpi3:ro", specs.get(0));
    assertEquals("/usr/share/openmpi:/usr/share/openmpi:ro", specs.get(1));
    assertTrue(specs.contains(LIB + "/libmpi.so.40.30.4:" + SiteProfile.HOST_LIB_DIR + "/libmpi.so.40:ro"), specs.toString());
    assertTrue(specs.contains("/lib/x86_64-linux-gnu/libopen-pal.so.40:" + SiteProfile.HOST_LIB_DIR + "/libopen-pal.so.40:ro"));
    assertTrue(specs.stream().noneMatch(s -> s.contains("libc.so.6") || s.contains("ld-linux")), "glibc stays the image's");
    assertEquals(List.of(SiteProfile.HOST_LIB_DIR), set.libraryPath());
    assertEquals(SiteProfile.HOST_LIB_DIR, set.apptainerEnvironment().get("APPTAINERENV_LD_LIBRARY_PATH"));
  }

  @Test
  void debianMpichIsAlsoBoundUnderTheAbiName() throws Exception {
    RecordedHost host = new RecordedHost()
        .files("/usr/bin/mpirun", "/usr/bin/mpichversion")
        .command("/usr/bin/mpirun --version", "debian12-mpich/mpirun--version.out")
        .command("/usr/bin/mpichversion", "debian12-mpich/mpichversion.out")
        .link(LIB + "/libmpich.so.12", LIB + "/libmpich.so.12.2.2")
        .command("ldd " + LIB + "/libmpich.so.12.2.2", "ldd/debian12-libmpich.so.12.out");
    BindSet set = MpiBindings.of(new MpiProbe(host).probe(Map.of("PATH", "/usr/bin")).orElseThrow());
    List<String> targets = set.binds().stream().map(BindMount::target).toList();
    assertTrue(targets.contains(SiteProfile.HOST_LIB_DIR + "/libmpich.so.12"));
    assertTrue(targets.contains(SiteProfile.HOST_LIB_DIR + "/libmpi.so.12"));
  }

  @Test
  void aModulesPrivatePrefixIsBoundWholeWithItsOpalVariables() throws Exception {
    Map<String, String> env = RecordedEnv.load("lmod-8.6-session/env.txt");
    String om = "/tmp/hostexp/software/OpenMPI/4.1.4";
    RecordedHost host = new RecordedHost()
        .files(om + "/bin/mpirun", om + "/bin/ompi_info")
        .command(om + "/bin/mpirun --version", "debian12-relocated-openmpi/mpirun--version.out")
        .command(om + "/bin/ompi_info --parsable", "debian12-relocated-openmpi/ompi_info--parsable.out")
        .command(om + "/bin/ompi_info --parsable --path all", "debian12-relocated-openmpi/ompi_info--parsable--path-all.out")
        .link(om + "/lib/libmpi.so.40", om + "/lib/libmpi.so.40.30.4")
        .command("ldd " + om + "/lib/libmpi.so.40.30.4", "debian12-relocated-openmpi/ldd-libmpi.so.40.out");
    BindSet set = MpiBindings.of(new MpiProbe(host).probe(env).orElseThrow());
    assertEquals(om + ":" + om + ":ro", set.binds().get(0).toBindSpec());
    assertTrue(set.binds().stream().noneMatch(b -> b.source().startsWith(om + "/lib/")), "inside the bound prefix");
    assertTrue(set.binds().stream().anyMatch(b -> b.target().equals(SiteProfile.HOST_LIB_DIR + "/libhwloc.so.15")));
    assertEquals(List.of(om + "/lib", SiteProfile.HOST_LIB_DIR), set.libraryPath());
    assertTrue(set.env().stream().anyMatch(e -> e.name().equals("OPAL_PREFIX") && e.value().equals(om)));
    assertEquals(om, set.apptainerEnvironment().get("APPTAINERENV_OPAL_PREFIX"));
  }
}
