package io.envtainer.cli;

import io.envtainer.host.EnvironmentFile;
import io.envtainer.spec.SpecException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --env-file FILE}: look at a saved shell environment instead of this process's own. */
public final class EnvOption {
  @Option(names = "--env-file", paramLabel = "FILE",
      description = {"Use the shell environment saved in FILE by 'env -0 > FILE' (e.g. inside a batch job, or a",
          "shell with other modules loaded) instead of this process's environment."})
  Path file;

  Map<String, String> environment() throws SpecException {
    return file == null ? System.getenv() : EnvironmentFile.read(file);
  }
}
