package io.envtainer.plan;

import io.envtainer.spec.MpiFamily;
import java.util.ArrayList;
import java.util.List;

/** Steps that put the site's MPI into a hybrid image, or the headers a bind-mode build compiles against. */
final class MpiSteps {
  private MpiSteps() {}

  /** Runtime + development packages of an MPI family from the distribution. */
  static PackageManager.Packages distroPackages(MpiFamily family) {
    return family == MpiFamily.OPENMPI
        ? new PackageManager.Packages(List.of("openmpi-bin", "libopenmpi-dev"), List.of("openmpi", "openmpi-devel"))
        : new PackageManager.Packages(List.of("mpich", "libmpich-dev"), List.of("mpich", "mpich-devel"));
  }

  /** Hybrid: install (distro or source) and check the family and version. */
  static List<Step> hybrid(MpiPlan mpi) {
    List<Step> steps = new ArrayList<>();
    switch (mpi.install()) {
      case DISTRO -> steps.add(new Step(mpi.family().displayName() + " from the distribution",
          PackageManager.install(distroPackages(mpi.family()))));
      case SOURCE -> steps.add(new Step(mpi.family().displayName() + " " + mpi.version() + " from its release tarball",
          buildFromSource(mpi)));
      case BASE, NONE -> { }
    }
    steps.add(new Step("check the image's MPI is " + mpi.family().displayName() + " " + series(mpi.version()),
        versionCheck(mpi)));
    return steps;
  }

  /** Bind: the headers and compiler wrapper of the same ABI family, only in a build stage. */
  static Step bindBuildHeaders(MpiPlan mpi) {
    MpiFamily headers = mpi.family().abi() == MpiFamily.Abi.OPENMPI ? MpiFamily.OPENMPI : MpiFamily.MPICH;
    List<String> cmds = new ArrayList<>(PackageManager.install(distroPackages(headers)));
    return new Step(headers.displayName() + " headers to build against (" + mpi.family().abi().soname()
        + "; the host's MPI is bound at run time)", cmds);
  }

  private static List<String> buildFromSource(MpiPlan mpi) {
    String src = "/tmp/envtainer-mpi";
    String tarball = src + "/" + mpi.tarball().url().substring(mpi.tarball().url().lastIndexOf('/') + 1);
    List<String> c = new ArrayList<>();
    c.addAll(PackageManager.install(new PackageManager.Packages(
        List.of("build-essential", "bzip2", "ca-certificates", "curl", "perl"),
        List.of("gcc", "gcc-c++", "make", "bzip2", "ca-certificates", "curl", "perl"))));
    c.add("mkdir -p " + src);
    c.addAll(PackageManager.download(mpi.tarball().url(), mpi.tarball().sha256(), tarball));
    c.add("tar -xf " + tarball + " -C " + src + " --strip-components=1");
    String fortran = mpi.family() == MpiFamily.OPENMPI ? "--disable-mpi-fortran" : "--disable-fortran";
    c.add("(cd " + src + " && ./configure --prefix=" + Shell.quote(mpi.prefix()) + " " + fortran
        + " >/tmp/envtainer-mpi-configure.log && make -j\"$(nproc)\" >/tmp/envtainer-mpi-make.log && make install "
        + ">/dev/null) || { tail -n 40 /tmp/envtainer-mpi-*.log >&2; exit 1; }");
    c.add("rm -rf " + src + " /tmp/envtainer-mpi-*.log");
    return c;
  }

  private static List<String> versionCheck(MpiPlan mpi) {
    String bin = mpi.install() == MpiPlan.Install.SOURCE ? mpi.prefix() + "/bin/" : "";
    String want = series(mpi.version());
    String probe = mpi.family() == MpiFamily.OPENMPI
        ? bin + "ompi_info --version 2>/dev/null | sed -n 's/^Open MPI v\\([0-9][0-9.]*\\).*/\\1/p' | head -n 1"
        : bin + "mpichversion 2>/dev/null | sed -n 's/^MPICH Version:[[:space:]]*\\([0-9][0-9.]*\\).*/\\1/p' | head -n 1";
    List<String> c = new ArrayList<>();
    c.add("have=$(" + probe + ")");
    c.add("[ -n \"$have\" ] || { echo " + Shell.quote("envtainer: no " + mpi.family().displayName()
        + " in the image; the site needs " + want) + " >&2; exit 1; }");
    if (!want.isEmpty()) {
      c.add("case \"$have\" in " + want + "|" + want + ".*) echo \"envtainer: image MPI is "
          + mpi.family().displayName() + " $have\" ;; *) echo \"envtainer: the image has " + mpi.family().displayName()
          + " $have, the site needs " + want + ".x\" >&2; exit 1 ;; esac");
    }
    return c;
  }

  /** "4.1" of "4.1.4"; the version itself when it has fewer parts; "" when unknown. */
  static String series(String version) {
    if (version == null) return "";
    String[] p = version.split("\\.");
    return p.length >= 2 ? p[0] + "." + p[1] : version;
  }
}
