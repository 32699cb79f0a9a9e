package io.envtainer.cli;

import io.envtainer.apptainer.DefFiles;
import io.envtainer.plan.BuildPlan;
import io.envtainer.plan.PlanOptions;
import io.envtainer.plan.PlanResolver;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code envtainer def SPEC}: writes an Apptainer definition file for the spec. */
@Command(name = "def", mixinStandardHelpOptions = true,
    description = {"Write an Apptainer definition file DIR/NAME.def for the environment in FILE.",
        "Build it with: cd DIR && apptainer build NAME.sif NAME.def"})
public final class DefCommand implements Callable<Integer> {
  @Mixin SpecInput input;
  @Mixin SiteOption site;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "definitions",
      description = "Directory for the def file (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--stages", paramLabel = "HOW", defaultValue = "AUTO",
      description = "auto: a separate build stage when something must be compiled; single; multi. "
          + "Valid: ${COMPLETION-CANDIDATES}.")
  PlanOptions.Stages stages;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec self;

  @Override
  public Integer call() throws Exception {
    var loaded = input.load(self.commandLine().getErr());
    String command = "envtainer def " + input.file + site.describe() + (stages == PlanOptions.Stages.AUTO ? ""
        : " --stages " + stages.name().toLowerCase(java.util.Locale.ROOT));
    BuildPlan plan = PlanResolver.resolve(loaded.spec(), site.facts(loaded.spec()), new PlanOptions(stages, command));
    Path written = DefFiles.write(plan, output, command);
    self.commandLine().getOut().println(written);
    return ExitCodes.OK;
  }
}
