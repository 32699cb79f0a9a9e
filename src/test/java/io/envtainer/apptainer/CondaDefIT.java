package io.envtainer.apptainer;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.testing.ProcessResult;
import io.envtainer.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The conda flavour cannot install here (no conda channel, no GitHub), so this shows what can be shown offline:
 * the real Apptainer accepts the generated def, writes its files and runs %post up to the micromamba download,
 * where the build stops, and leaves no image behind.
 */
@Tag("integration")
class CondaDefIT {
  @Test
  void apptainerRunsTheDefUpToTheDownload() throws Exception {
    Tools.requireApptainer();
    Path base = Tools.pythonBaseDockerArchive();
    Path dir = Tools.scratchDir("conda-def");
    Path spec = dir.resolve("condaenv.yaml");
    Files.writeString(spec, String.join("\n",
        "name: condaenv",
        "base: docker-archive:" + base,
        "python: {source: conda, prefix: /project/envs/condaenv}",
        "conda:",
        "  channels: [conda-forge]",
        "  dependencies: [python=3.11, numpy, 'openmpi=4.1.*', mpi4py, {pip: [rich==13.7.1]}]",
        "mpi: {family: openmpi, mode: bind}",
        ""));
    Path def = DefBuilds.def(spec, dir, "--site", "generic-openmpi4", "--no-probe");
    ProcessResult build = DefBuilds.build(def);
    String log = build.stdout() + build.stderr();
    assertNotEquals(0, build.exitCode(), build::describe);
    // Apptainer parsed the def and ran %post: the generated environment file was written ...
    assertTrue(log.contains("+ cat"), build::describe);
    assertTrue(log.contains("+ chmod 644 /.envtainer/environment.yml"), build::describe);
    // ... and the first command that needs the network is the pinned micromamba download.
    assertTrue(log.contains("micromamba-releases/releases/download/2.9.0-0/micromamba-linux-64"), build::describe);
    assertTrue(log.contains("Name or service not known"), build::describe);
    assertTrue(log.contains("while running %post section: exit status 1"), build::describe);
    assertTrue(Files.notExists(dir.resolve("condaenv.sif")), "a failed build leaves no image");
  }
}
