package io.envtainer.cli;

import io.envtainer.host.Capture;
import io.envtainer.host.CapturedSpec;
import io.envtainer.host.ProcessCommandRunner;
import io.envtainer.spec.SpecTree;
import io.envtainer.spec.SpecWarning;
import io.envtainer.spec.YamlWriter;
import io.envtainer.util.AtomicFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code envtainer capture}: writes the current shell (modules, python, venv or conda, MPI) as a spec. */
@Command(name = "capture", mixinStandardHelpOptions = true,
    description = {"Write a spec that reproduces the current shell: loaded modules, the Python (module, venv or conda)",
        "and its packages, and the host MPI. Comments say where each fact came from."})
public final class CaptureCommand implements Callable<Integer> {
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the spec here (default: standard output).")
  Path output;

  @Option(names = "--module-list", paramLabel = "FILE",
      description = "Output of 'module --terse list' from the same shell, to cross-check $LOADEDMODULES.")
  Path moduleList;

  @picocli.CommandLine.Mixin EnvOption env;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec self;

  @Override
  public Integer call() throws Exception {
    String terse = moduleList == null ? null : java.nio.file.Files.readString(moduleList);
    CapturedSpec captured = new Capture(new ProcessCommandRunner()).capture(env.environment(), terse);
    String yaml = "# envtainer capture: the shell's environment as a spec; comments say where each value came from\n"
        + YamlWriter.write(SpecTree.of(captured.spec()), captured.provenance());
    for (SpecWarning w : captured.spec().warnings()) self.commandLine().getErr().println(w);
    if (output == null) {
      self.commandLine().getOut().print(yaml);
      self.commandLine().getOut().flush();
    } else {
      AtomicFiles.writeString(output, yaml);
      self.commandLine().getErr().println("envtainer: wrote " + output);
    }
    return ExitCodes.OK;
  }
}
