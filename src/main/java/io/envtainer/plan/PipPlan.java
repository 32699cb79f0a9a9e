package io.envtainer.plan;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.Spec;
import io.envtainer.spec.SpecException;
import io.envtainer.spec.conda.CondaDependency;
import io.envtainer.spec.conda.CondaEnvironment;
import io.envtainer.spec.conda.PipDependencies;
import io.envtainer.spec.pip.Comment;
import io.envtainer.spec.pip.Include;
import io.envtainer.spec.pip.PipOption;
import io.envtainer.spec.pip.Requirement;
import io.envtainer.spec.pip.RequirementKind;
import io.envtainer.spec.pip.Requirements;
import io.envtainer.spec.pip.RequirementsLine;
import io.envtainer.spec.pip.RequirementsParser;
import io.envtainer.spec.pip.RequirementsWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The pip requirements file written into the image: includes expanded (the included files are not in the image),
 * constraints files written beside it, mpi4py added in MPI modes when the spec does not name it.
 */
record PipPlan(List<GeneratedFile> files, boolean hashes, boolean needsCompiler, boolean isEmpty) {

  static PipPlan of(Spec spec, PythonPlan python, MpiPlan mpi) throws SpecException {
    if (python.flavor() == PythonPlan.Flavor.CONDA) return new PipPlan(List.of(), false, false, true);
    List<GeneratedFile> files = new ArrayList<>();
    List<RequirementsLine> lines = flatten(spec.pip(), files);
    List<Requirement> reqs = spec.pip().requirements();
    boolean hashes = reqs.stream().anyMatch(r -> !r.hashes().isEmpty());
    if (hashes) {
      for (Requirement r : reqs) {
        if (r.hashes().isEmpty()) {
          throw new SpecException(r.location(), "expected --hash on every requirement once one has a hash (pip checks "
              + "all or none), found none on " + (r.name() != null ? r.name() : r.url()), "add its --hash=sha256:...");
        }
      }
    }
    boolean namesMpi4py = reqs.stream().anyMatch(r -> "mpi4py".equals(r.normalizedName()));
    if (mpi.enabled() && !namesMpi4py) {
      if (hashes) {
        throw new SpecException(spec.locationOf("mpi.mode"), "MPI mode needs mpi4py, and the requirements are "
            + "hash-checked; expected mpi4py with its --hash in the requirements", "add e.g. mpi4py==4.0.1 --hash=...");
      }
      lines.add(RequirementsParser.parseRequirement("mpi4py", SourceLocation.synthetic("envtainer: MPI mode")));
    }
    boolean compile = false;
    for (Requirement r : reqs) compile |= needsBuild(r);
    for (PipOption o : spec.pip().options()) compile |= o.name().equals("--no-binary");
    boolean empty = lines.stream().noneMatch(l -> l instanceof Requirement);
    if (!empty) {
      files.add(new GeneratedFile(VenvSteps.REQUIREMENTS, RequirementsWriter.write(new Requirements(null, lines)), 0644));
    }
    return new PipPlan(files, hashes, compile, empty);
  }

  /** The conda environment with its pip section flattened the same way. */
  static CondaEnvironment flattenCondaPip(CondaEnvironment env, List<GeneratedFile> files) {
    List<CondaDependency> deps = new ArrayList<>();
    for (CondaDependency d : env.dependencies()) {
      if (d instanceof PipDependencies p) {
        deps.add(new PipDependencies(new Requirements(null, flatten(p.requirements(), files)), p.location()));
      } else {
        deps.add(d);
      }
    }
    return new CondaEnvironment(env.file(), env.name(), env.channels(), deps, env.prefix(), env.variables(),
        env.location());
  }

  private static List<RequirementsLine> flatten(Requirements reqs, List<GeneratedFile> files) {
    List<RequirementsLine> out = new ArrayList<>();
    for (RequirementsLine l : reqs.lines()) {
      if (l instanceof Include inc && inc.kind() == Include.Kind.REQUIREMENTS) {
        out.add(new Comment(" from " + inc.target(), inc.location()));
        out.addAll(flatten(inc.included(), files));
      } else if (l instanceof Include inc) {
        String path = "/.envtainer/constraints-" + (files.size() + 1) + ".txt";
        files.add(new GeneratedFile(path,
            RequirementsWriter.write(new Requirements(null, flatten(inc.included(), files))), 0644));
        out.add(new Include(inc.kind(), path, inc.included(), inc.location()));
      } else {
        out.add(l);
      }
    }
    return out;
  }

  /** Whether pip must build this requirement from source (needs compilers). */
  private static boolean needsBuild(Requirement r) {
    if (r.kind() == RequirementKind.VCS) return true;
    if (r.kind() == RequirementKind.PATH) return !r.url().endsWith(".whl");
    if (r.kind() == RequirementKind.URL) return !r.url().replaceAll("[#?].*$", "").endsWith(".whl");
    return r.options().stream().anyMatch(o -> o.name().equals("--no-binary"));
  }
}
