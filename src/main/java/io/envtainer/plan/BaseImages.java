package io.envtainer.plan;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Parses base image references as written in specs and site profiles. */
public final class BaseImages {
  private BaseImages() {}

  private static final String REGISTRY_REF =
      "[a-z0-9][a-z0-9._-]*(?::[0-9]+)?(?:/[a-z0-9][a-z0-9._/-]*)?(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
          + "(?:@sha256:[0-9a-f]{64})?";

  /**
   * {@code docker-archive:PATH}, {@code oci-archive:PATH}, {@code localimage:PATH} (relative to {@code dir}),
   * {@code docker://REF}, a bare {@code REF}, or {@code scratch}.
   */
  public static BaseImage parse(String text, Path dir, SourceLocation where) throws SpecException {
    String t = text.strip();
    if (t.equals("scratch")) return BaseImage.SCRATCH;
    for (BaseImage.Kind kind : new BaseImage.Kind[] {
        BaseImage.Kind.DOCKER_ARCHIVE, BaseImage.Kind.OCI_ARCHIVE, BaseImage.Kind.LOCAL_IMAGE}) {
      String prefix = kind.transport() + ":";
      if (t.startsWith(prefix)) {
        String p = t.substring(prefix.length());
        Path path = dir.resolve(p).toAbsolutePath().normalize();
        if (!path.toString().matches("[A-Za-z0-9_./+@,=-]+")) {
          throw new SpecException(where, "expected a base image path of letters, digits and . _ / + @ , = -, found '"
              + p + "'", "rename or link the archive to a plain path");
        }
        if (!Files.exists(path)) {
          throw new SpecException(where, "expected the base image " + path + " to exist, found nothing",
              "paths are relative to the spec's directory");
        }
        return new BaseImage(kind, path.toString(), null);
      }
    }
    String ref = t.startsWith("docker://") ? t.substring("docker://".length()) : t;
    if (!ref.matches(REGISTRY_REF)) {
      throw new SpecException(where, "expected a base image: docker://REGISTRY/REPO:TAG[@sha256:DIGEST], "
          + "docker-archive:PATH, oci-archive:PATH, localimage:PATH or scratch, found '" + text + "'", null);
    }
    int at = ref.indexOf("@sha256:");
    return at < 0 ? new BaseImage(BaseImage.Kind.REGISTRY, ref, null)
        : new BaseImage(BaseImage.Kind.REGISTRY, ref.substring(0, at), ref.substring(at + 1));
  }
}
