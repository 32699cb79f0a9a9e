package io.envtainer.spec;

import java.util.Locale;
import java.util.Optional;

/** MPI implementations envtainer knows, with the ABI family each belongs to. */
public enum MpiFamily {
  OPENMPI("openmpi", "Open MPI", Abi.OPENMPI),
  MPICH("mpich", "MPICH", Abi.MPICH),
  INTEL_MPI("intel-mpi", "Intel MPI", Abi.MPICH),
  CRAY_MPICH("cray-mpich", "Cray MPICH", Abi.MPICH),
  MVAPICH("mvapich", "MVAPICH", Abi.MPICH);

  /** Binary-compatibility families: Open MPI (libmpi.so.40) and the MPICH ABI (libmpi.so.12). */
  public enum Abi {
    OPENMPI("libmpi.so.40"),
    MPICH("libmpi.so.12");

    private final String soname;

    Abi(String soname) {
      this.soname = soname;
    }

    public String soname() {
      return soname;
    }
  }

  private final String key;
  private final String displayName;
  private final Abi abi;

  MpiFamily(String key, String displayName, Abi abi) {
    this.key = key;
    this.displayName = displayName;
    this.abi = abi;
  }

  public String key() {
    return key;
  }

  public String displayName() {
    return displayName;
  }

  public Abi abi() {
    return abi;
  }

  /** Accepts the key and common spellings: "openmpi", "OpenMPI", "open-mpi", "intelmpi", "impi", "cray". */
  public static Optional<MpiFamily> parse(String text) {
    if (text == null) return Optional.empty();
    String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "-").replace(" ", "-");
    switch (t) {
      case "openmpi": case "open-mpi": case "ompi": return Optional.of(OPENMPI);
      case "mpich": return Optional.of(MPICH);
      case "intel-mpi": case "intelmpi": case "impi": return Optional.of(INTEL_MPI);
      case "cray-mpich": case "craympich": case "cray": return Optional.of(CRAY_MPICH);
      case "mvapich": case "mvapich2": return Optional.of(MVAPICH);
      default: return Optional.empty();
    }
  }
}
