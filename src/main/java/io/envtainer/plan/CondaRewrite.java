package io.envtainer.plan;

import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import io.envtainer.spec.conda.Channel;
import io.envtainer.spec.conda.CondaDependency;
import io.envtainer.spec.conda.CondaEnvironment;
import io.envtainer.spec.conda.MatchSpec;
import io.envtainer.spec.conda.MatchSpecParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites a conda environment for the image: MPI packages follow the MPI mode (bind: conda-forge's "external"
 * placeholders that bring no libraries; hybrid: the site's MPI version), channels default to conda-forge.
 */
final class CondaRewrite {
  static final String EXTERNAL_CHANNEL = "conda-forge/label/mpi-external";
  private static final Set<String> MPI_PACKAGES = Set.of("openmpi", "mpich", "impi_rt", "mvapich", "mvapich2");

  private CondaRewrite() {}

  static CondaEnvironment rewrite(CondaEnvironment env, MpiPlan mpi, boolean externalChannel) throws SpecException {
    List<Channel> channels = new ArrayList<>(env.channels());
    if (channels.isEmpty()) channels.add(new Channel("conda-forge", env.location()));
    List<CondaDependency> deps = new ArrayList<>();
    boolean mpiSeen = false;
    String conda = mpi.enabled() ? condaName(mpi.family()) : null;
    for (CondaDependency d : env.dependencies()) {
      if (d instanceof MatchSpec m && mpi.enabled() && MPI_PACKAGES.contains(m.name())) {
        if (!mpiSeen) deps.add(mpiSpec(conda, mpi, externalChannel, m.location()));
        mpiSeen = true;
        continue;
      }
      deps.add(d);
    }
    if (mpi.enabled() && !mpiSeen) {
      // Before the pip section, so conda solves MPI together with mpi4py.
      int at = deps.size();
      for (int i = 0; i < deps.size(); i++) if (!(deps.get(i) instanceof MatchSpec)) { at = i; break; }
      deps.add(at, mpiSpec(conda, mpi, externalChannel, env.location()));
    }
    if (mpi.mode() == MpiMode.BIND && externalChannel
        && channels.stream().noneMatch(c -> c.name().equals(EXTERNAL_CHANNEL))) {
      channels.add(0, new Channel(EXTERNAL_CHANNEL, env.location()));
    }
    return new CondaEnvironment(null, null, channels, deps, null, null, env.location());
  }

  /** conda-forge ships Open MPI and MPICH; every MPICH-ABI family maps to mpich. */
  static String condaName(MpiFamily family) {
    return family.abi() == MpiFamily.Abi.OPENMPI ? "openmpi" : "mpich";
  }

  private static MatchSpec mpiSpec(String name, MpiPlan mpi, boolean externalChannel, SourceLocation where)
      throws SpecException {
    String series = MpiSteps.series(mpi.version());
    // Open MPI's ABI holds within a major.minor; the MPICH ABI (libmpi.so.12) across MPICH-ABI members.
    String version = series.isEmpty() ? "" : (mpi.family().abi() == MpiFamily.Abi.OPENMPI ? series + ".*" : "");
    String raw;
    if (mpi.mode() == MpiMode.BIND) {
      raw = externalChannel
          ? EXTERNAL_CHANNEL + "::" + name + (version.isEmpty() ? "" : "=" + version)
          : name + "=" + (version.isEmpty() ? "*" : version) + "=external_*";
    } else {
      raw = name + (version.isEmpty() ? "" : "=" + version);
    }
    return MatchSpecParser.parse(raw, where);
  }
}
