package io.envtainer.cli;

import io.envtainer.spec.JsonWriter;
import io.envtainer.spec.SpecTree;
import io.envtainer.spec.YamlWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code envtainer spec show FILE}: prints the normalised spec of any supported file. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Print the normalised envtainer spec of FILE (any supported format).")
public final class SpecShowCommand implements Callable<Integer> {
  enum Format { yaml, json }

  @Mixin SpecInput input;

  @Option(names = "--format", defaultValue = "yaml", description = "Output format: ${COMPLETION-CANDIDATES}.")
  Format format;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec self;

  @Override
  public Integer call() throws Exception {
    var loaded = input.load(self.commandLine().getErr());
    var tree = SpecTree.of(loaded.spec());
    self.commandLine().getOut().print(format == Format.json ? JsonWriter.write(tree) : YamlWriter.write(tree));
    self.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
