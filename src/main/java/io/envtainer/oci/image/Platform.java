package io.envtainer.oci.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The manifest descriptor of an image index (or docker manifest list) for this platform: the only one, or the
   * one whose platform is this; WHERE names the index in the error.
   */
  public JsonNode pick(JsonNode index, Object where) throws IOException {
    JsonNode manifests = index.path("manifests");
    if (manifests.size() == 1) return manifests.get(0);
    List<JsonNode> matching = new ArrayList<>();
    List<String> found = new ArrayList<>();
    for (JsonNode m : manifests) {
      JsonNode p = m.path("platform");
      Platform mp = new Platform(p.path("os").asText(), p.path("architecture").asText());
      found.add(p.isMissingNode() ? "(no platform)" : mp.toString());
      if (mp.equals(this)) matching.add(m);
    }
    if (matching.size() == 1) return matching.get(0);
    throw new IOException(where + ": expected one image for " + this + " (this host), found "
        + (matching.isEmpty() ? "none among " : matching.size() + " among ") + String.join(", ", found));
  }

  @Override
  public String toString() {
    return os + "/" + architecture;
  }
}
