package io.envtainer.host;

import io.envtainer.spec.Mpi;
import io.envtainer.spec.MpiMode;
import io.envtainer.spec.Python;
import io.envtainer.spec.PythonSource;
import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.Spec;
import io.envtainer.spec.SpecWarning;
import io.envtainer.spec.conda.CondaEnvironment;
import io.envtainer.spec.conda.MatchSpec;
import io.envtainer.spec.modules.ModuleList;
import io.envtainer.spec.pip.Requirement;
import io.envtainer.spec.pip.Requirements;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a live shell's environment into a spec that reproduces it, and says where each fact came from.
 * The environment is passed in (never read from this JVM), so a test can feed it the {@code env} of any shell.
 */
public final class Capture {
  private static final Set<String> PYTHON_MODULE_NAMES = Set.of("python", "python3", "anaconda", "anaconda3",
      "miniconda", "miniconda3", "miniforge", "miniforge3", "mambaforge", "cray-python", "intelpython", "scipy-bundle");
  private static final Set<String> MPI_MODULE_NAMES = Set.of("openmpi", "open-mpi", "mpich", "intel-mpi", "impi",
      "intelmpi", "cray-mpich", "cray-mpich-abi", "mvapich", "mvapich2", "hpcx", "hpcx-mpi", "mpi");
  private static final Set<Path> SYSTEM_BIN = Set.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/local/bin"));

  private final CommandRunner runner;

  public Capture(CommandRunner runner) {
    this.runner = runner;
  }

  /** Captures the shell whose environment is {@code env}. */
  public CapturedSpec capture(Map<String, String> env) throws IOException {
    return capture(env, null);
  }

