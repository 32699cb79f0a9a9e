package io.envtainer.plan;

import io.envtainer.spec.Bind;
import io.envtainer.spec.EnvVar;
import io.envtainer.spec.FileCopy;
import io.envtainer.spec.Label;
import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.Spec;
import io.envtainer.spec.SpecException;
import io.envtainer.spec.TestCommand;
import io.envtainer.spec.conda.Channel;
import io.envtainer.spec.conda.CondaEnvironment;
import io.envtainer.spec.conda.MatchSpec;
import io.envtainer.spec.pip.PipOption;
import io.envtainer.spec.pip.Requirement;
import io.envtainer.spec.pip.Requirements;
import java.util.Map;

/** Checks every spec value that reaches a generated file (see {@link PlanChecks}); errors name the spec line. */
final class SpecValues {
  private static final String SAFE_PATH = "[A-Za-z0-9_./+@,=-]+";

  private SpecValues() {}

  static void check(Spec spec) throws SpecException {
    if (spec.site() != null && !spec.site().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new SpecException(spec.locationOf("site"), "expected a site profile name of letters, digits and . _ -, "
          + "found '" + spec.site() + "'", "see envtainer recipes list");
    }
    if (spec.base() != null) PlanChecks.oneLine(spec.base(), "base", spec.locationOf("base"));
    if (spec.conda() != null) conda(spec.conda());
    requirements(spec.pip());
    for (Bind b : spec.binds()) {
      PlanChecks.oneLine(b.source() + ":" + b.target(), "a bind", b.location());
    }
    for (EnvVar e : spec.env()) PlanChecks.oneLine(e.value(), "the value of env." + e.name(), e.location());
    for (Label l : spec.labels()) PlanChecks.oneLine(l.value(), "the value of label " + l.key(), l.location());
    for (FileCopy f : spec.files()) {
      if (!f.source().matches(SAFE_PATH) || f.source().startsWith("#")) {
        throw new SpecException(f.location(), "expected a file source path of letters, digits and . _ / + @ , = -, "
            + "found '" + f.source() + "'", "rename the file or copy it to a plain name");
      }
      if (!f.target().matches(SAFE_PATH)) {
        throw new SpecException(f.location(), "expected a file target path of letters, digits and . _ / + @ , = -, "
            + "found '" + f.target() + "'", null);
      }
    }
    if (spec.runscript() != null) PlanChecks.script(spec.runscript(), "the runscript", spec.locationOf("runscript"));
    for (TestCommand t : spec.tests()) PlanChecks.script(t.command(), "a test command", t.location());
  }

  private static void conda(CondaEnvironment env) throws SpecException {
    for (Channel c : env.channels()) {
      PlanChecks.oneLine(c.name(), "a channel", c.location());
      if (!c.name().matches("[A-Za-z0-9_./:@+~-]+")) {
        throw new SpecException(c.location(), "expected a channel name or URL, found '" + c.name() + "'", null);
      }
    }
    for (MatchSpec m : env.matchSpecs()) {
      PlanChecks.oneLine(m.raw(), "a conda dependency", m.location());
      if (m.raw().startsWith("%")) {
        throw new SpecException(m.location(), "expected a conda dependency, found '" + m.raw() + "'", null);
      }
    }
    for (Map.Entry<String, String> v : env.variables().entrySet()) {
      if (!v.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new SpecException(env.variableLocation(v.getKey()), "expected conda variable names like NAME_1, found '"
            + v.getKey() + "'", null);
      }
      PlanChecks.oneLine(v.getValue(), "the conda variable " + v.getKey(), env.variableLocation(v.getKey()));
    }
    requirements(env.pip());
  }

  private static void requirements(Requirements reqs) throws SpecException {
    for (Requirement r : reqs.requirements()) {
      SourceLocation at = r.location();
      for (String s : new String[] {r.name(), r.specifier(), r.url(), r.marker(), r.comment()}) {
        if (s != null) PlanChecks.oneLine(s, "a requirement", at);
      }
      for (String e : r.extras()) PlanChecks.oneLine(e, "a requirement extra", at);
      for (PipOption o : r.options()) option(o);
    }
    for (PipOption o : reqs.options()) option(o);
  }

  private static void option(PipOption o) throws SpecException {
    if (o.value() != null) PlanChecks.oneLine(o.value(), "the value of " + o.name(), o.location());
  }
}
