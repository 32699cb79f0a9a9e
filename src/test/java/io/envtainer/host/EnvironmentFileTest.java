package io.envtainer.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.spec.SpecException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EnvironmentFileTest {
  private static final Path FILE = Path.of("job.env");

  @Test
  void readsEnvZeroOutputWithMultiLineValuesAndEqualsSigns() throws Exception {
    Map<String, String> env = EnvironmentFile.parse(FILE,
        "PATH=/a:/b\0BASH_FUNC_module%%=() {  eval \"$(lmod bash \"$@\")\"\n}\0OPTS=a=b=c\0EMPTY=\0");
    assertEquals(List.of("PATH", "BASH_FUNC_module%%", "OPTS", "EMPTY"), List.copyOf(env.keySet()));
    assertEquals("() {  eval \"$(lmod bash \"$@\")\"\n}", env.get("BASH_FUNC_module%%"));
    assertEquals("a=b=c", env.get("OPTS"));
    assertEquals("", env.get("EMPTY"));
  }

  @Test
  void refusesPlainEnvOutput() {
    SpecException e = assertThrows(SpecException.class, () -> EnvironmentFile.parse(FILE, "PATH=/a\nHOME=/root\n"));
    assertTrue(e.getMessage().startsWith("job.env:1: error: expected NUL-terminated NAME=value entries (the output of "
        + "'env -0'), found text that does not end with a NUL byte"), e.getMessage());
    assertTrue(e.getMessage().contains("env -0 > job.env"), e.getMessage());
  }

  @Test
  void refusesAnEntryWithoutNameAndSaysWhere() {
    SpecException e = assertThrows(SpecException.class, () -> EnvironmentFile.parse(FILE, "A=1\nx\0B=2\0=oops\0"));
    assertTrue(e.getMessage().startsWith("job.env:2:1: error: expected NAME=value, found '=oops'"), e.getMessage());
    assertThrows(SpecException.class, () -> EnvironmentFile.parse(FILE, ""));
  }
}