  /**
   * As {@link #capture(Map)}, also checking {@code $LOADEDMODULES} against the output of {@code module --terse list}
   * from the same shell (a warning when they disagree); null to skip.
   */
  public CapturedSpec capture(Map<String, String> env, String moduleTerseList) throws IOException {
    Map<String, String> why = new LinkedHashMap<>();
    Spec.Builder spec = Spec.builder(null);
    ModuleState modules = ModuleState.fromEnvironment(env);
    VenvInfo venv = VenvProbe.fromEnvironment(env).orElse(null);
    CondaInfo conda = venv == null ? CondaProbe.fromEnvironment(env).orElse(null) : null;

    ModuleList moduleList = modules.toModuleList();
    spec.modules(moduleList);
    // Paths as SpecTree prints them: "modules[i]", or "modules.use[i]" / "modules.load[i]" when paths are used.
    String load = moduleList.modulePaths().isEmpty() ? "modules" : "modules.load";
    if (!moduleList.isEmpty()) {
      why.put("modules", modules.tool().displayName() + (env.containsKey("LMOD_VERSION") ? " " + env.get("LMOD_VERSION") : "")
          + "; modules loaded only as dependencies are left out (their parents load them)");
    }
    for (int i = 0; i < moduleList.modulePaths().size(); i++) {
      why.put("modules.use[" + i + "]", "$MODULEPATH" + (modules.tool() == ModuleState.Tool.LMOD
          ? " (not in Lmod's systemBaseMPATH, so added by 'module use')" : ""));
    }
    List<LoadedModule> userLoaded = modules.userLoaded();
    for (int i = 0; i < userLoaded.size(); i++) {
      LoadedModule m = userLoaded.get(i);
      why.put(load + "[" + i + "]", "$LOADEDMODULES" + (m.file() != null ? ", modulefile " + m.file() : ""));
    }
    if (moduleTerseList != null) checkTerseList(modules, moduleTerseList, spec);

    Path interpreter = conda != null ? conda.prefix().resolve("bin/python") : runner.which("python3", env)
        .or(() -> runner.which("python", env)).orElse(null);
    PythonInfo python = interpreter != null && runner.exists(interpreter) ? new PythonProbe(runner).probe(interpreter, env) : null;
    PythonInfo basePython = null;
    LoadedModule pythonModule = null;
    List<InstalledDistribution> basePackages = List.of();

    if (conda != null) {
      CondaEnvironment ce = CondaProbe.toEnvironment(conda);
      spec.conda(ce);
      String version = conda.find("python").map(CondaPackageRecord::version).orElse(python != null ? python.version() : null);
      spec.python(new Python(PythonSource.CONDA, version, null, Python.DEFAULT_PREFIX));
      why.put("python.source", "$CONDA_PREFIX=" + conda.prefix());
      why.put("python.version", conda.find("python").map(r -> r.file().toString()).orElse("python -c (" + interpreter + ")"));
      why.put("conda.name", env.containsKey("CONDA_DEFAULT_ENV") ? "$CONDA_DEFAULT_ENV" : "$CONDA_PREFIX");
      List<MatchSpec> specs = ce.matchSpecs();
      for (int i = 0; i < specs.size(); i++) why.put("conda.dependencies[" + i + "]", specs.get(i).location().file().toString());
      List<Requirement> condaPip = ce.pip().requirements();
      for (int i = 0; i < condaPip.size(); i++) {
        String reqName = condaPip.get(i).name();
        InstalledDistribution d = conda.pipOnly().stream().filter(x -> x.name().equals(reqName))
            .findFirst().orElseThrow();
        why.put("conda.dependencies[" + specs.size() + "].pip[" + i + "]", d.metadata() + " (INSTALLER "
            + (d.installer() == null ? "absent" : d.installer()) + ")");
      }
      spec.name(imageName(conda.name()));
      why.put("name", "the conda environment's name");
    } else {
      Path baseInterpreter = venv != null ? venv.cfg().baseInterpreter() : interpreter;
      if (venv != null && baseInterpreter != null && runner.exists(baseInterpreter)) {
        basePython = new PythonProbe(runner).probe(baseInterpreter, env);
      } else if (venv == null) {
        basePython = python;
      }
      pythonModule = baseInterpreter == null ? null : moduleProviding(modules, baseInterpreter, env, PYTHON_MODULE_NAMES);
      if (basePython != null) basePackages = packagesOf(basePython);
      PythonSource source = pythonModule != null ? PythonSource.MODULE : venv != null ? PythonSource.VENV : PythonSource.SYSTEM;
      String version = venv != null && venv.cfg().version() != null ? venv.cfg().version()
          : python != null ? python.version() : null;
      Boolean systemSite = venv != null ? venv.cfg().includeSystemSitePackages() : null;
      spec.python(new Python(source, version, pythonModule == null ? null : pythonModule.fullName(), Python.DEFAULT_PREFIX,
          systemSite));
      if (venv != null) why.put("python.system_site_packages", venv.cfg().file() + " include-system-site-packages");
      why.put("python.source", switch (source) {
        case MODULE -> "module " + pythonModule.fullName() + " provides " + baseInterpreter
            + (venv != null ? " (home of " + venv.cfg().file() + ")" : " (first python3 on $PATH)");
        case VENV -> "$VIRTUAL_ENV=" + venv.path() + ", base " + baseInterpreter + " comes from no loaded module";
        default -> python == null ? "no python3 on $PATH" : "first python3 on $PATH: " + interpreter + ", from no loaded module";
      });
      if (version != null) {
        why.put("python.version", venv != null && venv.cfg().version() != null ? venv.cfg().file().toString()
            : "python -c (" + interpreter + ")");
      }
      if (pythonModule != null) why.put("python.module", "$LOADEDMODULES, modulefile " + pythonModule.file());
      if (!basePackages.isEmpty()) {
        why.put("python", "the base interpreter's site-packages (" + basePython.sitePackages().stream()
            .map(Path::toString).collect(Collectors.joining(", ")) + ") provide: " + basePackages.stream()
            .map(d -> d.name() + " " + d.version()).collect(Collectors.joining(", ")));
      }
      List<Requirement> fromModule = PipRequirements.pinned(moduleProvided(pythonModule, basePackages, venv));
      List<Requirement> own = venv == null ? List.of() : PipRequirements.pinned(venv.own());
      if (venv != null || !fromModule.isEmpty()) {
        List<Requirement> reqs = new ArrayList<>(fromModule);
        reqs.addAll(own);
        spec.pip(new Requirements(null, new ArrayList<>(reqs)));
        List<String> parts = new ArrayList<>();
        if (!fromModule.isEmpty()) {
          parts.add("the packages of module " + pythonModule.fullName() + "'s python" + (venv != null ? " (the venv sees them)" : ""));
        }
        if (venv != null) parts.add("the venv's own packages (" + venv.sitePackages() + ")");
        why.put("pip", String.join(", then ", parts) + "; exact versions; pip, setuptools and wheel left out as pip freeze does");
        for (int i = 0; i < fromModule.size(); i++) {
          why.put("pip[" + i + "]", fromModule.get(i).location().file() + " (module " + pythonModule.fullName()
              + "; pinned so that the image has it too)");
        }
        for (int i = 0; i < own.size(); i++) {
          why.put("pip[" + (fromModule.size() + i) + "]", own.get(i).location().file() + " (in the venv's own site-packages "
              + venv.sitePackages() + ")");
        }
      }
      if (venv != null) {
        spec.name(imageName(venv.path().getFileName().toString()));
        why.put("name", "the venv's directory name ($VIRTUAL_ENV)");
      } else {
        spec.name(pythonModule != null ? imageName(pythonModule.name()) : "captured");
      }
    }

    MpiInstallation mpi = new MpiProbe(runner).probe(env).orElse(null);
    LoadedModule mpiModule = null;
    if (mpi != null) {
      spec.mpi(new Mpi(mpi.family(), mpi.version(), MpiMode.HYBRID));
      why.put("mpi.family", mpi.sources().get("family"));
      if (mpi.version() != null) why.put("mpi.version", mpi.sources().get("version"));
      why.put("mpi.mode", "hybrid by default for a host MPI (the same MPI inside the image, the host's launcher outside)");
      if (mpi.bindir() != null) mpiModule = moduleProviding(modules, mpi.bindir().resolve("mpirun"), env, MPI_MODULE_NAMES);
      why.put("mpi", "host MPI" + (mpiModule != null ? " of module " + mpiModule.fullName() : "")
          + (mpi.prefix() != null ? " at " + mpi.prefix() + " (" + mpi.sources().get("prefix") + ")" : "")
          + (mpi.libmpi() != null ? ", " + mpi.libmpiName() + " = " + mpi.libmpi() : ""));
    }
    HostFacts facts = new HostFacts(modules, python, basePython, pythonModule, basePackages, venv, conda, mpi, mpiModule);
    return new CapturedSpec(spec.build(), why, facts);
  }

