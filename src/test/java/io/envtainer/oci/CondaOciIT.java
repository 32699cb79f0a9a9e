package io.envtainer.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.envtainer.testing.ProcessResult;
import io.envtainer.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A conda-style prefix (no conda channel is reachable here, so its records are written by the test: conda-meta,
 * an activate.d hook) packed by envtainer build and run by the real Apptainer: the hook runs when the container
 * starts, the layers follow conda's records, and a prefix made elsewhere is refused with the way out.
 */
@Tag("integration")
class CondaOciIT {
  @Test
  void activationHooksRunAndLayersFollowCondaMeta() throws Exception {
    Tools.requireApptainer();
    Path dir = Tools.scratchDir("conda-oci");
    Path env = condaPrefix(dir.resolve("prefix"));
    Path spec = dir.resolve("conda.yaml");
    Files.writeString(spec, String.join("\n",
        "name: conda-oci",
        "base: docker-archive:" + Tools.pythonBaseDockerArchive(),
        "python: {source: conda, prefix: /opt/env}",
        "conda: {channels: [conda-forge], dependencies: [python=3.11, demo-lib]}",
        ""));
    Path report = dir.resolve("report.json");
    Path archive = dir.resolve("conda.tar");
    JsonNode r = OciFixture.build(spec, env, "oci-archive:" + archive, dir.resolve("cache"), "-q", "--report",
        report.toString()).report(report);
    List<String> names = new ArrayList<>();
    r.path("layers").forEach(l -> names.add(l.path("name").asText()));
    assertTrue(names.contains("conda:demo-lib"), "a package of 4 MB or more gets its own layer: " + names);

    Path sif = dir.resolve("conda.sif");
    ProcessResult build = Tools.apptainer(dir, Duration.ofMinutes(10), "build", sif.toString(), "oci-archive:" + archive);
    assertEquals(0, build.exitCode(), build::describe);
    ProcessResult exec = Tools.apptainer(dir, OciFixture.RUN, "exec", sif.toString(), "sh", "-c",
        "echo $CONDA_PREFIX $DEMO_LIB_HOME; command -v python; wc -c < $CONDA_PREFIX/lib/libdemo.so");
    assertEquals(0, exec.exitCode(), exec::describe);
    assertEquals(List.of("/opt/env /opt/env/share/demo", "/opt/env/bin/python", "5000000"),
        exec.stdout().strip().lines().map(String::strip).toList(), exec::describe);
  }

  @Test
  void aCondaPrefixMadeElsewhereIsRefusedWithTheWayOut() throws Exception {
    Path dir = Tools.scratchDir("conda-elsewhere");
    Path env = condaPrefix(dir.resolve("prefix"));
    Files.writeString(env.resolve("bin/f2py"), "#!" + env + "/bin/python3.11\nimport sys\n");
    Path spec = dir.resolve("conda.yaml");
    Files.writeString(spec, "name: elsewhere\nbase: scratch\npython: {source: conda, prefix: /opt/env}\n"
        + "conda: {dependencies: [demo-lib]}\n");
    OciFixture.Run r = OciFixture.build(spec, env, "oci-archive:" + dir.resolve("x.tar"), dir.resolve("cache"), "-q");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("this conda environment was made at " + env + " and would go to /opt/env")
        && r.err().contains("micromamba create -p /opt/env"), r.err());
    assertTrue(!Files.exists(dir.resolve("x.tar")));
  }

  /** conda-meta records, a 5 MB library, an activation hook; python is the base image's. */
  private static Path condaPrefix(Path env) throws Exception {
    Files.createDirectories(env.resolve("conda-meta"));
    Files.createDirectories(env.resolve("bin"));
    Files.createDirectories(env.resolve("lib"));
    Files.createDirectories(env.resolve("etc/conda/activate.d"));
    Files.createSymbolicLink(env.resolve("bin/python"), Path.of("/usr/bin/python3"));
    Files.write(env.resolve("lib/libdemo.so"), new byte[5_000_000]);
    Files.createDirectories(env.resolve("share/demo"));
    Files.writeString(env.resolve("share/demo/README"), "demo\n");
    Files.writeString(env.resolve("etc/conda/activate.d/demo-lib_activate.sh"),
        "export DEMO_LIB_HOME=\"$CONDA_PREFIX/share/demo\"\n");
    Files.writeString(env.resolve("conda-meta/demo-lib-1.0-h0_0.json"), "{\"name\": \"demo-lib\", \"version\": \"1.0\", "
        + "\"build\": \"h0_0\", \"files\": [\"lib/libdemo.so\", \"share/demo/README\", "
        + "\"etc/conda/activate.d/demo-lib_activate.sh\"]}");
    Files.writeString(env.resolve("conda-meta/history"), "==> 2026-12-01 <==\n# cmd: micromamba create\n+demo-lib\n");
    return env;
  }
}
