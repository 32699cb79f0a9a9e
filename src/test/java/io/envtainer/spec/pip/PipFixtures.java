package io.envtainer.spec.pip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The requirements files under src/test/resources/pip, copied to a directory a test may write into. */
final class PipFixtures {
  private PipFixtures() {}

  /** Fixture files that parse (top-level ones; included files are reached through them too). */
  static final List<String> GOOD = List.of(
      "all-constructs.txt", "legacy-options.txt", "pip-compile-hashes.txt", "pip-freeze.txt", "cuda.txt",
      "multi/requirements.txt", "multi/extras/dev.txt", "multi/constraints/pins.txt", "common/base.txt",
      "common/nested/tools.txt", "common/more-pins.txt");

  static Path source() {
    try {
      return Path.of(PipFixtures.class.getResource("/pip").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies the whole fixture tree into {@code dir} and returns {@code dir}. */
  static Path copyTo(Path dir) {
    Path src = source();
    try (Stream<Path> files = Files.walk(src)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = dir.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
