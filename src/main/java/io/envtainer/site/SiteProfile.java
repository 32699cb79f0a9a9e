package io.envtainer.site;

import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import io.envtainer.spec.SourceLocation;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A site profile ({@code recipes/NAME.yaml}): what a cluster's MPI, binds, environment and launchers are.
 *
 * @param mpi the site's MPI, or null for a site without one
 * @param binds host paths every image binds, Apptainer's {@code src[:dst[:ro]]} form
 * @param env variables every image sets, in order
 * @param launchers how to start ranks, in order of preference
 * @param moduleRoots host software trees to bind at the same path (where the modulefiles point)
 * @param modulePath the MODULEPATH to use inside the container when module roots are bound, or null
 * @param baseImage the default base image reference, or null
 * @param condaExternalMpi how conda environments get the site MPI in bind mode: "label" (conda-forge's
 *     mpi-external label channel) or "build-string" ({@code =external_*}); "label" when not said
 * @param origin the file it was read from (a jar resource shows as {@code bundled:NAME.yaml})
 * @param locations where each field was written, by dotted path ({@code mpi.family}, {@code binds[2]})
 */
public record SiteProfile(String name, String description, SiteMpi mpi, List<String> binds, Map<String, String> env,
    List<Launcher> launchers, List<String> moduleRoots, String modulePath, String baseImage, String condaExternalMpi,
    List<String> notes, Path origin, Map<String, SourceLocation> locations) {

  public SiteProfile {
    binds = List.copyOf(binds);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    launchers = List.copyOf(launchers);
    moduleRoots = List.copyOf(moduleRoots);
    notes = List.copyOf(notes);
    locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
    if (condaExternalMpi == null) condaExternalMpi = "label";
  }

  /** Where a field was written; the file when unknown. */
  public SourceLocation locationOf(String field) {
    SourceLocation l = locations.get(field);
    return l != null ? l : SourceLocation.of(origin, 0);
  }

  /**
   * The site's MPI.
   *
   * @param abi the ABI soname ({@code libmpi.so.40}, {@code libmpi.so.12}); the family's when not written
   * @param mode the mode a spec gets when it asks for MPI without naming one
   * @param install hybrid: how images get MPI ({@code distro}, {@code source}, {@code base})
   * @param imagePrefix hybrid: where MPI lives in the image
   * @param hostPrefix the host MPI installation prefix
   * @param bindDirectories bind mode: host directories bound at the same path
   * @param bindLibraries bind mode: single host libraries bound into {@link #HOST_LIB_DIR}
   * @param libraryPath bind mode: directories (container paths) prepended to LD_LIBRARY_PATH
   * @param probeBinds bind mode: take the bind list from the host probe (libmpi's ld.so closure) as well
   */
  public record SiteMpi(MpiFamily family, String version, String abi, MpiMode mode, String install, String imagePrefix,
      String hostPrefix, List<String> bindDirectories, List<String> bindLibraries, List<String> libraryPath,
      boolean probeBinds) {
    public SiteMpi {
      bindDirectories = List.copyOf(bindDirectories);
      bindLibraries = List.copyOf(bindLibraries);
      libraryPath = List.copyOf(libraryPath);
      if (abi == null && family != null) abi = family.abi().soname();
    }
  }

  /** Where single host libraries are bound in the container (one directory, put on LD_LIBRARY_PATH). */
  public static final String HOST_LIB_DIR = "/opt/envtainer/host-libs";

  /**
   * A way to start ranks.
   *
   * @param command with {@code {image}} and {@code {command}} placeholders:
   *     {@code srun --mpi=pmix apptainer exec {image} {command}}
   */
  public record Launcher(String name, String command, String description) {}
}
