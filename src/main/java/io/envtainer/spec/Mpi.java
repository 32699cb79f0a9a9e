package io.envtainer.spec;

/**
 * MPI wanted in the image.
 *
 * @param family null only when mode is NONE and no family was named
 * @param version the MPI version ("4.1.4", "4.1"), or null to take it from the site profile
 */
public record Mpi(MpiFamily family, String version, MpiMode mode) {
  public static final Mpi NONE = new Mpi(null, null, MpiMode.NONE);

  public Mpi {
    if (mode == null) mode = MpiMode.NONE;
  }

  public boolean enabled() {
    return mode != MpiMode.NONE;
  }
}
