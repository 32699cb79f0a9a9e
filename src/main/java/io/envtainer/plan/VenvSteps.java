package io.envtainer.plan;

import java.util.ArrayList;
import java.util.List;

/** Steps that make a venv over the base image's Python and install pip requirements into it. */
final class VenvSteps {
  static final String REQUIREMENTS = "/.envtainer/requirements.txt";

  private VenvSteps() {}

  /** Makes the venv (first, so that a wrong base python fails the build before anything slow). */
  static Step create(PythonPlan py) {
    String prefix = Shell.quote(py.prefix());
    List<String> make = new ArrayList<>();
    String want = py.version() == null ? "" : py.version();
    String shortVersion = want.replaceAll("^([0-9]+\\.[0-9]+).*$", "$1");
    make.add("PY=" + (shortVersion.isEmpty() ? "$(command -v python3)"
        : "$(command -v python" + shortVersion + " || command -v python3)"));
    make.add("[ -n \"$PY\" ] || { echo 'envtainer: the base image has no python3 for the venv' >&2; exit 1; }");
    if (!want.isEmpty()) {
      make.add("\"$PY\" -c 'import sys; want = sys.argv[1].split(\".\"); have = [str(x) for x in sys.version_info[:3]]; "
          + "sys.exit(0 if have[:len(want)] == want else \"envtainer: base python is \" + \".\".join(have) + \", the spec "
          + "wants \" + sys.argv[1])' " + Shell.quote(want));
    }
    make.add("\"$PY\" -m venv " + (py.systemSitePackages() ? "--system-site-packages " : "") + prefix);
    return new Step("venv at " + py.prefix() + " from the base image's python", make);
  }

  /**
   * Installs the requirements, after compilers when something must be compiled: always when
   * {@code alwaysCompile} (sdists, VCS, bind-mode mpi4py), else only when {@code mpi4pyCompile} and mpi4py is
   * not already importable.
   *
   * @param mpicc the MPI compiler wrapper mpi4py builds against, or null
   */
  static List<Step> install(PythonPlan py, boolean hasRequirements, boolean hashes, boolean alwaysCompile,
      boolean mpi4pyCompile, String mpicc) {
    List<Step> steps = new ArrayList<>();
    if (alwaysCompile) {
      steps.add(new Step("compilers for packages built from source", PackageManager.install(PackageManager.COMPILERS)));
    } else if (mpi4pyCompile) {
      List<String> c = new ArrayList<>();
      c.add("if ! " + py.interpreter() + " -c 'import mpi4py' 2>/dev/null; then");
      for (String l : PackageManager.install(PackageManager.COMPILERS)) c.add("    " + l);
      c.add("fi");
      steps.add(new Step("compilers to build mpi4py against the image's MPI, unless it is already there", c));
    }
    if (hasRequirements) {
      List<String> pip = new ArrayList<>();
      if (mpicc != null) pip.add("export MPI4PY_BUILD_MPICC=" + Shell.quote(mpicc));
      pip.add(py.interpreter() + " -m pip install --no-cache-dir --disable-pip-version-check "
          + (hashes ? "--require-hashes " : "") + "-r " + REQUIREMENTS);
      steps.add(new Step("pip requirements" + (hashes ? " (hash-checked)" : ""), pip));
    }
    return steps;
  }
}
