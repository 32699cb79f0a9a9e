package io.envtainer.plan;

import io.envtainer.spec.Spec;
import java.util.ArrayList;
import java.util.List;

/** What the image's own check verifies, and how the tests run it. */
record CheckPlan(GeneratedFile file, String command, boolean mpi) {

  static CheckPlan of(Spec spec, PythonPlan python, MpiPlan mpi) {
    List<String> dists = new ArrayList<>(PlanResolver.namedDistributions(spec.pip().requirements()));
    List<String> conda = new ArrayList<>();
    if (spec.conda() != null) {
      conda.addAll(PlanResolver.condaNames(spec.conda()));
      for (String d : PlanResolver.namedDistributions(spec.conda().pip().requirements())) {
        if (!dists.contains(d)) dists.add(d);
      }
    }
    if (mpi.enabled() && dists.stream().noneMatch(d -> d.equalsIgnoreCase("mpi4py")) && !conda.contains("mpi4py")) {
      dists.add("mpi4py");
    }
    GeneratedFile file = CheckScript.generate(dists, conda,
        python.flavor() == PythonPlan.Flavor.CONDA ? python.prefix() : null,
        mpi.enabled() ? mpi.family().displayName() : null, mpi.mode() == io.envtainer.spec.MpiMode.BIND);
    return new CheckPlan(file, python.interpreter() + " " + CheckScript.PATH, mpi.enabled());
  }
}
