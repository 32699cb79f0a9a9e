package io.envtainer.oci;

import java.nio.file.Path;

/**
 * Where {@code envtainer build} puts the image.
 *
 * @param path the archive or layout directory (archives and layouts)
 * @param reference {@code host/repo:tag} (registries)
 */
public record ImageTarget(Kind kind, Path path, String reference) {
  public enum Kind {
    OCI_ARCHIVE("oci-archive:"),
    DOCKER_ARCHIVE("docker-archive:"),
    OCI_LAYOUT("oci:"),
    REGISTRY("docker://");

    final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  public static final String FORMS = "oci-archive:PATH, docker-archive:PATH, oci:DIR or docker://HOST/REPO:TAG";

  public static ImageTarget parse(String text) throws BuildInputException {
    for (Kind k : Kind.values()) {
      if (!text.startsWith(k.prefix)) continue;
      String rest = text.substring(k.prefix.length());
      if (rest.isBlank()) throw new BuildInputException("--to " + text + ": expected " + FORMS + ", found no "
          + (k == Kind.REGISTRY ? "image reference" : "path"));
      if (k == Kind.REGISTRY) {
        if (!rest.matches("[a-z0-9][a-z0-9.-]*(:[0-9]+)?/[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?")) {
          throw new BuildInputException("--to " + text + ": expected docker://HOST[:PORT]/REPOSITORY[:TAG] (lower-case "
              + "repository), found '" + rest + "'");
        }
        return new ImageTarget(k, null, rest.contains(":") && rest.lastIndexOf(':') > rest.indexOf('/') ? rest
            : rest + ":latest");
      }
      return new ImageTarget(k, Path.of(rest), null);
    }
    throw new BuildInputException("--to " + text + ": expected " + FORMS);
  }

  @Override
  public String toString() {
    return kind.prefix + (reference != null ? reference : path.toString());
  }
}
