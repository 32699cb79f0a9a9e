package io.envtainer.oci.image;

import java.util.Locale;

/**
 * An image platform in OCI terms ({@code linux/amd64}, {@code linux/arm64}). The environment envtainer packs was
 * made on this host, so the image and the base it picks from a multi-platform index are of the host's platform.
 */
public record Platform(String os, String architecture) {
  /** This host's platform (the JVM's os.arch in OCI's names). */
  public static Platform host() {
    return new Platform("linux", architecture(System.getProperty("os.arch", "")));
  }

  /** A JVM or uname architecture name in OCI's (Go's GOARCH) spelling; unknown names are kept as they are. */
  static String architecture(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "amd64", "x86_64", "x86-64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "ppc64le", "powerpc64le" -> "ppc64le";
      case "x86", "i386", "i486", "i586", "i686" -> "386";
      default -> n;
    };
  }

  @Override
  public String toString() {
    return os + "/" + architecture;
  }
}
