package io.envtainer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Lmod module tree made from Debian's files by {@code scripts/make-test-module-tree.sh}: a Python 3.11 and an
 * Open MPI 4.1.4 at non-standard prefixes, and Debian's MPICH 4.0.2, EasyBuild-style names. Also runs shells that
 * use it.
 */
public final class TestModuleTree {
  public static final String PYTHON_MODULE = "Python/3.11.2-GCCcore-12.2.0";
  public static final String OPENMPI_MODULE = "OpenMPI/4.1.4-GCC-12.2.0";
  /** Debian's MPICH 4.0.2 behind a module (only when the mpich package is installed). */
  public static final String MPICH_MODULE = "MPICH/4.0.2-GCC-12.2.0";
  public static final String LMOD_INIT = "/usr/share/lmod/lmod/init/bash";

  private final Path root;

  private TestModuleTree(Path root) {
    this.root = root;
  }

  /** Builds the tree under {@code root} (needs lmod, python3.11, openmpi-bin, libopenmpi3 installed). */
  public static TestModuleTree create(Path root) throws IOException, InterruptedException {
    Path script = repoRoot().resolve("scripts/make-test-module-tree.sh");
    Process p = new ProcessBuilder("bash", script.toString(), root.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("make-test-module-tree.sh failed:\n" + out);
    return new TestModuleTree(root.toRealPath());
  }

  public Path root() {
    return root;
  }

  public Path moduleDir() {
    return root.resolve("modules/all");
  }

  public Path pythonPrefix() {
    return root.resolve("software/Python/3.11.2");
  }

  public Path openMpiPrefix() {
    return root.resolve("software/OpenMPI/4.1.4");
  }

  /** Bash lines that set up Lmod in a non-login shell and load {@code modules} from this tree. */
  public String loadLines(List<String> modules) {
    return ". " + LMOD_INIT + "\nmodule use " + moduleDir() + "\nmodule load " + String.join(" ", modules) + "\n";
  }

  /** Result of a shell: its final environment ({@code env -0}) and what {@code module --terse list} printed. */
  public record Shell(Map<String, String> env, String terseList, String output) {}

  /**
   * Runs {@code bash -c} with {@code body} after {@code loadLines(modules)}, then records the shell's environment and
   * module list. The JVM's own environment is the starting point, less any module, venv or conda state.
   */
  public Shell run(List<String> modules, String body) throws IOException, InterruptedException {
    Path envFile = Files.createTempFile(root, "env", ".bin");
    Path terseFile = Files.createTempFile(root, "terse", ".txt");
    String script = "set -euo pipefail\n" + loadLines(modules) + body + "\nmodule --terse list 2> " + terseFile
        + "\nenv -0 > " + envFile + "\n";
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    for (String k : List.of("VIRTUAL_ENV", "CONDA_PREFIX", "CONDA_DEFAULT_ENV", "LOADEDMODULES", "_LMFILES_", "MODULEPATH",
        "LD_LIBRARY_PATH", "PYTHONPATH", "PYTHONHOME")) {
      pb.environment().remove(k);
    }
    pb.environment().keySet().removeIf(k -> k.startsWith("_ModuleTable") || k.startsWith("__LMOD") || k.startsWith("OPAL_"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("shell failed:\n" + script + "\n---\n" + out);
    Map<String, String> env = new LinkedHashMap<>();
    for (String kv : Files.readString(envFile, StandardCharsets.UTF_8).split("\0")) {
      int eq = kv.indexOf('=');
      if (eq > 0) env.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return new Shell(env, Files.readString(terseFile, StandardCharsets.UTF_8), out);
  }

  /** The repository root: the directory with pom.xml above the working directory. */
  public static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("pom.xml"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("no pom.xml above " + Path.of("").toAbsolutePath());
    return p;
  }
}
