package io.envtainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** capture and doctor read a saved shell environment (env -0) instead of their own. */
@Tag("unit")
class EnvFileOptionTest {
  @TempDir Path dir;

  @Test
  void captureDescribesTheSavedShellNotThisProcess() throws Exception {
    Path env = dir.resolve("job.env");
    // A shell with one module loaded and no tools on PATH: nothing is run, the modules come from the file.
    Files.writeString(env, "PATH=" + dir.resolve("empty-bin") + "\0MODULEPATH=/apps/modules\0"
        + "LOADEDMODULES=foo/1.0\0_LMFILES_=/apps/modules/foo/1.0.lua\0");
    CliRun r = CliRun.of("capture", "--env-file", env.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("foo/1.0"), r.out());
    assertTrue(r.out().contains("/apps/modules"), r.out());
  }

  @Test
  void plainEnvOutputIsBadInput() throws Exception {
    Path env = dir.resolve("plain.env");
    Files.writeString(env, "PATH=/usr/bin\n");
    for (String[] args : new String[][] {{"capture"}, {"doctor", "--site", "local-test"}}) {
      String[] all = java.util.Arrays.copyOf(args, args.length + 2);
      all[args.length] = "--env-file";
      all[args.length + 1] = env.toString();
      CliRun r = CliRun.of(all);
      assertEquals(2, r.exit(), args[0] + ": " + r.out() + r.err());
      assertTrue(r.err().startsWith(env + ":1: error: expected NUL-terminated NAME=value entries"), r.err());
    }
  }
}
