package io.envtainer.plan;

import io.envtainer.spec.PythonSource;

/**
 * How the image's Python environment is made.
 *
 * @param version wanted interpreter version, or null
 * @param prefix the environment's directory in the image
 * @param baseInterpreter for venvs: the base image's interpreter the venv is made from
 * @param systemSitePackages for venvs: whether the base's packages stay visible
 * @param micromamba for conda: the pinned micromamba, else null
 */
public record PythonPlan(
    PythonSource source,
    Flavor flavor,
    String version,
    String prefix,
    String baseInterpreter,
    boolean systemSitePackages,
    Micromamba micromamba) {

  public enum Flavor { VENV, CONDA }

  /** The environment's python. */
  public String interpreter() {
    return prefix + "/bin/python";
  }

  /** A pinned micromamba static binary. */
  public record Micromamba(String version, String url, String sha256) {}
}
