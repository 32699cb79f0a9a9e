package io.envtainer.plan;

import io.envtainer.Version;
import io.envtainer.spec.Bind;
import io.envtainer.spec.EnvVar;
import io.envtainer.spec.FileCopy;
import io.envtainer.spec.Label;
import io.envtainer.spec.MpiMode;
import io.envtainer.spec.PythonSource;
import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.Spec;
import io.envtainer.spec.SpecException;
import io.envtainer.spec.TestCommand;
import io.envtainer.spec.conda.CondaEnvironment;
import io.envtainer.spec.conda.CondaEnvironmentWriter;
import io.envtainer.spec.conda.MatchSpec;
import io.envtainer.spec.pip.Requirement;
import io.envtainer.spec.pip.RequirementKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Spec + site + options → {@link BuildPlan}. The only place where the spec's wishes become build decisions. */
public final class PlanResolver {
  static final String ACTIVATION = BuildPlan.ACTIVATION_PATH;

  private final Spec spec;
  private final SiteFacts site;
  private final PlanOptions options;
  private final Path specDir;

  private PlanResolver(Spec spec, SiteFacts site, PlanOptions options) {
    this.spec = spec;
    this.site = site == null ? SiteFacts.NONE : site;
    this.options = options;
    this.specDir = spec.file().toAbsolutePath().getParent();
  }

  public static BuildPlan resolve(Spec spec, SiteFacts site, PlanOptions options) throws SpecException {
    return new PlanResolver(spec, site, options).resolve();
  }

  private BuildPlan resolve() throws SpecException {
    SpecValues.check(spec);
    MpiPlan mpi = MpiResolver.resolve(spec, site);
    PythonPlan python = python();
    BaseImage base = base(python);
    PipPlan pip = PipPlan.of(spec, python, mpi);

    boolean compileAlways = pip.needsCompiler() || mpi.install() == MpiPlan.Install.SOURCE;
    boolean bindBuildsMpi4py = mpi.mode() == MpiMode.BIND && python.flavor() == PythonPlan.Flavor.VENV;
    boolean multi = switch (options.stages()) {
      case MULTI -> true;
      case SINGLE -> false;
      case AUTO -> compileAlways || bindBuildsMpi4py;
    };
    if (!multi && bindBuildsMpi4py) {
      throw new SpecException(spec.locationOf("mpi.mode"), "mpi.mode bind with a venv needs a build stage (mpi4py is "
          + "compiled against MPI headers that must not stay in the image), found --stages single",
          "use --stages auto or multi");
    }

    List<HostFile> hostFiles = hostFiles();
    List<GeneratedFile> generated = new ArrayList<>(pip.files());
    List<Step> envSteps = new ArrayList<>();
    String mpicc = mpi.mode() == MpiMode.HYBRID
        ? (mpi.install() == MpiPlan.Install.SOURCE ? mpi.prefix() + "/bin/mpicc" : "mpicc")
        : (mpi.mode() == MpiMode.BIND ? "mpicc" : null);
    if (python.flavor() == PythonPlan.Flavor.VENV) envSteps.add(VenvSteps.create(python));
    if (mpi.mode() == MpiMode.HYBRID) envSteps.addAll(MpiSteps.hybrid(mpi));
    if (mpi.mode() == MpiMode.BIND && multi) envSteps.add(MpiSteps.bindBuildHeaders(mpi));
    if (python.flavor() == PythonPlan.Flavor.CONDA) {
      CondaEnvironment env = CondaRewrite.rewrite(spec.conda(), mpi, site.externalMpiChannel());
      env = PipPlan.flattenCondaPip(env, generated);
      generated.add(new GeneratedFile(CondaSteps.ENVIRONMENT, CondaEnvironmentWriter.write(env), 0644));
      envSteps.addAll(CondaSteps.steps(python, !env.pip().isEmpty()));
    } else {
      envSteps.addAll(VenvSteps.install(python, !pip.isEmpty(), pip.hashes(), compileAlways || bindBuildsMpi4py,
          mpi.enabled() && !multi && mpi.mode() != MpiMode.BIND, mpicc));
    }

    CheckPlan check = CheckPlan.of(spec, python, mpi);
    List<Stage> stages = new ArrayList<>();
    if (multi) {
      generated.add(check.file());
      stages.add(new Stage("build", base, hostFiles, generated, envSteps, List.of()));
      List<Stage.StageCopy> copies = new ArrayList<>();
      copies.add(new Stage.StageCopy("build", python.prefix()));
      if (mpi.mode() == MpiMode.HYBRID && mpi.install() == MpiPlan.Install.SOURCE) {
        copies.add(new Stage.StageCopy("build", mpi.prefix()));
      }
      copies.add(new Stage.StageCopy("build", "/.envtainer"));
      List<Step> runtimeSteps = new ArrayList<>();
      if (mpi.mode() == MpiMode.HYBRID && mpi.install() != MpiPlan.Install.SOURCE) {
        runtimeSteps.addAll(MpiSteps.hybrid(mpi));
      }
      stages.add(new Stage("runtime", base, hostFiles, List.of(), runtimeSteps, copies));
    } else {
      generated.add(check.file());
      stages.add(new Stage("image", base, hostFiles, generated, envSteps, List.of()));
    }

    List<BindMount> binds = binds(mpi);
    mpi = mpi.withSlurmExample(SlurmExample.of(spec.name(), mpi.launchers(), binds));
    return new BuildPlan(spec.name(),
        new Provenance(Version.get(), SpecDigest.of(spec), spec.file().getFileName().toString(), site.name()),
        python, mpi, stages, environment(python, mpi), activation(python), binds, mountPoints(binds),
        labels(python, mpi), tests(check), runscript(python), HelpText.lines(spec, python, mpi, binds));
  }

