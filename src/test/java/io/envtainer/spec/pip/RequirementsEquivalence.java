package io.envtainer.spec.pip;

import java.util.ArrayList;
import java.util.List;

/** Compares parsed requirements ignoring where they were written (locations and file names). */
final class RequirementsEquivalence {
  private RequirementsEquivalence() {}

  static Requirements withoutLocations(Requirements r) {
    List<RequirementsLine> lines = new ArrayList<>();
    for (RequirementsLine l : r.lines()) lines.add(withoutLocation(l));
    return new Requirements(null, lines);
  }

  static RequirementsLine withoutLocation(RequirementsLine l) {
    if (l instanceof Comment c) return new Comment(c.text(), null);
    if (l instanceof PipOption o) return new PipOption(o.name(), o.value(), null);
    if (l instanceof Include i) return new Include(i.kind(), i.target(), withoutLocations(i.included()), null);
    Requirement q = (Requirement) l;
    List<PipOption> options = new ArrayList<>();
    for (PipOption o : q.options()) options.add(new PipOption(o.name(), o.value(), null));
    return new Requirement(q.name(), q.extras(), q.specifier(), q.url(), q.kind(), q.editable(), q.marker(),
        q.hashes(), options, q.comment(), null);
  }
}
