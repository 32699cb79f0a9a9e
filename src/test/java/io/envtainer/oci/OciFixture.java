package io.envtainer.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envtainer.cli.Main;
import io.envtainer.oci.image.Json;
import io.envtainer.testing.ProcessResult;
import io.envtainer.testing.TestWheels;
import io.envtainer.testing.Tools;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Environments for the OCI backend's integration tests, made for real: a venv from the host's Debian python3 (the
 * same 3.11 as the python-base image) at a path that is not the image's prefix, with extras installed by pip from
 * wheels the test builds, and files of every kind a tree can hold.
 */
final class OciFixture {
  static final Duration RUN = Duration.ofMinutes(5);

  private OciFixture() {}

  /** A venv at DIR/home/u/analysis with envtainer-extra 1.4.2 and envtainer-other VERSION installed. */
  static Path venv(Path dir, String otherVersion) throws Exception {
    Tools.requireFile("/usr/bin/python3", "python3 and python3-venv from Debian (scripts/setup.sh)");
    Path wheels = Files.createDirectories(dir.resolve("wheels"));
    TestWheels.build(wheels, "envtainer-extra", "1.4.2");
    TestWheels.build(wheels, "envtainer-other", otherVersion);
    Path venv = dir.resolve("home/u/analysis");
    Files.createDirectories(venv.getParent());
    ok(List.of("/usr/bin/python3", "-m", "venv", "--system-site-packages", venv.toString()), dir);
    pip(venv, wheels, "envtainer-extra==1.4.2", "envtainer-other==" + otherVersion);
    return venv;
  }

  static void pip(Path venv, Path wheels, String... requirements) {
    List<String> cmd = new ArrayList<>(List.of(venv.resolve("bin/pip").toString(), "install", "--no-index",
        "--find-links", wheels.toString(), "--disable-pip-version-check", "--no-warn-script-location"));
    cmd.addAll(List.of(requirements));
    ok(cmd, venv);
  }

  /** Adds share/fidelity/ to the venv: every kind of entry a layer must carry exactly. */
  static void fidelityTree(Path venv) throws Exception {
    Path f = Files.createDirectories(venv.resolve("share/fidelity"));
    Files.createDirectories(f.resolve("empty/nested-empty"));
    Files.writeString(f.resolve("data.txt"), "content\n");
    Files.createLink(f.resolve("data-hardlink.txt"), f.resolve("data.txt"));
    Files.createDirectories(f.resolve("other"));
    Files.createLink(f.resolve("other/third-name.txt"), f.resolve("data.txt"));
    Files.createSymbolicLink(f.resolve("relative-link"), Path.of("data.txt"));
    Files.createSymbolicLink(f.resolve("absolute-link"), Path.of("/opt/env/share/fidelity/data.txt"));
    Files.createSymbolicLink(f.resolve("dangling-link"), Path.of("../no/such/file"));
    Files.createSymbolicLink(f.resolve("dir-link"), Path.of("other"));
    Files.setAttribute(Files.writeString(f.resolve("setuid-tool"), "#!/bin/sh\n"), "unix:mode", 04755);
    Files.setAttribute(Files.writeString(f.resolve("read-only.txt"), "ro\n"), "unix:mode", 0444);
    Files.setAttribute(Files.writeString(f.resolve("group-exec"), "x\n"), "unix:mode", 0750);
    Files.setAttribute(Files.createDirectories(f.resolve("sticky")), "unix:mode", 01777);
    Files.setAttribute(Files.createDirectories(f.resolve("private")), "unix:mode", 0700);
    Files.writeString(f.resolve("private/inside.txt"), "private\n");
    String longName = "a-directory-name-that-is-long-" + "x".repeat(60) + "/and-a-file-name-"
        + "y".repeat(80) + "-ünïcödé.txt";
    Files.createDirectories(f.resolve(longName).getParent());
    Files.writeString(f.resolve(longName), "long\n");
    Files.write(f.resolve("binary.bin"), new java.util.Random(7).ints(300_000).collect(
        java.io.ByteArrayOutputStream::new, (o, i) -> o.write(i), (a, b) -> { }).toByteArray());
    ok(List.of("mkfifo", f.resolve("fifo").toString()), venv);
  }

  /** A spec for the venv over the python-base image. */
  static Path spec(Path dir, String name) throws Exception {
    Path spec = dir.resolve(name + ".yaml");
    Files.writeString(spec, String.join("\n",
        "envtainer: 1",
        "name: " + name,
        "base: docker-archive:" + Tools.pythonBaseDockerArchive(),
        "python: {source: venv, system_site_packages: true}",
        "pip: [numpy, envtainer-extra==1.4.2, envtainer-other]",
        "binds: [/scratch]",
        "env: {GREETING: hello, LITERAL: \"$(echo ran) `x` \\\"q\\\"\"}",
        "files: [data /data]",
        "tests: [\"python -c 'import envtainer_extra'\"]",
        ""));
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data/input.csv"), "a,b\n1,2\n");
    return spec;
  }

  /** The CLI's exit code and output. */
  record Run(int exit, String out, String err) {
    JsonNode report(Path file) throws Exception {
      assertEquals(0, exit, err);
      return Json.read(Files.readAllBytes(file), "report");
    }
  }

  /** envtainer build in-process. */
  static Run build(Path spec, Path env, String to, Path cache, String... more) {
    List<String> args = new ArrayList<>(List.of("build", spec.toString(), "--env-dir", env.toString(), "--to", to,
        "--cache", cache.toString()));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static ProcessResult ok(List<String> cmd, Path cwd) {
    ProcessResult r = Tools.run(cmd, cwd, RUN);
    if (r.exitCode() == 127) Tools.missing(cmd.get(0) + " is not installed");
    assertEquals(0, r.exitCode(), r::describe);
    return r;
  }
}
