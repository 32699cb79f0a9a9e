package io.envtainer.host;

import io.envtainer.plan.BindMount;
import io.envtainer.plan.EnvEntry;
import io.envtainer.site.SiteProfile;
import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bind list for bind mode, computed from the probed host MPI. A private prefix (a module's
 * {@code /apps/software/OpenMPI/4.1.4}) is bound whole at the same path; a distribution's MPI in /usr is bound as
 * its component and help directories plus single library files. Every host library of libmpi's ld.so closure
 * that is not under a bound directory is bound by file into {@link SiteProfile#HOST_LIB_DIR}, under its soname;
 * glibc and the compiler runtime never are (they must be the image's own).
 */
public final class MpiBindings {
  private MpiBindings() {}

  public static BindSet of(MpiInstallation mpi) {
    SourceLocation origin = SourceLocation.synthetic("host MPI probe");
    List<BindMount> binds = new ArrayList<>();
    Set<Path> boundDirs = new LinkedHashSet<>();
    List<String> libraryPath = new ArrayList<>();
    List<EnvEntry> env = new ArrayList<>();
    if (!mpi.inSystemPrefix()) {
      bindDir(mpi.prefix(), binds, boundDirs);
      if (mpi.libdir() != null) libraryPath.add(mpi.libdir().toString());
    } else {
      if (mpi.pluginDir() != null) bindDir(mpi.pluginDir(), binds, boundDirs);
      if (mpi.dataDir() != null) bindDir(mpi.dataDir(), binds, boundDirs);
    }
    List<String> files = new ArrayList<>();
    if (mpi.libmpi() != null && !under(mpi.libmpi(), boundDirs)) {
      bindFile(mpi.libmpi(), mpi.libmpiName(), binds, files);
      // Debian/Ubuntu name MPICH's library libmpich.so.12; applications ask for libmpi.so.12.
      if (mpi.family().abi() == MpiFamily.Abi.MPICH && !mpi.libmpiName().equals(mpi.abiSoname())) {
        bindFile(mpi.libmpi(), mpi.abiSoname(), binds, files);
      }
    }
    for (SharedLibrary l : mpi.closure().ofKind(SharedLibrary.Kind.HOST)) {
      if (!under(l.path(), boundDirs)) bindFile(l.path(), l.soname(), binds, files);
    }
    if (!files.isEmpty()) libraryPath.add(SiteProfile.HOST_LIB_DIR);
    for (Map.Entry<String, String> e : mpi.environment().entrySet()) {
      if (e.getKey().startsWith("OPAL_") && !mpi.inSystemPrefix()) env.add(EnvEntry.set(e.getKey(), e.getValue(), origin));
    }
    return new BindSet(binds, libraryPath, env);
  }

  private static void bindDir(Path dir, List<BindMount> binds, Set<Path> bound) {
    if (under(dir, bound)) return;
    binds.add(new BindMount(dir.toString(), dir.toString(), true, "mpi"));
    bound.add(dir);
  }

  private static void bindFile(Path file, String name, List<BindMount> binds, List<String> files) {
    if (files.contains(name)) return;
    files.add(name);
    binds.add(new BindMount(file.toString(), SiteProfile.HOST_LIB_DIR + "/" + name, true, "mpi"));
  }

  private static boolean under(Path p, Set<Path> dirs) {
    for (Path d : dirs) if (p.startsWith(d)) return true;
    return false;
  }
}
