package io.envtainer.apptainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.envtainer.cli.Main;
import io.envtainer.testing.ProcessResult;
import io.envtainer.testing.Tools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

/** Runs {@code envtainer def} in-process and {@code apptainer build} for real, in a scratch directory. */
final class DefBuilds {
  static final Duration BUILD = Duration.ofMinutes(10);
  static final Duration RUN = Duration.ofMinutes(3);

  private DefBuilds() {}

  /** envtainer def SPEC -o DIR ARGS...; returns the def file. */
  static Path def(Path spec, Path dir, String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "def";
    all[1] = spec.toString();
    all[2] = "-o";
    all[3] = dir.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    assertEquals(0, code, err.toString());
    return Path.of(out.toString().strip());
  }

  /** apptainer build NAME.sif NAME.def in the def's directory. */
  static ProcessResult build(Path def) {
    String name = def.getFileName().toString().replaceFirst("\\.def$", "");
    return Tools.apptainer(def.getParent(), BUILD, "build", name + ".sif", def.getFileName().toString());
  }
}
