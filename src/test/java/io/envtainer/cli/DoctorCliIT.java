package io.envtainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.testing.Tools;
import io.envtainer.testing.TestModuleTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code envtainer doctor} through the CLI on real shells of the test module tree: a spec captured in an Open MPI
 * 4.1.4 shell passes on that shell and is refused (exit 1) on a shell whose MPI module is MPICH 4.0.2.
 */
@Tag("integration")
class DoctorCliIT {
  @TempDir Path dir;

  @Test
  void capturedOpenMpiSpecPassesItsOwnShellAndIsRefusedUnderMpich() throws Exception {
    Tools.requireFile(TestModuleTree.LMOD_INIT, "apt-get install lmod");
    Tools.requireFile("/usr/bin/python3.11", "apt-get install python3-venv");
    Tools.requireFile("/usr/bin/ompi_info", "apt-get install openmpi-bin");
    Tools.requireFile("/usr/bin/mpiexec.hydra", "apt-get install mpich");
    TestModuleTree tree = TestModuleTree.create(dir.resolve("site"));
    Path openmpi = dir.resolve("openmpi.env");
    Path mpich = dir.resolve("mpich.env");
    tree.run(List.of(TestModuleTree.PYTHON_MODULE, TestModuleTree.OPENMPI_MODULE), "env -0 > " + openmpi);
    tree.run(List.of(TestModuleTree.PYTHON_MODULE, TestModuleTree.MPICH_MODULE), "env -0 > " + mpich);

    Path spec = dir.resolve("analysis.yaml");
    CliRun capture = CliRun.of("capture", "--env-file", openmpi.toString(), "-o", spec.toString());
    assertEquals(0, capture.exit(), capture.err());
    assertTrue(Files.readString(spec).contains("family: openmpi"), Files.readString(spec));

    CliRun same = CliRun.of("doctor", spec.toString(), "--site", "local-test", "--env-file", openmpi.toString());
    assertEquals(0, same.exit(), same.out() + same.err());
    assertTrue(same.out().contains("ok: [site-host] this host runs the profile's Open MPI 4.1.4"), same.out());
    assertTrue(same.out().endsWith("0 error(s), 0 warning(s)\n"), same.out());

    CliRun other = CliRun.of("doctor", spec.toString(), "--site", "local-test", "--env-file", mpich.toString());
    assertEquals(1, other.exit(), other.out() + other.err());
    assertTrue(other.err().contains("error: [mpi-abi] the image uses Open MPI (libmpi.so.40) but the host runs MPICH 4.0.2"),
        other.err());
    assertTrue(other.err().contains("error: [site-host] profile 'local-test' expects Open MPI but this host runs MPICH"),
        other.err());
    assertEquals("", other.out());
  }
}
