package io.envtainer.spec;

/** How MPI reaches the container (Apptainer's two models, or none). */
public enum MpiMode {
  NONE,
  /** MPI of the site's family and version installed in the image; the host launcher starts ranks. */
  HYBRID,
  /** No MPI in the image; the host MPI is bind-mounted at run time. */
  BIND;

  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
