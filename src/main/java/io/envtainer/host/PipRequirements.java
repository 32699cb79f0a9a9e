package io.envtainer.host;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.pip.Requirement;
import io.envtainer.spec.pip.RequirementKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns installed distributions into pip requirements that reinstall them, like {@code pip freeze}. */
public final class PipRequirements {
  /** What {@code pip freeze} leaves out by default: the installer's own tools. */
  public static final Set<String> INSTALLER_TOOLS = Set.of("pip", "setuptools", "wheel", "distribute");

  private PipRequirements() {}

  /**
   * One requirement per distribution: {@code name==version}; a VCS install as {@code name @ vcs+url@commit}; a
   * remote archive as {@code name @ url}. Local files and editable checkouts become {@code name==version} with a
   * comment saying where they came from (the host path means nothing inside an image).
   */
  public static List<Requirement> pinned(List<InstalledDistribution> dists) {
    List<Requirement> out = new ArrayList<>();
    for (InstalledDistribution d : dists) {
      if (INSTALLER_TOOLS.contains(d.normalizedName())) continue;
      out.add(of(d));
    }
    return out;
  }

  static Requirement of(InstalledDistribution d) {
    SourceLocation where = new SourceLocation(d.metadata(), 0, 0);
    InstalledDistribution.DirectUrl u = d.directUrl();
    if (u != null && u.vcs() != null && !u.isLocalFile()) {
      String url = u.vcs() + "+" + u.url() + (u.commitId() != null ? "@" + u.commitId() : "");
      return new Requirement(d.name(), List.of(), "", url, RequirementKind.VCS, false, null, List.of(), List.of(), null, where);
    }
    if (u != null && u.archive() && !u.isLocalFile()) {
      return new Requirement(d.name(), List.of(), "", u.url(), RequirementKind.URL, false, null, List.of(), List.of(), null, where);
    }
    String comment = null;
    if (u != null && u.editable()) comment = "editable install from " + u.url() + " on the host";
    else if (u != null) comment = "installed from " + u.url() + " on the host";
    return new Requirement(d.name(), List.of(), "==" + d.version(), null, RequirementKind.NAMED, false, null, List.of(),
        List.of(), comment, where);
  }
}
