package io.envtainer.cli;

import io.envtainer.spec.SpecException;
import io.envtainer.spec.SpecFormat;
import io.envtainer.spec.SpecLoader;
import io.envtainer.spec.SpecWarning;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The spec file argument shared by commands that read a spec. */
public final class SpecInput {
  @Parameters(index = "0", paramLabel = "FILE",
      description = "envtainer.yaml, environment.yml (or conda env export), requirements.txt, or a module list.")
  Path file;

  @Option(names = "--type", paramLabel = "TYPE",
      description = "Read FILE as this type instead of detecting it: ${COMPLETION-CANDIDATES}.")
  SpecFormat type;

  /** Loads the spec and prints its warnings to {@code err}. */
  SpecLoader.Loaded load(PrintWriter err) throws SpecException {
    SpecLoader.Loaded loaded = SpecLoader.load(file, type);
    for (SpecWarning w : loaded.spec().warnings()) err.println(w);
    return loaded;
  }
}
