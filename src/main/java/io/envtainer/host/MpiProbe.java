package io.envtainer.host;

import io.envtainer.spec.MpiFamily;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the MPI a shell would use. Cray's environment ({@code $CRAY_MPICH_DIR}) first, then the {@code mpirun}
 * (or {@code mpiexec}) on {@code $PATH}, classified by its {@code --version} banner, then the family's own tool
 * next to it for details: {@code ompi_info --parsable} (Open MPI), {@code mpichversion} (MPICH),
 * {@code $I_MPI_ROOT} (Intel MPI). Finally libmpi is located and its {@code ldd} closure computed.
 */
public final class MpiProbe {
  private static final Pattern OMPI_BANNER = Pattern.compile("\\((?:Open MPI|OpenRTE)\\)\\s+(\\d+[.\\w]*)");
  private static final Pattern INTEL_BANNER = Pattern.compile("Intel\\(R\\) MPI Library.*?Version\\s+(\\d+[.\\d]*)");
  private static final Pattern HYDRA_VERSION = Pattern.compile("(?m)^\\s*Version:\\s+(\\S+)");
  private static final Pattern MPICH_VERSION = Pattern.compile("(?m)^MPICH Version:\\s+(\\S+)");
  private static final Pattern MPICH_DEVICE = Pattern.compile("(?m)^MPICH Device:\\s+(\\S+)");
  private static final Pattern CONFIGURE_ARG = Pattern.compile("--(prefix|libdir)=(\\S+)");
  private static final Pattern CRAY_MODULE = Pattern.compile("(?:^|:)cray-mpich(?:-abi)?/(\\d[\\w.]*)");

  private final CommandRunner runner;
  private final boolean withPlugins;

  /** A probe whose closure covers libmpi only. */
  public MpiProbe(CommandRunner runner) {
    this(runner, false);
  }

  /**
   * @param withPlugins also take Open MPI's MCA components (pluginDir/*.so) into the closure: what bind mode needs,
   *     since components such as the PMIx one load libraries libmpi itself does not
   */
  public MpiProbe(CommandRunner runner, boolean withPlugins) {
    this.runner = runner;
    this.withPlugins = withPlugins;
  }

  /** The MPI of the shell whose environment is {@code env}; empty when none is found. */
  public Optional<MpiInstallation> probe(Map<String, String> env) throws IOException {
    Builder b = new Builder(env);
    if (env.containsKey("CRAY_MPICH_DIR") || env.containsKey("CRAY_MPICH_PREFIX")) {
      cray(b);
    } else {
      Optional<Path> launcher = runner.which("mpirun", env).or(() -> runner.which("mpiexec", env));
      if (launcher.isPresent()) {
        classifyLauncher(b, launcher.get());
      } else if (env.containsKey("I_MPI_ROOT")) {
        intel(b, null);
      } else if (runner.which("ompi_info", env).isPresent()) {
        openMpi(b, runner.which("ompi_info", env).get());
      } else if (runner.which("mpichversion", env).isPresent()) {
        mpich(b, runner.which("mpichversion", env).get());
      }
    }
    if (b.family == null) return Optional.empty();
    locateLibmpi(b);
    return Optional.of(b.build());
  }

  private void classifyLauncher(Builder b, Path launcher) throws IOException {
    CommandRunner.Result r = runner.run(List.of(launcher.toString(), "--version"), b.env);
    String text = r.output();
    String what = launcher.getFileName() + " --version (" + launcher + ")";
    Matcher m;
    if ((m = OMPI_BANNER.matcher(text)).find()) {
      b.set("family", MpiFamily.OPENMPI, what);
      b.version(m.group(1), what);
      b.bindir = launcher.getParent();
      Path info = sibling(launcher, "ompi_info");
      if (info != null) openMpi(b, info);
    } else if ((m = INTEL_BANNER.matcher(text)).find()) {
      b.set("family", MpiFamily.INTEL_MPI, what);
      b.version(m.group(1), what);
      intel(b, launcher);
    } else if (text.contains("HYDRA build details")) {
      b.set("family", MpiFamily.MPICH, what + ": the Hydra launcher of MPICH");
      Matcher v = HYDRA_VERSION.matcher(text);
      if (v.find()) b.version(v.group(1), what);
      b.bindir = launcher.getParent();
      Path info = sibling(launcher, "mpichversion");
      if (info != null) mpich(b, info);
      Path mpiname = sibling(launcher, "mpiname");
      if (mpiname != null) mvapich(b, mpiname);
    }
  }

  private Path sibling(Path launcher, String tool) {
    Path p = launcher.resolveSibling(tool);
    if (runner.exists(p)) return p;
    return runner.which(tool, new TreeMap<>(Map.of("PATH", launcher.getParent().toString()))).orElse(null);
  }

