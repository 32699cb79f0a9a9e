package io.envtainer.plan;

import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import java.util.List;

/**
 * What a site profile tells the plan. The site package reads profiles from {@code recipes/} and hands the plan this
 * view, so the plan never depends on the profile's file format.
 *
 * @param mpiFamily the site's MPI family, or null when the site has no MPI
 * @param mpiVersion the site's MPI version ("4.1.4"), or null
 * @param mpiMode the mode used when the spec asks for MPI without naming one
 * @param mpiInstall how hybrid images get MPI
 * @param mpiImagePrefix hybrid: where MPI lives in the image ({@code /usr} for distro/base installs)
 * @param mpiHostPrefix bind: the host MPI prefix
 * @param mpiBinds bind: directories and libraries to bind (host MPI, its ld.so closure, fabric libraries)
 * @param mpiLibraryPath bind: directories to prepend to LD_LIBRARY_PATH in the container
 * @param binds paths every image of this site binds (project, scratch)
 * @param env environment every image of this site sets
 * @param launchers launcher lines, {@code {image}} and {@code {command}} are placeholders
 * @param moduleRoots host module software roots to bind at the same path
 * @param modulePath the host MODULEPATH to set in the container when module roots are bound, or null
 * @param baseImage default base image reference, or null
 * @param externalMpiChannel bind mode, conda: use conda-forge's {@code mpi-external} label channel (true) or the
 *     older {@code =external_*} build strings (false)
 */
public record SiteFacts(
    String name,
    MpiFamily mpiFamily,
    String mpiVersion,
    MpiMode mpiMode,
    MpiPlan.Install mpiInstall,
    String mpiImagePrefix,
    String mpiHostPrefix,
    List<BindMount> mpiBinds,
    List<String> mpiLibraryPath,
    List<BindMount> binds,
    List<EnvEntry> env,
    List<String> launchers,
    List<String> moduleRoots,
    String modulePath,
    String baseImage,
    boolean externalMpiChannel) {

  public SiteFacts {
    mpiBinds = List.copyOf(mpiBinds);
    mpiLibraryPath = List.copyOf(mpiLibraryPath);
    binds = List.copyOf(binds);
    env = List.copyOf(env);
    launchers = List.copyOf(launchers);
    moduleRoots = List.copyOf(moduleRoots);
    if (mpiMode == null) mpiMode = MpiMode.NONE;
    if (mpiInstall == null) mpiInstall = MpiPlan.Install.DISTRO;
  }

  /** No site: nothing bound, no MPI defaults, the distribution's MPI for hybrid images. */
  public static final SiteFacts NONE = new SiteFacts("none", null, null, MpiMode.NONE, MpiPlan.Install.DISTRO, "/usr",
      null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null, true);
}
