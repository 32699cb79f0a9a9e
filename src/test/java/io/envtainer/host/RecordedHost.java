package io.envtainer.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A host replayed from recordings: outputs that the real tools printed on a Debian 12 machine (saved under
 * src/test/resources/io/envtainer/host/recorded/), and which files existed there. Commands that were not
 * recorded fail loudly, so a test cannot pass by accident.
 */
final class RecordedHost implements CommandRunner {
  private final Map<String, Result> commands = new HashMap<>();
  private final Set<Path> files = new HashSet<>();
  private final Map<Path, Path> links = new HashMap<>();

  /** Records that {@code command} (words joined by spaces) printed the resource {@code stdoutResource}. */
  RecordedHost command(String command, String stdoutResource) {
    commands.put(command, new Result(0, resource(stdoutResource), ""));
    return this;
  }

  RecordedHost command(String command, Result result) {
    commands.put(command, result);
    return this;
  }

  /** Files that existed (executables on PATH included). */
  RecordedHost files(String... paths) {
    for (String p : paths) files.add(Path.of(p));
    return this;
  }

  /** A symlink and the file it resolved to. */
  RecordedHost link(String path, String target) {
    files.add(Path.of(path));
    files.add(Path.of(target));
    links.put(Path.of(path), Path.of(target));
    return this;
  }

  static String resource(String name) {
    try (InputStream in = RecordedHost.class.getResourceAsStream("recorded/" + name)) {
      if (in == null) throw new IllegalArgumentException("no recording " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Result run(List<String> command, Map<String, String> env) throws IOException {
    Result r = commands.get(String.join(" ", command));
    if (r == null) throw new IOException("not recorded: " + String.join(" ", command));
    return r;
  }

  @Override
  public Optional<Path> which(String name, Map<String, String> env) {
    if (name.contains("/")) return files.contains(Path.of(name)) ? Optional.of(Path.of(name)) : Optional.empty();
    for (String dir : env.getOrDefault("PATH", "").split(":")) {
      if (dir.isEmpty()) continue;
      Path p = Path.of(dir, name);
      if (files.contains(p)) return Optional.of(p);
    }
    return Optional.empty();
  }

  @Override
  public boolean exists(Path path) {
    return files.contains(path);
  }

  @Override
  public Path realPath(Path path) {
    return links.getOrDefault(path, path);
  }
}
