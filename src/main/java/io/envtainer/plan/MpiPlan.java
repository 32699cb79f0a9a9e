package io.envtainer.plan;

import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import java.util.List;

/**
 * MPI resolved for the image.
 *
 * @param family null when mode is NONE
 * @param install how the image gets MPI (hybrid), or NONE
 * @param prefix hybrid: MPI's prefix in the image; bind: the host MPI prefix bound in
 * @param tarball for SOURCE installs: the pinned release tarball
 * @param launchers how to start ranks, one command line each ({@code srun --mpi=pmix ...}, {@code mpirun -n N ...})
 * @param libraryPath bind mode: the directories prepended to LD_LIBRARY_PATH in the container
 * @param slurmExample a Slurm batch script that runs the image, or null
 */
public record MpiPlan(
    MpiFamily family,
    String version,
    MpiMode mode,
    Install install,
    String prefix,
    SourceTarball tarball,
    List<String> launchers,
    List<String> libraryPath,
    String slurmExample) {

  public static final MpiPlan NONE =
      new MpiPlan(null, null, MpiMode.NONE, Install.NONE, null, null, List.of(), List.of(), null);

  public MpiPlan {
    launchers = List.copyOf(launchers);
    libraryPath = List.copyOf(libraryPath);
  }

  public MpiPlan withSlurmExample(String example) {
    return new MpiPlan(family, version, mode, install, prefix, tarball, launchers, libraryPath, example);
  }

  public boolean enabled() {
    return mode != MpiMode.NONE;
  }

  public enum Install {
    /** No MPI in the image (mode none or bind). */
    NONE,
    /** The base image already carries it; the build only checks the version. */
    BASE,
    /** The distribution's packages (apt/dnf), when their version is the site's. */
    DISTRO,
    /** Built from the pinned release tarball in a build stage. */
    SOURCE
  }

  /** A release tarball pinned by sha256. */
  public record SourceTarball(String url, String sha256) {}
}
