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

  /** The first line of an image's help ({@code apptainer run-help}) that starts, after its indentation, with START. */
  static String helpLine(String help, String start) {
    return help.lines().map(String::strip).filter(l -> l.startsWith(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with " + start + " in the help:\n" + help));
  }

  /**
   * A script.py for launcher lines: each rank reports its rank, size, sys.prefix, an allreduce, the libmpi file it
   * mapped and the MPI library; rank 0 prints all lines (one writer, so that mpirun cannot interleave them).
   */
  static final String RANK_SCRIPT = String.join("\n",
      "import sys",
      "from mpi4py import MPI",
      "c = MPI.COMM_WORLD",
      "lib = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'libmpi.so' in l})",
      "line = ' '.join(map(str, ['rank', c.Get_rank(), 'of', c.Get_size(), sys.prefix, c.allreduce(c.Get_rank() + 1),",
      "    ','.join(lib), MPI.Get_library_version().split(',')[0]]))",
      "lines = c.gather(line, root=0)",
      "if c.Get_rank() == 0: print('\\n'.join(lines))",
      "");

  /** apptainer build NAME.sif NAME.def in the def's directory. */
  static ProcessResult build(Path def) {
    String name = def.getFileName().toString().replaceFirst("\\.def$", "");
    return Tools.apptainer(def.getParent(), BUILD, "build", name + ".sif", def.getFileName().toString());
  }
}