  private PythonPlan python() {
    var p = spec.python();
    if (p.source() == PythonSource.CONDA) {
      return new PythonPlan(p.source(), PythonPlan.Flavor.CONDA, p.version(), p.prefix(), null, false, Pins.MICROMAMBA);
    }
    boolean systemSite = p.systemSitePackages() != null ? p.systemSitePackages()
        : p.source() == PythonSource.MODULE || p.source() == PythonSource.SYSTEM;
    return new PythonPlan(p.source(), PythonPlan.Flavor.VENV, p.version(), p.prefix(), "python3", systemSite, null);
  }

  private BaseImage base(PythonPlan python) throws SpecException {
    if (spec.base() != null) return BaseImages.parse(spec.base(), specDir, spec.locationOf("base"));
    if (site.baseImage() != null) {
      return BaseImages.parse(site.baseImage(), specDir, SourceLocation.synthetic("site " + site.name()));
    }
    String ref = python.flavor() == PythonPlan.Flavor.CONDA ? "debian:bookworm-slim"
        : "python:" + (python.version() == null ? "3.12" : python.version()) + "-slim-bookworm";
    return new BaseImage(BaseImage.Kind.REGISTRY, ref, null);
  }

  private List<HostFile> hostFiles() {
    List<HostFile> out = new ArrayList<>();
    for (FileCopy f : spec.files()) {
      out.add(new HostFile(specDir.resolve(f.source()).normalize(), f.source(), f.target(), f.location()));
    }
    return out;
  }

  private List<EnvEntry> environment(PythonPlan python, MpiPlan mpi) {
    List<EnvEntry> env = new ArrayList<>();
    SourceLocation generatedBy = SourceLocation.synthetic("envtainer");
    if (python.flavor() == PythonPlan.Flavor.CONDA) {
      env.add(EnvEntry.set("CONDA_PREFIX", python.prefix(), generatedBy));
      env.add(EnvEntry.set("CONDA_DEFAULT_ENV", python.prefix(), generatedBy));
      for (Map.Entry<String, String> v : spec.conda().variables().entrySet()) {
        env.add(EnvEntry.set(v.getKey(), v.getValue(), spec.conda().variableLocation(v.getKey())));
      }
    } else {
      env.add(EnvEntry.set("VIRTUAL_ENV", python.prefix(), generatedBy));
    }
    env.add(EnvEntry.prepend("PATH", python.prefix() + "/bin", generatedBy));
    if (mpi.mode() == MpiMode.HYBRID && mpi.install() == MpiPlan.Install.SOURCE) {
      env.add(EnvEntry.prepend("PATH", mpi.prefix() + "/bin", generatedBy));
      env.add(EnvEntry.prepend("LD_LIBRARY_PATH", mpi.prefix() + "/lib", generatedBy));
    }
    if (mpi.mode() == MpiMode.BIND) {
      if (mpi.prefix() != null) env.add(EnvEntry.set("MPI_DIR", mpi.prefix(), generatedBy));
      if (!mpi.libraryPath().isEmpty()) {
        env.add(EnvEntry.prepend("LD_LIBRARY_PATH", String.join(":", mpi.libraryPath()), generatedBy));
      }
    }
    if (site.modulePath() != null && !site.moduleRoots().isEmpty()) {
      env.add(EnvEntry.set("MODULEPATH", site.modulePath(), SourceLocation.synthetic("site " + site.name())));
    }
    env.addAll(site.env());
    for (EnvVar e : spec.env()) env.add(EnvEntry.set(e.name(), e.value(), e.location()));
    return env;
  }

