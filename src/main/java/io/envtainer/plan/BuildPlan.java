package io.envtainer.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The neutral, fully resolved build plan: everything a backend needs, nothing it must look up in the spec.
 *
 * @param stages in build order; the last one is the image
 * @param environment runtime environment changes, in order
 * @param activation an activation script for {@code /.singularity.d/env/}, or null
 * @param binds host paths to bind at run time (site, MPI, spec)
 * @param mountPoints directories created in the image so that binds have a target
 * @param labels provenance first, then the spec's labels
 * @param runscript the body of the run script (POSIX sh; {@code "$@"} are the user's arguments)
 * @param help lines of help text: how to run, what to bind
 */
public record BuildPlan(
    String name,
    Provenance provenance,
    PythonPlan python,
    MpiPlan mpi,
    List<Stage> stages,
    List<EnvEntry> environment,
    GeneratedFile activation,
    List<BindMount> binds,
    List<String> mountPoints,
    Map<String, String> labels,
    List<PlanTest> tests,
    String runscript,
    List<String> help) {

  /** The activation script's path: a {@code /.singularity.d/env/} name Apptainer does not overwrite. */
  public static final String ACTIVATION_PATH = "/.singularity.d/env/85-envtainer.sh";

  public BuildPlan {
    if (stages.isEmpty()) throw new IllegalArgumentException("a plan has at least one stage");
    stages = List.copyOf(stages);
    environment = List.copyOf(environment);
    binds = List.copyOf(binds);
    mountPoints = List.copyOf(mountPoints);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    tests = List.copyOf(tests);
    help = List.copyOf(help);
  }

  /** The stage that is the image. */
  public Stage finalStage() {
    return stages.get(stages.size() - 1);
  }

  /** Generated files that end up in the image: the final stage's, and those it copies from earlier stages. */
  public List<GeneratedFile> imageFiles() {
    List<GeneratedFile> out = new ArrayList<>(finalStage().generated());
    for (Stage.StageCopy copy : finalStage().copiesFromEarlier()) {
      for (Stage s : stages) {
        if (!s.name().equals(copy.fromStage())) continue;
        for (GeneratedFile g : s.generated()) {
          if (g.path().equals(copy.path()) || g.path().startsWith(copy.path() + "/")) out.add(g);
        }
      }
    }
    return out;
  }
}