  private void openMpi(Builder b, Path ompiInfo) throws IOException {
    String what = "ompi_info --parsable (" + ompiInfo + ")";
    b.set("family", MpiFamily.OPENMPI, what);
    b.tool = ompiInfo;
    Map<String, String> info = parsable(runner.run(List.of(ompiInfo.toString(), "--parsable"), b.env));
    Map<String, String> paths = parsable(runner.run(List.of(ompiInfo.toString(), "--parsable", "--path", "all"), b.env));
    info.putAll(paths);
    if (info.containsKey("ompi:version:full")) b.version(info.get("ompi:version:full"), what);
    if (info.containsKey("path:prefix")) b.prefix(Path.of(info.get("path:prefix")), what);
    if (info.containsKey("path:bindir")) b.bindir = Path.of(info.get("path:bindir"));
    if (info.containsKey("path:libdir")) b.libdir = Path.of(info.get("path:libdir"));
    if (info.containsKey("path:pkglibdir")) b.pluginDir = Path.of(info.get("path:pkglibdir"));
    if (info.containsKey("path:pkgdatadir")) b.dataDir = Path.of(info.get("path:pkgdatadir"));
    b.keepEnv("OPAL_", "OMPI_", "PMIX_", "PRTE_");
  }

  /** {@code key:sub:...:value} lines; the value is after the last colon-separated key part the line names. */
  static Map<String, String> parsable(CommandRunner.Result r) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!r.ok()) return out;
    for (String line : r.stdout().split("\\R")) {
      for (String key : new String[] {"ompi:version:full:", "path:prefix:", "path:bindir:", "path:libdir:",
          "path:pkglibdir:", "path:pkgdatadir:", "path:sysconfdir:", "mpi-api:version:full:", "package:"}) {
        if (line.startsWith(key)) out.putIfAbsent(key.substring(0, key.length() - 1), line.substring(key.length()).trim());
      }
    }
    return out;
  }

  private void mpich(Builder b, Path mpichversion) throws IOException {
    CommandRunner.Result r = runner.run(List.of(mpichversion.toString()), b.env);
    String what = "mpichversion (" + mpichversion + ")";
    if (!r.ok()) return;
    if (b.family == null) b.set("family", MpiFamily.MPICH, what);
    b.tool = mpichversion;
    Matcher v = MPICH_VERSION.matcher(r.stdout());
    if (v.find()) b.version(v.group(1), what);
    Matcher d = MPICH_DEVICE.matcher(r.stdout());
    if (d.find()) b.sources.put("mpich.device", d.group(1) + " (" + what + ")");
    String prefix = null;
    String libdir = null;
    for (String line : r.stdout().split("\\R")) {
      if (!line.startsWith("MPICH configure:")) continue;
      Matcher c = CONFIGURE_ARG.matcher(line);
      while (c.find()) {
        if (c.group(2).contains("${")) continue;
        if (c.group(1).equals("prefix")) prefix = c.group(2);
        else libdir = c.group(2);
      }
    }
    if (prefix != null) b.prefix(Path.of(prefix), what + ", configure --prefix");
    if (libdir != null) b.libdir = Path.of(libdir);
    b.keepEnv("MPIR_", "MPICH_", "HYDRA_", "FI_", "UCX_");
  }

  private void mvapich(Builder b, Path mpiname) throws IOException {
    CommandRunner.Result r = runner.run(List.of(mpiname.toString(), "-a"), b.env);
    Matcher m = Pattern.compile("MVAPICH2?\\s+(\\d[\\w.]*)").matcher(r.output());
    if (r.ok() && m.find()) {
      b.set("family", MpiFamily.MVAPICH, "mpiname -a (" + mpiname + ")");
      b.version(m.group(1), "mpiname -a (" + mpiname + ")");
    }
  }

  private void intel(Builder b, Path launcher) {
    if (b.family == null) b.set("family", MpiFamily.INTEL_MPI, "$I_MPI_ROOT");
    String root = b.env.get("I_MPI_ROOT");
    if (root != null) {
      b.prefix(Path.of(root), "$I_MPI_ROOT");
      Path lib = Path.of(root, "lib");
      b.libdir = lib;
      if (b.version == null) {
        Matcher m = Pattern.compile("(\\d{4}\\.\\d+(?:\\.\\d+)?)").matcher(root);
        if (m.find()) b.version(m.group(1), "$I_MPI_ROOT");
      }
    }
    if (launcher != null) b.bindir = launcher.getParent();
    b.keepEnv("I_MPI_", "FI_");
  }

  private void cray(Builder b) {
    String dir = b.env.getOrDefault("CRAY_MPICH_DIR", b.env.get("CRAY_MPICH_PREFIX"));
    String which = b.env.containsKey("CRAY_MPICH_DIR") ? "$CRAY_MPICH_DIR" : "$CRAY_MPICH_PREFIX";
    b.set("family", MpiFamily.CRAY_MPICH, which);
    b.prefix(Path.of(dir), which);
    b.libdir = Path.of(dir, "lib");
    String version = b.env.get("CRAY_MPICH_VERSION");
    if (version != null) {
      b.version(version, "$CRAY_MPICH_VERSION");
    } else {
      Matcher m = CRAY_MODULE.matcher(b.env.getOrDefault("LOADEDMODULES", ""));
      if (m.find()) b.version(m.group(1), "$LOADEDMODULES (cray-mpich module)");
    }
    b.keepEnv("CRAY_", "PE_", "MPICH_", "FI_", "PMI_");
  }

  /** libmpi under the ABI name in libdir, prefix/lib*, $LD_LIBRARY_PATH; the closure of the file found. */
  private void locateLibmpi(Builder b) throws IOException {
    List<String> names = new ArrayList<>();
    names.add(b.family.abi().soname());
    if (b.family.abi() == MpiFamily.Abi.MPICH) names.add("libmpich.so.12");
    names.add("libmpi.so");
    List<Path> dirs = new ArrayList<>();
    if (b.libdir != null) dirs.add(b.libdir);
    if (b.prefix != null) {
      dirs.add(b.prefix.resolve("lib"));
      dirs.add(b.prefix.resolve("lib64"));
    }
    for (String d : b.env.getOrDefault("LD_LIBRARY_PATH", "").split(":")) if (!d.isEmpty()) dirs.add(Path.of(d));
    for (String name : names) {
      for (Path dir : dirs) {
        Path candidate = dir.resolve(name);
        if (runner.exists(candidate)) {
          found(b, candidate, name, "");
          return;
        }
      }
    }
    // A runtime-only install (no -dev package) keeps libmpi in the loader's default directories, e.g. Debian 13's
    // /usr/lib/x86_64-linux-gnu while ompi_info names /usr/lib/x86_64-linux-gnu/openmpi/lib: ask the loader which
    // libmpi the family's own tool loads.
    if (b.tool != null) {
      CommandRunner.Result r = runner.run(List.of("ldd", b.tool.toString()), b.env);
      for (SharedLibrary l : r.ok() ? LibraryClosure.parseLdd(r.stdout()) : List.<SharedLibrary>of()) {
        if (l.found() && names.contains(l.soname())) {
          found(b, l.path(), l.soname(), " (the library ldd " + b.tool + " resolves)");
          return;
        }
      }
    }
    b.sources.put("libmpi", "not found (looked for " + String.join(", ", names) + " in " + dirs
        + (b.tool != null ? " and in ldd " + b.tool : "") + ")");
  }

  private void found(Builder b, Path candidate, String name, String how) throws IOException {
    b.libmpi = runner.realPath(candidate);
    b.libmpiName = soname(b.libmpi.getFileName().toString(), name);
    b.sources.put("libmpi", candidate + (b.libmpi.equals(candidate) ? "" : " -> " + b.libmpi) + how);
    List<Path> roots = new ArrayList<>(List.of(b.libmpi));
    if (withPlugins && b.pluginDir != null) roots.addAll(runner.list(b.pluginDir, ".so"));
    b.closure = LibraryClosure.compute(runner, b.env, roots);
    if (b.libdir == null) b.libdir = candidate.getParent();
  }

  /** {@code libmpi.so.40} of {@code libmpi.so.40.30.4}; {@code fallback} when the name has no major number. */
  static String soname(String fileName, String fallback) {
    Matcher m = Pattern.compile("^(.+\\.so\\.\\d+)(?:\\..*)?$").matcher(fileName);
    return m.matches() ? m.group(1) : fallback;
  }

  /** Collects facts and where each came from. */
  private static final class Builder {
    final Map<String, String> env;
    final Map<String, String> sources = new LinkedHashMap<>();
    MpiFamily family;
    String version;
    Path prefix;
    Path bindir;
    Path libdir;
    Path pluginDir;
    Path dataDir;
    Path libmpi;
    String libmpiName;
    /** ompi_info or mpichversion, when one was run: it links the family's libmpi. */
    Path tool;
    LibraryClosure closure = LibraryClosure.EMPTY;
    final Map<String, String> keptEnv = new TreeMap<>();

    Builder(Map<String, String> env) {
      this.env = env;
    }

    void set(String field, MpiFamily f, String source) {
      if (family == f) return;
      family = f;
      sources.put(field, source);
    }

    void version(String v, String source) {
      version = v;
      sources.put("version", source);
    }

    void prefix(Path p, String source) {
      prefix = p;
      sources.put("prefix", source);
    }

    void keepEnv(String... prefixes) {
      for (Map.Entry<String, String> e : env.entrySet()) {
        for (String p : prefixes) if (e.getKey().startsWith(p)) keptEnv.put(e.getKey(), e.getValue());
      }
    }

    MpiInstallation build() {
      return new MpiInstallation(family, version, prefix, bindir, libdir, pluginDir, dataDir, libmpi, libmpiName, closure,
          keptEnv, sources);
    }
  }
}
