package io.envtainer.plan;

/**
 * The image a stage starts from.
 *
 * @param reference for archives and local images an absolute path; for registries {@code host/repo:tag[@digest]}
 * @param digest the manifest digest when known ({@code sha256:...}), else null
 */
public record BaseImage(Kind kind, String reference, String digest) {
  public enum Kind {
    DOCKER_ARCHIVE("docker-archive"),
    OCI_ARCHIVE("oci-archive"),
    REGISTRY("docker"),
    LOCAL_IMAGE("localimage"),
    SCRATCH("scratch");

    private final String transport;

    Kind(String transport) {
      this.transport = transport;
    }

    /** The Apptainer bootstrap agent / transport name. */
    public String transport() {
      return transport;
    }
  }

  public static final BaseImage SCRATCH = new BaseImage(Kind.SCRATCH, "", null);

  /** {@code docker-archive:/abs/path.tar}, {@code docker://host/repo:tag}, {@code scratch}. */
  public String uri() {
    return switch (kind) {
      case SCRATCH -> "scratch";
      case REGISTRY -> "docker://" + reference;
      default -> kind.transport() + ":" + reference;
    };
  }
}
