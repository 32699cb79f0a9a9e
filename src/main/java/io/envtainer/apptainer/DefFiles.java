package io.envtainer.apptainer;

import io.envtainer.plan.BuildPlan;
import io.envtainer.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Writes {@code DIR/NAME.def} atomically. */
public final class DefFiles {
  private DefFiles() {}

  public static Path write(BuildPlan plan, Path dir, String command) throws IOException {
    Path target = dir.resolve(plan.name() + ".def");
    AtomicFiles.writeString(target, DefRenderer.render(plan, dir, command));
    return target;
  }
}
