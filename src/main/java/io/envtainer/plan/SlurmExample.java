package io.envtainer.plan;

import java.util.List;

/** A Slurm batch script that runs the image with the site's srun launcher and the image's binds. */
final class SlurmExample {
  private SlurmExample() {}

  /** The script, or null when the site has no srun launcher. */
  static String of(String name, List<String> launchers, List<BindMount> binds) {
    String srun = launchers.stream().filter(l -> l.startsWith("srun")).findFirst().orElse(null);
    if (srun == null) return null;
    String line = Launchers.fill(srun, name + ".sif", "python script.py");
    if (!binds.isEmpty()) {
      line = line.replace("apptainer exec ", "apptainer exec --bind \"$BINDS\" ");
    }
    StringBuilder b = new StringBuilder(String.join("\n",
        "#!/bin/bash",
        "#SBATCH --job-name=" + name,
        "#SBATCH --nodes=2",
        "#SBATCH --ntasks-per-node=4",
        "#SBATCH --time=00:10:00",
        ""));
    b.append('\n');
    if (!binds.isEmpty()) {
      b.append("BINDS=").append(Shell.quote(String.join(",", binds.stream().map(BindMount::toBindSpec).toList())))
          .append('\n');
    }
    return b.append(line).toString();
  }
}
