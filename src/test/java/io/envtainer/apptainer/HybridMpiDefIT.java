package io.envtainer.apptainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.testing.ProcessResult;
import io.envtainer.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A hybrid-MPI def over a base with Debian's Open MPI and mpi4py: built by the real Apptainer, then started as
 * two ranks by the Apptainer root's mpirun (Open MPI 5.0, the base's family and version).
 */
@Tag("integration")
class HybridMpiDefIT {
  @Test
  void twoRanksUnderMpirun() throws Exception {
    Tools.requireApptainer();
    Path base = Tools.mpiBaseDockerArchive();
    Path dir = Tools.scratchDir("hybrid-def");
    Path spec = dir.resolve("ranks.yaml");
    Files.writeString(spec, String.join("\n",
        "name: ranks",
        "base: docker-archive:" + base,
        "site: apptainer-root",
        "python: {source: venv, system_site_packages: true}",
        "pip: [--no-index]",
        "mpi: {family: openmpi, mode: hybrid}",
        ""));
    Path def = DefBuilds.def(spec, dir, "--recipes", Path.of("src/test/resources/recipes").toAbsolutePath().toString(),
        "--stages", "single");
    String text = Files.readString(def);
    assertTrue(text.contains("check the image's MPI is Open MPI 5.0"), text);
    assertTrue(text.contains("mpirun -n 2 --oversubscribe apptainer exec ranks.sif python script.py"), text);

    ProcessResult build = DefBuilds.build(def);
    assertEquals(0, build.exitCode(), build::describe);
    assertTrue((build.stdout() + build.stderr()).contains("envtainer: image MPI is Open MPI 5.0.7"), build::describe);
    assertTrue((build.stdout() + build.stderr()).contains("ok      MPI rank 0 of 1"), build::describe);

    ProcessResult ranks = Tools.run(List.of(Tools.inRootCommand().toString(), "mpirun", "-n", "2", "--oversubscribe",
        "apptainer", "exec", "ranks.sif", "python", "-c",
        "from mpi4py import MPI; import sys; c = MPI.COMM_WORLD; "
            + "print('rank', c.Get_rank(), 'of', c.Get_size(), sys.prefix, c.allreduce(c.Get_rank() + 1))"),
        dir, DefBuilds.RUN);
    assertEquals(0, ranks.exitCode(), ranks::describe);
    List<String> lines = ranks.stdout().strip().lines().sorted().toList();
    assertEquals(List.of("rank 0 of 2 /opt/env 3", "rank 1 of 2 /opt/env 3"), lines, ranks::describe);

    // The image's own test under the launcher: each rank checks it sees the launcher's size.
    ProcessResult test = Tools.run(List.of(Tools.inRootCommand().toString(), "mpirun", "-n", "2", "--oversubscribe",
        "apptainer", "test", "ranks.sif"), dir, DefBuilds.RUN);
    assertEquals(0, test.exitCode(), test::describe);
    assertTrue(test.stdout().contains("ok      MPI rank 1 of 2"), test::describe);
  }
}
