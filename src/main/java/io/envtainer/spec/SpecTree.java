package io.envtainer.spec;

import io.envtainer.spec.conda.CondaDependency;
import io.envtainer.spec.conda.CondaEnvironment;
import io.envtainer.spec.conda.MatchSpec;
import io.envtainer.spec.conda.PipDependencies;
import io.envtainer.spec.modules.ModuleRef;
import io.envtainer.spec.pip.Requirements;
import io.envtainer.spec.pip.RequirementsWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec as a tree of ordered maps, lists, strings, integers and booleans, in envtainer's own format: the one shape that both the YAML
 * and the JSON writer print, and that {@link EnvtainerSpecParser} reads back. Imports are written inline.
 */
public final class SpecTree {
  private SpecTree() {}

  public static Map<String, Object> of(Spec s) {
    Path dir = s.file() == null ? null : s.file().toAbsolutePath().normalize().getParent();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("envtainer", 1);
    root.put("name", s.name());
    putIfSet(root, "base", s.base());
    putIfSet(root, "site", s.site());
    Map<String, Object> python = new LinkedHashMap<>();
    python.put("source", s.python().source().yamlName());
    putIfSet(python, "version", s.python().version());
    putIfSet(python, "module", s.python().module());
    if (!s.python().prefix().equals(Python.DEFAULT_PREFIX)) python.put("prefix", s.python().prefix());
    if (s.python().systemSitePackages() != null) {
      python.put("system_site_packages", s.python().systemSitePackages());
    }
    root.put("python", python);
    if (!s.modules().isEmpty()) root.put("modules", modules(s));
    if (s.conda() != null) root.put("conda", conda(s.conda(), dir));
    if (!s.pip().isEmpty()) root.put("pip", pipLines(s.pip(), dir));
    if (s.mpi().enabled() || s.mpi().family() != null) {
      Map<String, Object> mpi = new LinkedHashMap<>();
      if (s.mpi().family() != null) mpi.put("family", s.mpi().family().key());
      putIfSet(mpi, "version", s.mpi().version());
      mpi.put("mode", s.mpi().mode().yamlName());
      root.put("mpi", mpi);
    }
    if (!s.binds().isEmpty()) root.put("binds", s.binds().stream().map(Bind::toBindSpec).toList());
    if (!s.env().isEmpty()) {
      Map<String, Object> env = new LinkedHashMap<>();
      for (EnvVar e : s.env()) env.put(e.name(), e.value());
      root.put("env", env);
    }
    if (!s.files().isEmpty()) {
      List<Object> files = new ArrayList<>();
      for (FileCopy f : s.files()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", f.source());
        m.put("target", f.target());
        files.add(m);
      }
      root.put("files", files);
    }
    putIfSet(root, "runscript", s.runscript());
    if (!s.tests().isEmpty()) root.put("tests", s.tests().stream().map(TestCommand::command).toList());
    if (!s.labels().isEmpty()) {
      Map<String, Object> labels = new LinkedHashMap<>();
      for (Label l : s.labels()) labels.put(l.key(), l.value());
      root.put("labels", labels);
    }
    return root;
  }

  private static Object modules(Spec s) {
    List<String> names = s.modules().modules().stream().map(ModuleRef::fullName).toList();
    if (s.modules().modulePaths().isEmpty() && !s.modules().purge()) return names;
    Map<String, Object> m = new LinkedHashMap<>();
    if (s.modules().purge()) m.put("purge", true);
    if (!s.modules().modulePaths().isEmpty()) m.put("use", s.modules().modulePaths());
    m.put("load", names);
    return m;
  }

  private static Map<String, Object> conda(CondaEnvironment env, Path specDir) {
    Map<String, Object> m = new LinkedHashMap<>();
    putIfSet(m, "name", env.name());
    if (!env.channels().isEmpty()) m.put("channels", env.channels().stream().map(c -> c.name()).toList());
    List<Object> deps = new ArrayList<>();
    for (CondaDependency d : env.dependencies()) {
      if (d instanceof MatchSpec ms) deps.add(ms.raw());
      else if (d instanceof PipDependencies p) deps.add(Map.of("pip", pipLines(p.requirements(), specDir)));
    }
    m.put("dependencies", deps);
    putIfSet(m, "prefix", env.prefix());
    if (!env.variables().isEmpty()) m.put("variables", new LinkedHashMap<String, Object>(env.variables()));
    return m;
  }

  /**
   * Requirement lines, one per entry: {@code -r} includes expanded (a spec may be written anywhere), each
   * requirement with its options and hashes on its own line, constraints files as {@code -c ABSOLUTE_PATH}.
   */
  private static List<String> pipLines(Requirements reqs, Path specDir) {
    List<String> lines = new ArrayList<>(
        RequirementsWriter.writeFlat(reqs).replace(" \\\n    ", " ").lines().toList());
    constraintFiles(reqs, specDir, lines);
    return lines;
  }

  /** {@code -c FILE} lines, FILE relative to the spec's directory so the tree does not depend on the checkout. */
  private static void constraintFiles(Requirements reqs, Path specDir, List<String> out) {
    for (var line : reqs.lines()) {
      if (line instanceof io.envtainer.spec.pip.Include inc) {
        if (inc.kind() == io.envtainer.spec.pip.Include.Kind.CONSTRAINTS) {
          Path f = inc.included().file();
          out.add("-c " + (f == null || specDir == null ? inc.target()
              : specDir.relativize(f.toAbsolutePath().normalize()).toString()));
        } else {
          constraintFiles(inc.included(), specDir, out);
        }
      }
    }
  }

  private static void putIfSet(Map<String, Object> m, String key, String value) {
    if (value != null) m.put(key, value);
  }
}
