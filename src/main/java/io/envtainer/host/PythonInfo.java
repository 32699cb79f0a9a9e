package io.envtainer.host;

import java.nio.file.Path;
import java.util.List;

/**
 * What an interpreter says about itself.
 *
 * @param executable the interpreter that was run
 * @param version {@code platform.python_version()}: {@code 3.11.2}
 * @param prefix {@code sys.prefix} (the venv inside a venv)
 * @param basePrefix {@code sys.base_prefix} (the interpreter's own installation)
 * @param sitePackages {@code site.getsitepackages()} that exist, in order
 * @param path {@code sys.path}
 */
public record PythonInfo(Path executable, String version, String implementation, Path prefix, Path basePrefix,
    List<Path> sitePackages, List<Path> path) {

  public PythonInfo {
    sitePackages = List.copyOf(sitePackages);
    path = List.copyOf(path);
  }

  public boolean inVenv() {
    return !prefix.equals(basePrefix);
  }

  /** {@code 3.11} of {@code 3.11.2}. */
  public String minorVersion() {
    String[] p = version.split("\\.");
    return p.length >= 2 ? p[0] + "." + p[1] : version;
  }
}
