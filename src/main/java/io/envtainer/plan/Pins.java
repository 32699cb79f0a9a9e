package io.envtainer.plan;

import io.envtainer.spec.MpiFamily;
import java.util.Map;
import java.util.Optional;

/**
 * Downloads envtainer may put in a def file, each pinned by sha256. Sources of the digests: micromamba's release
 * asset {@code micromamba-linux-64.sha256} for 2.9.0-0 (as pinned in two independent public projects); MPI tarball
 * digests as recorded in spack's openmpi and mpich packages.
 */
public final class Pins {
  private Pins() {}

  public static final PythonPlan.Micromamba MICROMAMBA = new PythonPlan.Micromamba("2.9.0-0",
      "https://github.com/mamba-org/micromamba-releases/releases/download/2.9.0-0/micromamba-linux-64",
      "366cd9cd8be14df1ab8ed50352a82111082a36686b2d389fdb79a92c3fafb3e3");

  private static final Map<String, String> OPENMPI = Map.ofEntries(
      Map.entry("4.1.4", "92912e175fd1234368c8730c03f4996fe5942e7479bb1d10059405e7f2b3930d"),
      Map.entry("4.1.5", "a640986bc257389dd379886fdae6264c8cfa56bc98b71ce3ae3dfbd8ce61dbe3"),
      Map.entry("4.1.6", "f740994485516deb63b5311af122c265179f5328a0d857a567b85db00b11e415"),
      Map.entry("4.1.7", "54a33cb7ad81ff0976f15a6cc8003c3922f0f3d8ceed14e1813ef3603f22cd34"),
      Map.entry("4.1.8", "466f68e3132a1dc02710cc2011fafced8336d98359fa2dae4dddcfd5719f12a9"),
      Map.entry("5.0.3", "990582f206b3ab32e938aa31bbf07c639368e4405dca196fabe7f0f76eeda90b"),
      Map.entry("5.0.5", "6588d57c0a4bd299a24103f4e196051b29e8b55fbda49e11d5b3d32030a32776"),
      Map.entry("5.0.6", "bd4183fcbc43477c254799b429df1a6e576c042e74a2d2f8b37d537b2ff98157"),
      Map.entry("5.0.7", "119f2009936a403334d0df3c0d74d5595a32d99497f9b1d41e90019fee2fc2dd"));

  private static final Map<String, String> MPICH = Map.ofEntries(
      Map.entry("4.0.2", "5a42f1a889d4a2d996c26e48cbf9c595cbf4316c6814f7c181e3320d21dedd42"),
      Map.entry("4.0.3", "17406ea90a6ed4ecd5be39c9ddcbfac9343e6ab4f77ac4e8c5ebe4a3e3b6c501"),
      Map.entry("4.1.2", "3492e98adab62b597ef0d292fb2459b6123bc80070a8aa0a30be6962075a12f0"),
      Map.entry("4.2.3", "7a019180c51d1738ad9c5d8d452314de65e828ee240bcb2d1f80de9a65be88a8"));

  /** The release tarball of an MPI version, when envtainer knows its digest. */
  public static Optional<MpiPlan.SourceTarball> mpiTarball(MpiFamily family, String version) {
    if (family == MpiFamily.OPENMPI && OPENMPI.containsKey(version)) {
      String series = version.substring(0, version.lastIndexOf('.'));
      return Optional.of(new MpiPlan.SourceTarball("https://download.open-mpi.org/release/open-mpi/v" + series
          + "/openmpi-" + version + ".tar.bz2", OPENMPI.get(version)));
    }
    if (family == MpiFamily.MPICH && MPICH.containsKey(version)) {
      return Optional.of(new MpiPlan.SourceTarball(
          "https://www.mpich.org/static/downloads/" + version + "/mpich-" + version + ".tar.gz", MPICH.get(version)));
    }
    return Optional.empty();
  }

  /** Versions with a pinned tarball, for error messages. */
  public static String knownVersions(MpiFamily family) {
    Map<String, String> m = family == MpiFamily.OPENMPI ? OPENMPI : family == MpiFamily.MPICH ? MPICH : Map.of();
    return String.join(", ", new java.util.TreeSet<>(m.keySet()));
  }
}
