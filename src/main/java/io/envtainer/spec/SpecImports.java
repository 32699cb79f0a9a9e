package io.envtainer.spec;

import io.envtainer.spec.conda.CondaEnvironment;
import io.envtainer.spec.conda.MatchSpec;
import io.envtainer.spec.modules.ModuleList;
import io.envtainer.spec.modules.ModuleRef;
import io.envtainer.spec.pip.Requirements;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Turns an imported file (environment.yml, requirements.txt, module list) into an envtainer {@link Spec}. */
public final class SpecImports {
  private SpecImports() {}

  public static Spec fromConda(Path file, CondaEnvironment env, List<SpecWarning> warnings) {
    String version = null;
    for (MatchSpec m : env.matchSpecs()) {
      if (m.name().equals("python") && m.version() != null) version = pythonVersion(m.version());
    }
    Spec.Builder b = Spec.builder(file)
        .name(nameFrom(env.name(), file))
        .python(new Python(PythonSource.CONDA, version, null, null))
        .conda(env)
        .warnAll(warnings);
    if (env.location() != null) b.location("name", env.location());
    return b.build();
  }

  public static Spec fromRequirements(Path file, Requirements reqs) {
    return Spec.builder(file).name(nameFrom(null, file)).python(Python.of(PythonSource.VENV)).pip(reqs).build();
  }

  public static Spec fromModules(Path file, ModuleList modules) {
    ModuleRef py = pythonModule(modules);
    Python python = py == null
        ? Python.of(PythonSource.SYSTEM)
        : new Python(PythonSource.MODULE, pythonVersion(py.softwareVersion()), py.fullName(), null);
    Spec.Builder b = Spec.builder(file).name(nameFrom(null, file)).python(python).modules(modules);
    for (ModuleRef m : modules.modules()) {
      var family = MpiFamily.parse(m.name());
      if (family.isPresent()) {
        b.mpi(new Mpi(family.get(), m.softwareVersion(), MpiMode.HYBRID));
        b.location("mpi.family", m.location());
      }
    }
    if (py != null) b.location("python.module", py.location());
    return b.build();
  }

  /** The module that provides python: one named "python" (any case), else the first whose name contains it. */
  public static ModuleRef pythonModule(ModuleList modules) {
    for (ModuleRef m : modules.modules()) if (m.name().equalsIgnoreCase("python")) return m;
    for (ModuleRef m : modules.modules()) if (m.name().toLowerCase(Locale.ROOT).contains("python")) return m;
    return null;
  }

  /** "3.11.9" of "3.11.9", "3.11" of ">=3.11,<3.15" or "3.11.*"; null when no single version is implied. */
  static String pythonVersion(String constraint) {
    if (constraint == null) return null;
    String c = constraint.replaceFirst("^(==|=|>=|~=)", "");
    int cut = c.length();
    for (char ch : new char[] {',', '|', '*', '<', ' ', '='}) {
      int i = c.indexOf(ch);
      if (i >= 0 && i < cut) cut = i;
    }
    c = c.substring(0, cut).replaceAll("\\.$", "");
    return c.matches("[0-9]+(\\.[0-9]+){0,2}") ? c : null;
  }

  /** A valid spec name from a conda env name or the file (its directory for generic file names). */
  static String nameFrom(String name, Path file) {
    String base = name;
    if (base == null || base.isBlank()) {
      // environment.yml, requirements-dev.txt: the directory names the environment; x.requirements.txt: x.
      String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
      String generic = "(?i)(environment|env|requirements?|modules?)([._-][A-Za-z0-9]+)?";
      if (stem.matches(generic)) stem = "";
      else stem = stem.replaceFirst("[._-]" + generic + "$", "");
      Path parent = file.toAbsolutePath().getParent();
      base = stem.isEmpty() && parent != null && parent.getFileName() != null ? parent.getFileName().toString() : stem;
    }
    String n = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
    if (n.length() > 128) n = n.substring(0, 128);
    return n.isEmpty() ? "env" : n;
  }
}
