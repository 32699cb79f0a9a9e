package io.envtainer.spec;

/** Where the image's Python comes from. */
public enum PythonSource {
  /** A site module (Lmod/EasyBuild) provides python; packages go into a venv on top. */
  MODULE,
  /** A venv over the base image's python, pip requirements installed into it. */
  VENV,
  /** A conda/mamba environment. */
  CONDA,
  /** The base image's python as is (Debian packages). */
  SYSTEM;

  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
