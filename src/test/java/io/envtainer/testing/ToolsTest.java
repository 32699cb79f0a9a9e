package io.envtainer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

@Tag("unit")
class ToolsTest {

  @Test
  void runCapturesExitCodeAndBothStreams() {
    ProcessResult result = Tools.run(List.of("sh", "-c", "echo out; echo err >&2; exit 4"),
        Path.of("."), Duration.ofSeconds(30));
    assertEquals(4, result.exitCode());
    assertEquals("out\n", result.stdout());
    assertEquals("err\n", result.stderr());
  }

  @Test
  void runDrainsLargeOutputOnBothStreams() {
    ProcessResult result = Tools.run(List.of("sh", "-c", "seq 1 100000; seq 1 100000 >&2"),
        Path.of("."), Duration.ofSeconds(30));
    assertEquals(0, result.exitCode());
    assertTrue(result.stdout().endsWith("\n100000\n") && result.stderr().endsWith("\n100000\n"));
  }

  @Test
  void runFailsAndKillsACommandThatTimesOut() {
    long start = System.nanoTime();
    AssertionFailedError error = assertThrows(AssertionFailedError.class, () -> Tools.run(
        List.of("sh", "-c", "echo started; sleep 60"), Path.of("."), Duration.ofMillis(500)));
    assertTrue(error.getMessage().contains("timed out"), error.getMessage());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "did not wait for sleep 60");
  }

  @Test
  void missingToolSkipsOrFailsByEnvironment() {
    Class<? extends Throwable> expected =
        Tools.toolsRequired() ? AssertionFailedError.class : TestAbortedException.class;
    assertThrows(expected, () -> Tools.missing("a tool the test pretends is missing"));
  }

  @Test
  void findsTheRepositoryAndItsScripts() {
    assertTrue(Files.isExecutable(Tools.apptainerCommand()), Tools.apptainerCommand().toString());
    assertTrue(Files.isExecutable(Tools.inRootCommand()), Tools.inRootCommand().toString());
  }
}
