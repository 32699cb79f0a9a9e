package io.envtainer.testing;

import io.envtainer.host.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * envtainer's host probes pointed at the Apptainer root (Debian trixie, Open MPI 5.0.7) instead of this JVM's host
 * (bookworm): every command, and every file lookup ({@code which}, {@code exists}, {@code realPath}, {@code list}),
 * runs inside the root through scripts/in-root, with exactly the given environment. Paths are the root's own,
 * which are the paths apptainer (also run inside the root) binds from.
 */
public final class RootCommandRunner implements CommandRunner {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Override
  public Result run(List<String> command, Map<String, String> env) {
    List<String> cmd = new ArrayList<>(List.of(Tools.inRootCommand().toString(), "env", "-i"));
    env.forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.addAll(command);
    ProcessResult r = Tools.run(cmd, Tools.repoRoot(), TIMEOUT);
    return new Result(r.exitCode(), r.stdout(), r.stderr());
  }

  @Override
  public Optional<Path> which(String name, Map<String, String> env) {
    Result r = shell("case $1 in */*) [ -f \"$1\" ] && [ -x \"$1\" ] && echo \"$1\" && exit 0; exit 1 ;; esac; IFS=:; "
        + "for d in $PATH; do if [ -n \"$d\" ] && [ -f \"$d/$1\" ] && [ -x \"$d/$1\" ]; then echo \"$d/$1\"; exit 0; fi; done;"
        + " exit 1", env.getOrDefault("PATH", ""), name);
    return r.ok() ? Optional.of(Path.of(r.stdout().strip())) : Optional.empty();
  }

  @Override
  public boolean exists(Path path) {
    return shell("[ -e \"$1\" ]", "/usr/bin:/bin", path.toString()).ok();
  }

  @Override
  public Path realPath(Path path) {
    Result r = shell("readlink -e \"$1\"", "/usr/bin:/bin", path.toString());
    return r.ok() ? Path.of(r.stdout().strip()) : path;
  }

  @Override
  public List<Path> list(Path dir, String suffix) {
    Result r = shell("[ -d \"$1\" ] || exit 0; for f in \"$1\"/*\"$2\"; do [ -e \"$f\" ] && echo \"$f\"; done; exit 0",
        "/usr/bin:/bin", dir.toString(), suffix);
    return r.stdout().lines().filter(l -> !l.isBlank()).map(Path::of).sorted().toList();
  }

  private Result shell(String script, String path, String... args) {
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", script, "sh"));
    cmd.addAll(List.of(args));
    return run(cmd, Map.of("PATH", path));
  }
}
