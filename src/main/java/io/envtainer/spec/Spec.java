package io.envtainer.spec;

import io.envtainer.spec.conda.CondaEnvironment;
import io.envtainer.spec.modules.ModuleList;
import io.envtainer.spec.pip.Requirements;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An envtainer environment spec: what to put in the image, independent of how it is built. Every importer
 * (environment.yml, requirements.txt, module lists) produces one of these.
 *
 * @param file the file it was read from
 * @param name image name; [a-z0-9][a-z0-9._-]*
 * @param base base image reference ({@code docker-archive:PATH}, {@code oci-archive:PATH}, {@code docker://REF},
 *     {@code localimage:PATH}, {@code scratch}), or null to take the site's default
 * @param conda the conda environment, or null
 * @param pip pip requirements installed on top (venv/module sources), or empty
 * @param runscript the body of the run script, or null for the default ({@code python "$@"})
 * @param site the site profile name, or null
 * @param locations where scalar fields were written, keyed by dotted path ({@code name}, {@code python.version})
 */
public record Spec(
    Path file,
    String name,
    String base,
    Python python,
    CondaEnvironment conda,
    Requirements pip,
    ModuleList modules,
    Mpi mpi,
    List<Bind> binds,
    List<EnvVar> env,
    List<FileCopy> files,
    String runscript,
    List<TestCommand> tests,
    List<Label> labels,
    String site,
    Map<String, SourceLocation> locations,
    List<SpecWarning> warnings) {

  public Spec {
    if (python == null) throw new IllegalArgumentException("python is required");
    if (pip == null) pip = Requirements.empty();
    if (modules == null) modules = ModuleList.empty();
    if (mpi == null) mpi = Mpi.NONE;
    binds = List.copyOf(binds == null ? List.of() : binds);
    env = List.copyOf(env == null ? List.of() : env);
    files = List.copyOf(files == null ? List.of() : files);
    tests = List.copyOf(tests == null ? List.of() : tests);
    labels = List.copyOf(labels == null ? List.of() : labels);
    locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations == null ? Map.of() : locations));
    warnings = List.copyOf(warnings == null ? List.of() : warnings);
  }

  /** Where a scalar field was written; the spec file itself when unknown. */
  public SourceLocation locationOf(String field) {
    SourceLocation l = locations.get(field);
    return l != null ? l : SourceLocation.of(file, 0);
  }

  public static Builder builder(Path file) {
    return new Builder(file);
  }

  public Builder toBuilder() {
    Builder b = new Builder(file);
    b.name = name;
    b.base = base;
    b.python = python;
    b.conda = conda;
    b.pip = pip;
    b.modules = modules;
    b.mpi = mpi;
    b.binds.addAll(binds);
    b.env.addAll(env);
    b.files.addAll(files);
    b.runscript = runscript;
    b.tests.addAll(tests);
    b.labels.addAll(labels);
    b.site = site;
    b.locations.putAll(locations);
    b.warnings.addAll(warnings);
    return b;
  }

  /** Mutable builder; {@link #build()} gives the immutable spec. */
  public static final class Builder {
    private final Path file;
    private String name;
    private String base;
    private Python python = Python.of(PythonSource.SYSTEM);
    private CondaEnvironment conda;
    private Requirements pip = Requirements.empty();
    private ModuleList modules = ModuleList.empty();
    private Mpi mpi = Mpi.NONE;
    private final List<Bind> binds = new ArrayList<>();
    private final List<EnvVar> env = new ArrayList<>();
    private final List<FileCopy> files = new ArrayList<>();
    private String runscript;
    private final List<TestCommand> tests = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private String site;
    private final Map<String, SourceLocation> locations = new LinkedHashMap<>();
    private final List<SpecWarning> warnings = new ArrayList<>();

    private Builder(Path file) {
      this.file = file;
    }

    public Builder name(String v) { name = v; return this; }
    public Builder base(String v) { base = v; return this; }
    public Builder python(Python v) { python = v; return this; }
    public Builder conda(CondaEnvironment v) { conda = v; return this; }
    public Builder pip(Requirements v) { pip = v; return this; }
    public Builder modules(ModuleList v) { modules = v; return this; }
    public Builder mpi(Mpi v) { mpi = v; return this; }
    public Builder addBind(Bind v) { binds.add(v); return this; }
    public Builder addEnv(EnvVar v) { env.add(v); return this; }
    public Builder addFile(FileCopy v) { files.add(v); return this; }
    public Builder runscript(String v) { runscript = v; return this; }
    public Builder addTest(TestCommand v) { tests.add(v); return this; }
    public Builder addLabel(Label v) { labels.add(v); return this; }
    public Builder site(String v) { site = v; return this; }
    public Builder location(String field, SourceLocation where) { locations.put(field, where); return this; }
    public Builder warn(SpecWarning w) { warnings.add(w); return this; }
    public Builder warnAll(List<SpecWarning> ws) { warnings.addAll(ws); return this; }

    public Spec build() {
      return new Spec(file, name, base, python, conda, pip, modules, mpi, binds, env, files, runscript, tests,
          labels, site, locations, warnings);
    }
  }
}
