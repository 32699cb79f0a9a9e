package io.envtainer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.site.SiteProfiles;
import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import io.envtainer.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probes, the ELF reader and doctor against Debian 12's real Open MPI 4.1.4 and MPICH 4.0.2. */
@Tag("integration")
class MpiProbeIntegrationTest {
  private final ProcessCommandRunner runner = new ProcessCommandRunner();

  @Test
  void realOpenMpiWithItsComponentsClosure() throws Exception {
    Tools.requireFile("/usr/bin/mpirun.openmpi", "apt-get install openmpi-bin");
    Path bin = shim("mpirun", "/usr/bin/mpirun.openmpi", "ompi_info", "/usr/bin/ompi_info");
    MpiInstallation mpi = new MpiProbe(runner, true).probe(Map.of("PATH", bin + ":/usr/bin:/bin")).orElseThrow();
    assertEquals(MpiFamily.OPENMPI, mpi.family());
    assertEquals("4.1.4", mpi.version());
    assertEquals("libmpi.so.40", mpi.libmpiName());
    assertTrue(mpi.closure().missing().isEmpty(), mpi.closure().missing().toString());
    assertTrue(mpi.closure().libraries().stream().anyMatch(l -> l.soname().equals("libpmix.so.2")),
        "the PMIx component's library comes in with the components");
    String objdump = run("objdump", "-p", mpi.libmpi().toString());
    assertEquals(ElfVersionNeedsTest.objdumpVersionReferences(objdump), ElfVersionNeeds.read(mpi.libmpi()));
    String need = ElfVersionNeeds.maxGlibc(mpi.bindModeElfFiles()).orElseThrow();
    assertTrue(Versions.compare(need, "2.36") <= 0, "Debian 12's own glibc is 2.36, found need " + need);
  }

  @Test
  void realMpichAndDoctorRefusingAnOpenMpiImage() throws Exception {
    Tools.requireFile("/usr/bin/mpirun.mpich", "apt-get install mpich");
    Path bin = shim("mpirun", "/usr/bin/mpirun.mpich", "mpichversion", "/usr/bin/mpichversion");
    Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin");
    MpiInstallation mpi = new MpiProbe(runner).probe(env).orElseThrow();
    assertEquals(MpiFamily.MPICH, mpi.family());
    assertEquals("4.0.2", mpi.version());
    assertEquals("libmpich.so.12", mpi.libmpiName());
    Doctor.Report r = new Doctor(runner).check(SiteProfiles.bundled().require("local-test"),
        new Doctor.ImageFacts(MpiFamily.OPENMPI, "4.1.4", MpiMode.HYBRID, null, List.of()), env);
    assertTrue(r.failed(), r.render());
    assertTrue(r.render().contains("error: [mpi-abi] the image uses Open MPI (libmpi.so.40) but the host runs MPICH 4.0.2"),
        r.render());
  }

  @Test
  void doctorPassesTheLocalProfileInBindModeOnItsOwnHost() throws Exception {
    Tools.requireFile("/usr/bin/mpirun.openmpi", "apt-get install openmpi-bin");
    Path bin = shim("mpirun", "/usr/bin/mpirun.openmpi", "ompi_info", "/usr/bin/ompi_info");
    Doctor.Report r = new Doctor(runner).check(SiteProfiles.bundled().require("local-test"),
        new Doctor.ImageFacts(MpiFamily.OPENMPI, "4.1.4", MpiMode.BIND, "2.36", List.of()), Map.of("PATH", bin + ":/usr/bin:/bin"));
    assertFalse(r.failed(), r.render());
    assertTrue(r.render().contains("ok: [glibc]"), r.render());
    Doctor.Report old = new Doctor(runner).check(null,
        new Doctor.ImageFacts(MpiFamily.OPENMPI, "4.1.4", MpiMode.BIND, "2.17", List.of()), Map.of("PATH", bin + ":/usr/bin:/bin"));
    assertTrue(old.render().contains("error: [glibc]"), old.render());
  }

  @TempDir Path tmp;

  /** A PATH directory whose tools are symlinks to the given real ones (Debian's alternatives pick one MPI for /usr/bin). */
  private Path shim(String... nameTarget) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin" + System.nanoTime()));
    for (int i = 0; i < nameTarget.length; i += 2) Files.createSymbolicLink(bin.resolve(nameTarget[i]), Path.of(nameTarget[i + 1]));
    return bin;
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
