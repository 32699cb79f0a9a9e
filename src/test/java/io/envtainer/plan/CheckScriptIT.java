package io.envtainer.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.testing.ProcessResult;
import io.envtainer.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated check program, run by a real python3: it passes on what is there and fails on what is not. */
@Tag("integration")
class CheckScriptIT {
  @TempDir Path dir;

  private ProcessResult run(GeneratedFile check) throws Exception {
    Path py = dir.resolve("check.py");
    Files.writeString(py, check.content());
    if (Tools.run(List.of("python3", "--version"), dir, Duration.ofSeconds(20)).exitCode() != 0) {
      Tools.missing("python3");
    }
    return Tools.run(List.of("python3", py.toString()), dir, Duration.ofSeconds(60));
  }

  @Test
  void passesForInstalledDistributions() throws Exception {
    ProcessResult r = run(CheckScript.generate(List.of("pip"), List.of(), null, null, false));
    assertEquals(0, r.exitCode(), r::describe);
    assertTrue(r.stdout().contains("ok      import pip (pip)"), r::describe);
    assertTrue(r.stdout().contains("envtainer check passed"), r::describe);
  }

  @Test
  void failsForMissingDistributionsAndCondaPackages() throws Exception {
    ProcessResult r = run(CheckScript.generate(List.of("pip", "no-such-dist-xyz"), List.of("numpy"), dir.toString(),
        null, false));
    assertEquals(1, r.exitCode(), r::describe);
    assertTrue(r.stderr().contains("FAIL    distribution no-such-dist-xyz is not installed"), r::describe);
    assertTrue(r.stderr().contains("FAIL    conda package numpy is not installed in " + dir), r::describe);
  }

  @Test
  void bindModeSkipsAnUnboundMpiUnlessRequired() throws Exception {
    GeneratedFile check = CheckScript.generate(List.of(), List.of(), null, "Open MPI", true);
    ProcessResult r = run(check);
    // Without mpi4py (or without a bound MPI) the check says so and passes, for the build-time %test.
    if (r.stdout().contains("skip    MPI")) assertEquals(0, r.exitCode(), r::describe);
  }
}
