package io.envtainer.spec.pip;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed requirements file (or the {@code pip:} list of a conda file, or an inline list in a spec).
 *
 * @param file the file, or null when inline
 * @param lines its logical lines in order
 */
public record Requirements(Path file, List<RequirementsLine> lines) {
  public Requirements {
    lines = List.copyOf(lines);
  }

  public static Requirements empty() {
    return new Requirements(null, List.of());
  }

  /** Every requirement, with {@code -r} includes expanded in place (constraints files excluded). */
  public List<Requirement> requirements() {
    List<Requirement> out = new ArrayList<>();
    for (RequirementsLine l : lines) {
      if (l instanceof Requirement r) out.add(r);
      else if (l instanceof Include i && i.kind() == Include.Kind.REQUIREMENTS) out.addAll(i.included().requirements());
    }
    return out;
  }

  /** Every global option, includes expanded. */
  public List<PipOption> options() {
    List<PipOption> out = new ArrayList<>();
    for (RequirementsLine l : lines) {
      if (l instanceof PipOption o) out.add(o);
      else if (l instanceof Include i) out.addAll(i.included().options());
    }
    return out;
  }

  /**
   * Every requirement of the constraints files ({@code -c}) at any depth, their own includes expanded. (pip
   * itself reads a {@code -r} nested in a constraints file as requirements; here it stays a constraint.)
   */
  public List<Requirement> constraints() {
    List<Requirement> out = new ArrayList<>();
    for (RequirementsLine l : lines) {
      if (l instanceof Include i) {
        if (i.kind() == Include.Kind.CONSTRAINTS) out.addAll(i.included().requirements());
        out.addAll(i.included().constraints());
      }
    }
    return out;
  }

  /** True when any requirement (includes expanded) carries a {@code --hash}: pip then checks hashes for all. */
  public boolean hasHashes() {
    return requirements().stream().anyMatch(r -> !r.hashes().isEmpty());
  }

  public boolean isEmpty() {
    return lines.stream().noneMatch(l -> !(l instanceof Comment));
  }
}
