package io.envtainer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real Apptainer (scripts/apptainer) builds a SIF from the python-base docker archive and runs it. */
@Tag("integration")
class ApptainerSmokeTest {

  private static final Duration BUILD = Duration.ofMinutes(5);
  private static final Duration EXEC = Duration.ofMinutes(1);

  @Test
  void buildsDefFileFromDockerArchiveAndRunsNumpy() throws Exception {
    Tools.requireApptainer();
    Path base = Tools.pythonBaseDockerArchive();
    Path dir = Tools.scratchDir("apptainer-smoke");
    String def = """
        Bootstrap: docker-archive
        From: %s

        %%post
            echo written-in-post > /opt/envtainer-smoke.txt

        %%runscript
            exec python3 -c 'print("runscript ran")'
        """.formatted(base);
    Files.writeString(dir.resolve("smoke.def"), def);

    ProcessResult build = Tools.apptainer(dir, BUILD, "build", "smoke.sif", "smoke.def");
    assertEquals(0, build.exitCode(), build::describe);
    assertTrue(Files.size(dir.resolve("smoke.sif")) > 1_000_000, "smoke.sif is too small to hold python");

    ProcessResult numpy = Tools.apptainer(dir, EXEC, "exec", "smoke.sif",
        "python3", "-c", "import numpy; print(numpy.__version__)");
    assertEquals(0, numpy.exitCode(), numpy::describe);
    assertTrue(numpy.stdout().strip().matches("1\\.24\\.\\d+"), () -> "bookworm's numpy 1.24 expected: "
        + numpy.describe());

    ProcessResult marker = Tools.apptainer(dir, EXEC, "exec", "smoke.sif", "cat", "/opt/envtainer-smoke.txt");
    assertEquals("written-in-post", marker.stdout().strip(), marker::describe);

    ProcessResult run = Tools.apptainer(dir, EXEC, "run", "smoke.sif");
    assertEquals("runscript ran", run.stdout().strip(), run::describe);

    ProcessResult deffile = Tools.apptainer(dir, EXEC, "inspect", "--deffile", "smoke.sif");
    assertEquals(def.strip(), deffile.stdout().strip(), deffile::describe);
  }

  @Test
  void passesExitCodeAndWorkingDirectoryThrough() throws Exception {
    Tools.requireApptainer();
    Path dir = Tools.scratchDir("apptainer-wrapper");
    ProcessResult pwd = Tools.run(java.util.List.of(Tools.inRootCommand().toString(), "sh", "-c",
        "pwd; id -u; touch made-inside; exit 3"), dir, EXEC);
    assertEquals(3, pwd.exitCode(), pwd::describe);
    assertEquals(dir.toString() + "\n" + Tools.ROOT_UID, pwd.stdout().strip(), pwd::describe);
    assertTrue(Files.isRegularFile(dir.resolve("made-inside")), "a file made inside is visible on the host");
    Files.delete(dir.resolve("made-inside"));
  }
}
