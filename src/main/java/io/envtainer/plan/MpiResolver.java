package io.envtainer.plan;

import io.envtainer.spec.Mpi;
import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import io.envtainer.spec.Spec;
import io.envtainer.spec.SpecException;
import java.util.ArrayList;
import java.util.List;

/** Resolves the spec's MPI wish against the site: family, version, mode, how it gets into the image. */
final class MpiResolver {
  static final String SOURCE_PREFIX = "/opt/mpi";

  private MpiResolver() {}

  static MpiPlan resolve(Spec spec, SiteFacts site) throws SpecException {
    Mpi want = spec.mpi();
    if (!want.enabled()) return MpiPlan.NONE;
    MpiFamily family = want.family() != null ? want.family() : site.mpiFamily();
    if (family == null) {
      throw new SpecException(spec.locationOf("mpi.mode"), "mpi.mode is " + want.mode().yamlName()
          + ", expected an MPI family from mpi.family or the site profile '" + site.name() + "'", "add mpi.family");
    }
    if (site.mpiFamily() != null && site.mpiFamily().abi() != family.abi()) {
      throw new SpecException(spec.locationOf("mpi.family"), "the spec wants " + family.displayName() + " ("
          + family.abi().soname() + ") but site '" + site.name() + "' runs " + site.mpiFamily().displayName() + " ("
          + site.mpiFamily().abi().soname() + "); expected the same MPI ABI family",
          "use the site's family, or another site profile");
    }
    String version = want.version() != null ? want.version() : site.mpiVersion();
    if (want.version() != null && site.mpiVersion() != null
        && !MpiSteps.series(want.version()).equals(MpiSteps.series(site.mpiVersion()))
        && family.abi() == MpiFamily.Abi.OPENMPI) {
      throw new SpecException(spec.locationOf("mpi.version"), "the spec wants " + family.displayName() + " "
          + want.version() + " but site '" + site.name() + "' runs " + site.mpiVersion() + "; expected the same major.minor",
          "drop mpi.version to take the site's");
    }
    List<String> launchers = site.launchers().isEmpty() ? defaultLaunchers(family) : site.launchers();
    if (want.mode() == MpiMode.HYBRID) {
      MpiPlan.Install install = site.mpiInstall() == MpiPlan.Install.NONE ? MpiPlan.Install.DISTRO : site.mpiInstall();
      MpiPlan.SourceTarball tarball = null;
      String prefix = site.mpiImagePrefix() == null ? "/usr" : site.mpiImagePrefix();
      if (install == MpiPlan.Install.SOURCE) {
        if (version == null || Pins.mpiTarball(family, version).isEmpty()) {
          throw new SpecException(spec.locationOf("mpi.version"), "hybrid MPI from source needs a " + family.displayName()
              + " version envtainer has a pinned tarball for, found " + (version == null ? "none" : version),
              "known: " + Pins.knownVersions(family));
        }
        tarball = Pins.mpiTarball(family, version).get();
        if (prefix.equals("/usr")) prefix = SOURCE_PREFIX;
      }
      return new MpiPlan(family, version, MpiMode.HYBRID, install, prefix, tarball, launchers, List.of(), null);
    }
    // Bind mode: nothing of MPI in the image; the host's is bound.
    String hostPrefix = site.mpiHostPrefix();
    List<String> libraryPath = new ArrayList<>(site.mpiLibraryPath());
    if (libraryPath.isEmpty() && hostPrefix != null) libraryPath.add(hostPrefix + "/lib");
    return new MpiPlan(family, version, MpiMode.BIND, MpiPlan.Install.NONE, hostPrefix, null, launchers, libraryPath,
        null);
  }

  private static List<String> defaultLaunchers(MpiFamily family) {
    return family == MpiFamily.OPENMPI
        ? List.of("mpirun -n 2 apptainer exec {image} {command}", "srun --mpi=pmix apptainer exec {image} {command}")
        : List.of("mpiexec -n 2 apptainer exec {image} {command}", "srun --mpi=pmi2 apptainer exec {image} {command}");
  }
}
