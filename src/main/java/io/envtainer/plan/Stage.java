package io.envtainer.plan;

import java.util.List;

/**
 * A build stage. The last stage of a plan is the image; earlier stages exist to build things the last copies.
 *
 * @param hostFiles files copied from the build host before the steps run
 * @param generated files written before the steps run
 * @param copiesFromEarlier absolute paths copied from an earlier stage (same path), with that stage's name
 */
public record Stage(String name, BaseImage base, List<HostFile> hostFiles, List<GeneratedFile> generated,
    List<Step> steps, List<StageCopy> copiesFromEarlier) {
  public Stage {
    hostFiles = List.copyOf(hostFiles);
    generated = List.copyOf(generated);
    steps = List.copyOf(steps);
    copiesFromEarlier = List.copyOf(copiesFromEarlier);
  }

  /** A path copied from an earlier stage. */
  public record StageCopy(String fromStage, String path) {}
}
