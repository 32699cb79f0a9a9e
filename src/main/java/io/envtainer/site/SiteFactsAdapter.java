package io.envtainer.site;

import io.envtainer.plan.BindMount;
import io.envtainer.plan.EnvEntry;
import io.envtainer.plan.MpiPlan;
import io.envtainer.plan.SiteFacts;
import io.envtainer.spec.MpiMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hands the plan its view of a profile ({@link SiteFacts}), optionally with binds found by probing the host. */
public final class SiteFactsAdapter {
  private SiteFactsAdapter() {}

  public static SiteFacts of(SiteProfile p) {
    return of(p, List.of(), List.of());
  }

  /**
   * @param probedBinds bind-mode binds from the host probe (used when the profile says {@code mpi.binds.probe: true}),
   *     added after the profile's own
   * @param probedLibraryPath their LD_LIBRARY_PATH directories
   */
  public static SiteFacts of(SiteProfile p, List<BindMount> probedBinds, List<String> probedLibraryPath) {
    SiteProfile.SiteMpi mpi = p.mpi();
    List<BindMount> mpiBinds = new ArrayList<>();
    List<String> libraryPath = new ArrayList<>();
    if (mpi != null) {
      mpiBinds.addAll(mpiBinds(mpi));
      libraryPath.addAll(libraryPath(mpi));
      if (mpi.probeBinds()) {
        for (BindMount b : probedBinds) {
          if (mpiBinds.stream().noneMatch(x -> x.target().equals(b.target()))) mpiBinds.add(b);
        }
        for (String d : probedLibraryPath) if (!libraryPath.contains(d)) libraryPath.add(d);
      }
    }
    List<BindMount> binds = new ArrayList<>();
    for (String b : p.binds()) binds.add(parseBind(b, "site"));
    for (String r : p.moduleRoots()) binds.add(new BindMount(r, r, true, "modules"));
    List<EnvEntry> env = new ArrayList<>();
    for (Map.Entry<String, String> e : p.env().entrySet()) {
      env.add(EnvEntry.set(e.getKey(), e.getValue(), p.locationOf("env." + e.getKey())));
    }
    List<String> launchers = p.launchers().stream().map(SiteProfile.Launcher::command).toList();
    return new SiteFacts(p.name(), mpi == null ? null : mpi.family(), mpi == null ? null : mpi.version(),
        mpi == null ? MpiMode.NONE : mpi.mode(), install(mpi), mpi == null || mpi.imagePrefix() == null ? "/usr" : mpi.imagePrefix(),
        mpi == null ? null : mpi.hostPrefix(), mpiBinds, libraryPath, binds, env, launchers, p.moduleRoots(), p.modulePath(),
        p.baseImage(), "label".equals(p.condaExternalMpi()));
  }

  /** Bind mode: the profile's directories at the same path, its single libraries into {@link SiteProfile#HOST_LIB_DIR}. */
  public static List<BindMount> mpiBinds(SiteProfile.SiteMpi mpi) {
    List<BindMount> out = new ArrayList<>();
    for (String d : mpi.bindDirectories()) out.add(parseBind(d, "mpi"));
    for (String lib : mpi.bindLibraries()) {
      out.add(new BindMount(lib, SiteProfile.HOST_LIB_DIR + "/" + Path.of(lib).getFileName(), true, "mpi"));
    }
    return out;
  }

  /** Bind mode: the profile's library path, with the host-libs directory when it binds single libraries. */
  public static List<String> libraryPath(SiteProfile.SiteMpi mpi) {
    List<String> out = new ArrayList<>(mpi.libraryPath());
    if (!mpi.bindLibraries().isEmpty() && !out.contains(SiteProfile.HOST_LIB_DIR)) out.add(SiteProfile.HOST_LIB_DIR);
    return out;
  }

  private static MpiPlan.Install install(SiteProfile.SiteMpi mpi) {
    if (mpi == null || mpi.install() == null) return MpiPlan.Install.DISTRO;
    return switch (mpi.install()) {
      case "source" -> MpiPlan.Install.SOURCE;
      case "base" -> MpiPlan.Install.BASE;
      default -> MpiPlan.Install.DISTRO;
    };
  }

  /** Apptainer's {@code src[:dst[:ro|rw]]}. */
  public static BindMount parseBind(String spec, String reason) {
    try {
      // One grammar for binds everywhere: the spec parser's (profiles were validated with it on load).
      var b = io.envtainer.spec.EnvtainerSpecParser.parseBind(spec, io.envtainer.spec.SourceLocation.synthetic(reason));
      return new BindMount(b.source(), b.target(), b.readOnly(), reason);
    } catch (io.envtainer.spec.SpecException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

}
