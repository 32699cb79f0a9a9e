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

    // The launcher line exactly as the image's help gives it (script.py is ours), run where mpirun is.
    ProcessResult help = Tools.apptainer(dir, DefBuilds.RUN, "run-help", "ranks.sif");
    assertEquals(0, help.exitCode(), help::describe);
    String launch = DefBuilds.helpLine(help.stdout(), "mpirun ");
    assertEquals("mpirun -n 2 --oversubscribe apptainer exec ranks.sif python script.py", launch);
    Files.writeString(dir.resolve("script.py"), DefBuilds.RANK_SCRIPT);
    ProcessResult ranks = Tools.run(List.of(Tools.inRootCommand().toString(), "bash", "-c", launch), dir, DefBuilds.RUN);
    assertEquals(0, ranks.exitCode(), ranks::describe);
    // The image's own Open MPI (hybrid), under the root's launcher.
    String lib = "/usr/lib/x86_64-linux-gnu/libmpi.so.40.40.7";
    assertEquals(List.of("rank 0 of 2 /opt/env 3 " + lib + " Open MPI v5.0.7", "rank 1 of 2 /opt/env 3 " + lib + " Open MPI v5.0.7"),
        ranks.stdout().strip().lines().toList(), ranks::describe);

    // The image's own test under the launcher: each rank checks it sees the launcher's size.
    ProcessResult test = Tools.run(List.of(Tools.inRootCommand().toString(), "mpirun", "-n", "2", "--oversubscribe",
        "apptainer", "test", "ranks.sif"), dir, DefBuilds.RUN);
    assertEquals(0, test.exitCode(), test::describe);
    assertTrue(test.stdout().contains("ok      MPI rank 1 of 2"), test::describe);
  }
}
