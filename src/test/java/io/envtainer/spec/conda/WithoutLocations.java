package io.envtainer.spec.conda;

import io.envtainer.spec.pip.Comment;
import io.envtainer.spec.pip.Include;
import io.envtainer.spec.pip.PipOption;
import io.envtainer.spec.pip.Requirement;
import io.envtainer.spec.pip.Requirements;
import io.envtainer.spec.pip.RequirementsLine;
import java.util.List;

/** Copies of parsed values with every location (and the environment's file) dropped, to compare meaning. */
final class WithoutLocations {
  private WithoutLocations() {}

  static CondaEnvironment of(CondaEnvironment e) {
    return new CondaEnvironment(null, e.name(),
        e.channels().stream().map(c -> new Channel(c.name(), null)).toList(),
        e.dependencies().stream().map(WithoutLocations::of).toList(), e.prefix(), e.variables(), null);
  }

  static CondaDependency of(CondaDependency d) {
    if (d instanceof MatchSpec m) {
      return new MatchSpec(m.raw(), m.channel(), m.name(), m.version(), m.build(), m.brackets(), m.comment(), null);
    }
    PipDependencies p = (PipDependencies) d;
    return new PipDependencies(of(p.requirements()), null);
  }

  static Requirements of(Requirements r) {
    return new Requirements(r.file(), r.lines().stream().map(WithoutLocations::of).toList());
  }

  static RequirementsLine of(RequirementsLine l) {
    if (l instanceof Requirement r) {
      List<PipOption> options = r.options().stream().map(o -> new PipOption(o.name(), o.value(), null)).toList();
      return new Requirement(r.name(), r.extras(), r.specifier(), r.url(), r.kind(), r.editable(), r.marker(),
          r.hashes(), options, r.comment(), null);
    }
    if (l instanceof PipOption o) return new PipOption(o.name(), o.value(), null);
    if (l instanceof Include i) return new Include(i.kind(), i.target(), of(i.included()), null);
    Comment c = (Comment) l;
    return new Comment(c.text(), null);
  }
}
