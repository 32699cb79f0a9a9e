package io.envtainer.testing;

import java.util.List;

/** What a finished process left behind: its exit code and everything it printed. */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr) {

  public ProcessResult {
    command = List.copyOf(command);
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** The command, its exit code and its output, for assertion messages. */
  public String describe() {
    return "$ " + String.join(" ", command) + "\nexit code " + exitCode
        + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
  }
}
