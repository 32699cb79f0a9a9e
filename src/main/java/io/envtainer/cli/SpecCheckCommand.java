package io.envtainer.cli;

import io.envtainer.spec.Spec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code envtainer spec check FILE}: validates a spec and summarises it. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate FILE; print a one-line summary, or the first error with file:line:column (exit 2).")
public final class SpecCheckCommand implements Callable<Integer> {
  @Mixin SpecInput input;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec self;

  @Override
  public Integer call() throws Exception {
    var loaded = input.load(self.commandLine().getErr());
    Spec s = loaded.spec();
    int conda = s.conda() == null ? 0 : s.conda().matchSpecs().size();
    int pip = s.pip().requirements().size() + (s.conda() == null ? 0 : s.conda().pip().requirements().size());
    self.commandLine().getOut().printf("%s: ok (%s; name %s; python %s; %d conda, %d pip, %d modules; %d warnings)%n",
        input.file, loaded.format().name().toLowerCase(java.util.Locale.ROOT), s.name(), s.python().source().yamlName(),
        conda, pip, s.modules().modules().size(), s.warnings().size());
    return ExitCodes.OK;
  }
}
