package io.envtainer.apptainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.testing.ProcessResult;
import io.envtainer.testing.TestWheels;
import io.envtainer.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The venv flavour, built by the real Apptainer over the local base image, offline: numpy from the base's Debian
 * packages (system site packages), an extra from a wheel the test builds, installed with --no-index --find-links.
 */
@Tag("integration")
class VenvDefIT {
  @Test
  void buildsRunsTestsAndRecordsItsDef() throws Exception {
    Tools.requireApptainer();
    Path base = Tools.pythonBaseDockerArchive();
    Path dir = Tools.scratchDir("venv-def");
    TestWheels.build(dir.resolve("wheels"), "envtainer-extra", "1.4.2");
    Path spec = dir.resolve("analysis.yaml");
    Files.writeString(spec, String.join("\n",
        "envtainer: 1",
        "name: analysis",
        "base: docker-archive:" + base,
        "python: {source: venv, system_site_packages: true}",
        "pip:",
        "  - --no-index",
        "  - --find-links /wheels",
        "  - numpy",
        "  - envtainer-extra==1.4.2",
        "files:",
        "  - wheels /wheels",
        "env: {ANALYSIS_MODE: \"it's $(not run)\"}",
        "tests:",
        "  - python -c 'import envtainer_extra; assert envtainer_extra.__version__ == \"1.4.2\"'",
        ""));
    Path def = DefBuilds.def(spec, dir);
    ProcessResult build = DefBuilds.build(def);
    assertEquals(0, build.exitCode(), build::describe);
    assertTrue(build.stdout().contains("envtainer check passed") || build.stderr().contains("envtainer check passed"),
        build::describe);
    Path sif = dir.resolve("analysis.sif");

    ProcessResult exec = Tools.apptainer(dir, DefBuilds.RUN, "exec", sif.toString(), "python", "-c",
        "import sys, os, numpy, envtainer_extra; print(sys.prefix, numpy.__version__, envtainer_extra.__version__, "
            + "os.environ['ANALYSIS_MODE'])");
    assertEquals(0, exec.exitCode(), exec::describe);
    String[] out = exec.stdout().strip().split(" ", 4);
    assertEquals("/opt/env", out[0], exec::describe);
    assertTrue(out[1].matches("1\\.\\d+\\.\\d+"), exec::describe);
    assertEquals("1.4.2", out[2]);
    assertEquals("it's $(not run)", out[3]);

    ProcessResult run = Tools.apptainer(dir, DefBuilds.RUN, "run", sif.toString(), "-c", "import sys; print(sys.executable)");
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals("/opt/env/bin/python", run.stdout().strip());

    ProcessResult test = Tools.apptainer(dir, DefBuilds.RUN, "test", sif.toString());
    assertEquals(0, test.exitCode(), test::describe);
    assertTrue(test.stdout().contains("ok      import envtainer_extra (envtainer-extra)"), test::describe);
    assertTrue(test.stdout().contains("ok      import numpy (numpy)"), test::describe);

    ProcessResult deffile = Tools.apptainer(dir, DefBuilds.RUN, "inspect", "--deffile", sif.toString());
    assertEquals(0, deffile.exitCode(), deffile::describe);
    assertEquals(Files.readString(def).strip(), deffile.stdout().strip());

    ProcessResult labels = Tools.apptainer(dir, DefBuilds.RUN, "inspect", "--labels", sif.toString());
    assertTrue(labels.stdout().contains("io.envtainer.spec.digest: sha256:"), labels::describe);
  }

  @Test
  void theImagesOwnTestFailsWhenAPackageIsMissing() throws Exception {
    Tools.requireApptainer();
    Path base = Tools.pythonBaseDockerArchive();
    Path dir = Tools.scratchDir("venv-def-missing");
    TestWheels.build(dir.resolve("wheels"), "envtainer-extra", "1.0");
    Path spec = dir.resolve("broken.yaml");
    // The requirement installs, then a %post-like user test removes it: the image's check must notice.
    Files.writeString(spec, String.join("\n",
        "name: broken",
        "base: docker-archive:" + base,
        "python: {source: venv, system_site_packages: true}",
        "pip: [--no-index, --find-links /wheels, envtainer-extra==1.0]",
        "files: [wheels /wheels]",
        ""));
    Path def = DefBuilds.def(spec, dir);
    ProcessResult build = Tools.apptainer(dir, DefBuilds.BUILD, "build", "--notest", "broken.sif", def.getFileName().toString());
    assertEquals(0, build.exitCode(), build::describe);
    // Remove the package from a writable copy and run the image's test against it.
    ProcessResult sandbox = Tools.apptainer(dir, DefBuilds.BUILD, "build", "--sandbox", "box", "broken.sif");
    assertEquals(0, sandbox.exitCode(), sandbox::describe);
    try (var s = Files.list(dir.resolve("box/opt/env/lib"))) {
      Path py = s.findFirst().orElseThrow();
      Tools.run(java.util.List.of("rm", "-rf", py.resolve("site-packages/envtainer_extra").toString()), dir,
          DefBuilds.RUN);
    }
    ProcessResult test = Tools.apptainer(dir, DefBuilds.RUN, "test", "box");
    assertNotEquals(0, test.exitCode(), test::describe);
    assertTrue(test.stderr().contains("FAIL    import envtainer_extra"), test::describe);
  }
}
