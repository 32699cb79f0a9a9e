package io.envtainer.plan;

import java.util.List;

/**
 * A build step: shell commands run in the image at build time (POSIX sh, {@code set -e} semantics), with a title.
 * Backends that cannot run commands (the OCI layer builder) take prepared environments instead.
 */
public record Step(String title, List<String> commands) {
  public Step {
    commands = List.copyOf(commands);
  }
}
