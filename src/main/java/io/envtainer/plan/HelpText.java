package io.envtainer.plan;

import io.envtainer.spec.MpiMode;
import io.envtainer.spec.Spec;
import java.util.ArrayList;
import java.util.List;

/** The image's help: how to run it, what to bind, how to launch MPI ranks. Plain lines, no def syntax. */
final class HelpText {
  private HelpText() {}

  static List<String> lines(Spec spec, PythonPlan python, MpiPlan mpi, List<BindMount> binds) {
    String image = spec.name() + ".sif";
    List<String> h = new ArrayList<>();
    h.add(spec.name() + ": a " + (python.flavor() == PythonPlan.Flavor.CONDA ? "conda" : "venv")
        + " Python environment at " + python.prefix() + ", made by envtainer from " + spec.file().getFileName() + ".");
    String bindFlag = "";
    if (!binds.isEmpty()) {
      h.add("");
      h.add("Binds (host path -> container path):");
      for (BindMount b : binds) {
        h.add("    " + b.source() + " -> " + b.target() + (b.readOnly() ? " (read-only)" : "") + "  [" + b.reason() + "]");
      }
      h.add("As one --bind list:");
      h.add("    BINDS=" + Shell.quote(String.join(",", binds.stream().map(BindMount::toBindSpec).toList())));
      bindFlag = " --bind \"$BINDS\"";
    }
    h.add("");
    h.add("Run (python with the environment active):");
    h.add("    apptainer run" + bindFlag + " " + image + " script.py");
    h.add("    apptainer exec" + bindFlag + " " + image + " python -c 'import sys; print(sys.prefix)'");
    h.add("    apptainer test" + bindFlag + " " + image);
    if (mpi.enabled()) {
      h.add("");
      h.add("MPI: " + mpi.family().displayName() + (mpi.version() == null ? "" : " " + mpi.version()) + ", "
          + (mpi.mode() == MpiMode.HYBRID ? "hybrid (MPI inside the image; the host launcher starts the ranks)"
              : "bind (no MPI inside the image; the host's MPI is bound in)"));
      if (mpi.mode() == MpiMode.BIND) {
        h.add("Library path in the container: LD_LIBRARY_PATH=" + String.join(":", mpi.libraryPath())
            + "${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} (set by the image; or export APPTAINERENV_LD_LIBRARY_PATH)");
      }
      h.add("Launch:");
      for (String l : mpi.launchers()) {
        String line = Launchers.fill(l, image, "python script.py");
        h.add("    " + line.replace("apptainer exec ", "apptainer exec" + bindFlag + " "));
      }
      if (mpi.slurmExample() != null) {
        h.add("Slurm batch script:");
        for (String l : mpi.slurmExample().split("\n", -1)) h.add(l.isEmpty() ? "" : "    " + l);
      }
    }
    return h;
  }
}
