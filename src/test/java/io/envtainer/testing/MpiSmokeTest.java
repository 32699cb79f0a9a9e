package io.envtainer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Open MPI 5 in the Apptainer root launches two ranks in a SIF (`mpirun -n 2 apptainer exec ...`), each in
 * its own user namespace: hybrid mode (the image brings its own Open MPI 5) and bind mode (the image has
 * mpi4py but no MPI library; the root's libmpi is bound in and found through LD_LIBRARY_PATH).
 */
@Tag("integration")
class MpiSmokeTest {

  private static final Duration BUILD = Duration.ofMinutes(5);
  private static final Duration RUN = Duration.ofMinutes(2);
  private static final String HOST_MPI_IN_IMAGE = "/opt/hostmpi/lib";

  @Test
  void hybridRunPairsRootLauncherWithImageOpenMpi() throws IOException {
    Tools.requireApptainer();
    Path dir = Tools.scratchDir("mpi-hybrid");
    build(dir, "hybrid.sif", "");
    ProcessResult run = Tools.run(List.of(Tools.inRootCommand().toString(), "mpirun", "-n", "2", "--oversubscribe",
        "apptainer", "exec", "hybrid.sif", "python3", "mpi_ring.py"), dir, RUN);
    assertEquals(0, run.exitCode(), run::describe);
    assertRanks(run, "/usr/lib/x86_64-linux-gnu/libmpi.so.40.");
  }

  @Test
  void bindRunUsesTheRootsOpenMpiInAnImageWithoutOne() throws IOException {
    Tools.requireApptainer();
    Path dir = Tools.scratchDir("mpi-bind");
    build(dir, "nompi.sif", """

        %post
            dpkg --purge --force-depends openmpi-bin mpi-default-bin openmpi-common libopenmpi40 libpmix2t64
        """);
    ProcessResult alone = Tools.apptainer(dir, RUN, "exec", "nompi.sif", "python3", "-c", "from mpi4py import MPI");
    assertNotEquals(0, alone.exitCode(), alone::describe);
    assertTrue(alone.stderr().contains("libmpi.so.40"), alone::describe);

    // The root's libmpi and the libraries it needs beyond glibc, copied into one directory to bind.
    ProcessResult bundle = Tools.run(List.of(Tools.inRootCommand().toString(), "bash", "-c", """
        set -eu; mkdir -p hostmpi/lib; lib=/usr/lib/x86_64-linux-gnu/libmpi.so.40
        for so in $lib $(ldd $lib | awk '/=>/ {print $3}'); do
          case ${so##*/} in libc.so*|libm.so*|ld-linux*|libpthread*|libdl.so*|librt.so*) ;; *) cp -L $so hostmpi/lib/ ;; esac
        done"""), dir, RUN);
    assertEquals(0, bundle.exitCode(), bundle::describe);

    ProcessResult run = Tools.run(List.of(Tools.inRootCommand().toString(), "mpirun", "-n", "2", "--oversubscribe",
            "apptainer", "exec", "--bind", dir.resolve("hostmpi/lib") + ":" + HOST_MPI_IN_IMAGE,
            "nompi.sif", "python3", "mpi_ring.py"),
        dir, RUN, Map.of("APPTAINERENV_LD_LIBRARY_PATH", HOST_MPI_IN_IMAGE));
    assertEquals(0, run.exitCode(), run::describe);
    assertRanks(run, HOST_MPI_IN_IMAGE + "/libmpi.so.40");
  }

  /** Builds NAME in DIR from the MPI base archive plus DEF_TAIL, and puts mpi_ring.py beside it. */
  private static void build(Path dir, String name, String defTail) throws IOException {
    Path base = Tools.mpiBaseDockerArchive();
    Files.writeString(dir.resolve("image.def"), "Bootstrap: docker-archive\nFrom: " + base + "\n" + defTail);
    try (InputStream ring = MpiSmokeTest.class.getResourceAsStream("mpi_ring.py")) {
      Files.write(dir.resolve("mpi_ring.py"), ring.readAllBytes());
    }
    ProcessResult build = Tools.apptainer(dir, BUILD, "build", name, "image.def");
    assertEquals(0, build.exitCode(), build::describe);
  }

  private static void assertRanks(ProcessResult run, String libmpiPrefix) {
    List<String> lines = run.stdout().strip().lines().toList();
    assertEquals(2, lines.size(), run::describe);
    assertTrue(lines.get(0).startsWith("rank 0 of 2 got 1 1 sum 3 libmpi " + libmpiPrefix), run::describe);
    assertTrue(lines.get(1).startsWith("rank 1 of 2 got 0 0 sum 3 libmpi " + libmpiPrefix), run::describe);
  }
}
