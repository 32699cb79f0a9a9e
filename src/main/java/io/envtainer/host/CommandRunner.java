package io.envtainer.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the host's tools ({@code ompi_info}, {@code mpichversion}, {@code ldd}, {@code python}). One small
 * interface so that unit tests can replay outputs recorded from the real tools, and integration tests run them.
 */
public interface CommandRunner {

  /** What a command printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** stdout and stderr together (some tools print their version on stderr). */
    public String output() {
      return stderr.isEmpty() ? stdout : stdout.isEmpty() ? stderr : stdout + "\n" + stderr;
    }
  }

  /**
   * Runs {@code command} with exactly {@code env} as its environment.
   *
   * @throws IOException when the program cannot be started or does not finish in time
   */
  Result run(List<String> command, Map<String, String> env) throws IOException;

  /** The file {@code name} resolves to on {@code $PATH} of {@code env}; a name with a slash is taken as a path. */
  default Optional<Path> which(String name, Map<String, String> env) {
    return findOnPath(name, env.get("PATH"));
  }

  /** Whether a file exists on the host (tests replaying a recorded host may answer from the recording). */
  default boolean exists(Path path) {
    return Files.exists(path);
  }

  /** The file a path names once symlinks are resolved; the path itself when it cannot be resolved. */
  default Path realPath(Path path) {
    try {
      return Files.exists(path) ? path.toRealPath() : path;
    } catch (java.io.IOException e) {
      return path;
    }
  }

  /** The files in {@code dir} whose names end with {@code suffix}, sorted; empty when it is not a directory. */
  default List<Path> list(Path dir, String suffix) throws java.io.IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  static Optional<Path> findOnPath(String name, String path) {
    if (name.contains("/")) {
      Path p = Path.of(name);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    if (path == null) return Optional.empty();
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) continue;
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }
}
