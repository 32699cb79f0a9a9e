package io.envtainer.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.cli.Main;
import io.envtainer.testing.Tools;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A build stopped by a signal (Ctrl-C is SIGINT; batch schedulers and CI send SIGTERM) in a real JVM, in the middle
 * of writing a layer: the JVM runs no finally blocks then, only shutdown hooks. The old output must stay as it was and
 * no partial file may be left, beside the output or in the layer cache.
 */
@Tag("integration")
class InterruptedBuildIT {
  @ParameterizedTest
  @CsvSource({"INT, 130", "TERM, 143"})
  void aStoppedBuildLeavesTheOldOutputAndNoPartialFile(String signal, int exit) throws Exception {
    Path dir = Tools.scratchDir("oci-interrupted-" + signal);
    Path env = dir.resolve("env");
    Files.createDirectories(env.resolve("lib"));
    Files.writeString(env.resolve("lib/small.txt"), "small\n");
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, "envtainer: 1\nname: stopped\nbase: scratch\npython: {source: venv, prefix: /opt/env}\n");
    Path out = dir.resolve("out/image.tar");
    Path cache = dir.resolve("cache");
    OciFixture.Run first = OciFixture.build(spec, env, "oci-archive:" + out, cache, "-q");
    assertEquals(0, first.exit(), first.err());
    byte[] before = Files.readAllBytes(out);

    // 64 MB that gzip -9 cannot shrink: seconds of work, so the signal comes while the layer is written.
    try (OutputStream big = Files.newOutputStream(env.resolve("lib/big.bin"))) {
      Random random = new Random(1);
      byte[] chunk = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        random.nextBytes(chunk);
        big.write(chunk);
      }
    }
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "build", spec.toString(),
        "--env-dir", env.toString(), "--to", "oci-archive:" + out, "--cache", cache.toString(),
        "--compression-level", "9", "-j", "1", "-q")
        .redirectErrorStream(true).redirectOutput(dir.resolve("build.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (partials(cache.resolve("tmp")).isEmpty()) {
        assertTrue(p.isAlive(), "the build ended before it wrote a layer: " + Files.readString(dir.resolve("build.log")));
        assertTrue(System.nanoTime() < deadline, "no layer was being written after 60 s");
        Thread.sleep(5);
      }
      Tools.run(List.of("kill", "-" + signal, Long.toString(p.pid())), dir, java.time.Duration.ofSeconds(10));
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the build did not stop on SIG" + signal);
    } finally {
      p.destroyForcibly();
    }
    assertEquals(exit, p.exitValue(), Files.readString(dir.resolve("build.log")));
    assertEquals(List.of(), partials(cache.resolve("tmp")), "no partial blob in the cache");
    assertEquals(List.of("image.tar"), partials(out.getParent()), "nothing beside the output");
    assertArrayEquals(before, Files.readAllBytes(out), "the old output is untouched");
  }

  /** The names in DIR (all of them: a partial file could have any name). */
  private static List<String> partials(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(x -> x.getFileName().toString()).sorted().toList();
    }
  }
}