  /**
   * The loaded module that provides {@code file}: one whose name is in {@code names} and whose installation (an
   * {@code $EBROOT<NAME>} variable, or its modulefile's software root) contains the file; a file in /usr/bin is
   * never a module's.
   */
  static LoadedModule moduleProviding(ModuleState modules, Path file, Map<String, String> env, Set<String> names) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || SYSTEM_BIN.contains(dir)) return null;
    LoadedModule byName = null;
    for (LoadedModule m : modules.loaded()) {
      String name = m.name();
      String last = name.substring(name.lastIndexOf('/') + 1);
      String root = env.get("EBROOT" + last.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", ""));
      if (root != null && file.startsWith(root)) return m;
      if (names.contains(last.toLowerCase(Locale.ROOT)) && byName == null) byName = m;
    }
    return byName;
  }

  /**
   * The module python's own packages that the environment sees (all of them without a venv, none through a venv
   * without include-system-site-packages), less those the venv installs itself. A module python's packages are the
   * site's choice, not the distribution's, so the image must get them too; a system python's are left to the base.
   */
  static List<InstalledDistribution> moduleProvided(LoadedModule pythonModule, List<InstalledDistribution> basePackages,
      VenvInfo venv) {
    if (pythonModule == null || (venv != null && !venv.cfg().includeSystemSitePackages())) return List.of();
    Set<String> taken = new java.util.HashSet<>();
    if (venv != null) for (InstalledDistribution d : venv.own()) taken.add(d.normalizedName());
    List<InstalledDistribution> out = new ArrayList<>();
    for (InstalledDistribution d : basePackages) if (taken.add(d.normalizedName())) out.add(d);
    return out;
  }

  private List<InstalledDistribution> packagesOf(PythonInfo python) throws IOException {
    List<InstalledDistribution> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Path dir : python.sitePackages()) {
      for (InstalledDistribution d : InstalledDistributions.read(dir)) {
        if (seen.add(d.normalizedName() + "==" + d.version())) out.add(d);
      }
    }
    return out;
  }

  private static void checkTerseList(ModuleState modules, String terse, Spec.Builder spec) {
    List<String> listed = ModuleState.parseTerseList(terse);
    List<String> fromEnv = modules.loaded().stream().map(LoadedModule::fullName).toList();
    if (!new java.util.HashSet<>(listed).equals(new java.util.HashSet<>(fromEnv))) {
      spec.warn(new SpecWarning(SourceLocation.synthetic("module --terse list"),
          "'module --terse list' shows " + listed + " but $LOADEDMODULES has " + fromEnv
              + "; the spec follows $LOADEDMODULES"));
    }
  }

  /** An image name from a venv or env name: lower case, [a-z0-9._-], starting with a letter or digit. */
  static String imageName(String raw) {
    String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
    return s.isEmpty() ? "captured" : s;
  }
}
