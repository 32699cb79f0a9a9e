package io.envtainer.cli;

import picocli.CommandLine.Command;

/** {@code envtainer spec}: read, normalise and validate environment specs. */
@Command(
    name = "spec",
    mixinStandardHelpOptions = true,
    description = "Read, normalise and validate environment specs.",
    subcommands = {SpecShowCommand.class, SpecCheckCommand.class})
public final class SpecCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec self;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(self.commandLine(), "missing subcommand: show or check");
  }
}