  private GeneratedFile activation(PythonPlan python) {
    if (python.flavor() != PythonPlan.Flavor.CONDA) return null;
    String p = Shell.quote(python.prefix());
    String content = "# envtainer: activates the conda environment at " + python.prefix() + "\n"
        + "CONDA_PREFIX=" + p + "; export CONDA_PREFIX\n"
        + "for f in " + p + "/etc/conda/activate.d/*.sh; do\n"
        + "    if [ -r \"$f\" ]; then . \"$f\"; fi\n"
        + "done\n"
        + "unset f\n";
    return new GeneratedFile(ACTIVATION, content, 0755);
  }

  private List<BindMount> binds(MpiPlan mpi) {
    Map<String, BindMount> byTarget = new LinkedHashMap<>();
    for (BindMount b : site.binds()) byTarget.putIfAbsent(b.target(), b);
    if (mpi.mode() == MpiMode.BIND) {
      for (BindMount b : site.mpiBinds()) byTarget.putIfAbsent(b.target(), b);
      if (site.mpiBinds().isEmpty() && mpi.prefix() != null) {
        byTarget.putIfAbsent(mpi.prefix(), new BindMount(mpi.prefix(), mpi.prefix(), true, "mpi"));
      }
    }
    for (String root : site.moduleRoots()) byTarget.putIfAbsent(root, new BindMount(root, root, true, "modules"));
    for (Bind b : spec.binds()) byTarget.put(b.target(), new BindMount(b.source(), b.target(), b.readOnly(), "spec"));
    return new ArrayList<>(byTarget.values());
  }

  /** Directories that bind targets need: the target itself, or for a single library its directory. */
  private static List<String> mountPoints(List<BindMount> binds) {
    Set<String> dirs = new LinkedHashSet<>();
    for (BindMount b : binds) {
      String t = b.target();
      String name = t.substring(t.lastIndexOf('/') + 1);
      String dir = name.contains(".so") ? t.substring(0, t.lastIndexOf('/')) : t;
      if (!dir.isEmpty() && !dir.equals("/etc") && !dir.startsWith("/etc/")) dirs.add(dir);
    }
    return new ArrayList<>(dirs);
  }

  private Map<String, String> labels(PythonPlan python, MpiPlan mpi) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("org.opencontainers.image.title", spec.name());
    l.put("io.envtainer.version", Version.get());
    l.put("io.envtainer.spec.digest", SpecDigest.of(spec));
    l.put("io.envtainer.spec.file", spec.file().getFileName().toString());
    l.put("io.envtainer.site", site.name());
    l.put("io.envtainer.python.source", python.source().yamlName());
    if (python.version() != null) l.put("io.envtainer.python.version", python.version());
    if (mpi.enabled()) {
      l.put("io.envtainer.mpi.mode", mpi.mode().yamlName());
      l.put("io.envtainer.mpi.family", mpi.family().key());
      if (mpi.version() != null) l.put("io.envtainer.mpi.version", mpi.version());
    }
    for (Label label : spec.labels()) l.put(label.key(), label.value());
    return l;
  }

  private List<PlanTest> tests(CheckPlan check) {
    List<PlanTest> tests = new ArrayList<>();
    tests.add(new PlanTest("envtainer check: the spec's packages import" + (check.mpi() ? ", MPI rank check" : ""),
        check.command(), SourceLocation.synthetic("envtainer")));
    for (TestCommand t : spec.tests()) {
      tests.add(new PlanTest("from " + spec.file().getFileName() + ", line " + t.location().line(), t.command(),
          t.location()));
    }
    return tests;
  }

  private String runscript(PythonPlan python) {
    return spec.runscript() != null ? spec.runscript().stripTrailing() : "exec " + python.interpreter() + " \"$@\"";
  }

  /** Names of the Python distributions the spec's pip requirements name. */
  static List<String> namedDistributions(List<Requirement> reqs) {
    List<String> out = new ArrayList<>();
    for (Requirement r : reqs) {
      if (r.name() != null && (r.kind() == RequirementKind.NAMED || r.kind() == RequirementKind.URL
          || r.kind() == RequirementKind.VCS || r.kind() == RequirementKind.PATH)) {
        if (!out.contains(r.name())) out.add(r.name());
      }
    }
    return out;
  }

  static List<String> condaNames(CondaEnvironment env) {
    List<String> out = new ArrayList<>();
    for (MatchSpec m : env.matchSpecs()) if (!out.contains(m.name())) out.add(m.name());
    return out;
  }
}
