package io.envtainer.oci.image;

import java.io.IOException;
import java.io.InputStream;

/** Layer and manifest media types, and telling a layer's compression from its first bytes. */
public final class MediaTypes {
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
  public static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

  private MediaTypes() {}

  /** The OCI layer media type for a layer of any of the usual types (Docker's included). */
  public static String ociLayer(String mediaType) throws IOException {
    if (mediaType.endsWith("tar+gzip") || mediaType.endsWith("tar.gzip")) return LAYER_GZIP;
    if (mediaType.endsWith("tar+zstd")) return LAYER_ZSTD;
    if (mediaType.endsWith(".tar") || mediaType.endsWith("diff.tar")) return LAYER_TAR;
    throw new IOException("unsupported layer media type " + mediaType + " (expected a tar, tar+gzip or tar+zstd layer)");
  }

  /** The OCI layer media type of a blob, from its magic bytes. */
  public static String sniffLayer(InputStream in) throws IOException {
    byte[] head = in.readNBytes(4);
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return LAYER_GZIP;
    if (head.length == 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return LAYER_ZSTD;
    }
    return LAYER_TAR;
  }
}
