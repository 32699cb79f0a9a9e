package io.envtainer.oci.layer;

import java.nio.file.Path;

/**
 * A written layer.
 *
 * @param diffId {@code sha256:} of the uncompressed tar (the config's rootfs.diff_ids)
 * @param digest {@code sha256:} of the blob as stored (the manifest's layer digest)
 * @param size bytes of the blob
 * @param uncompressedSize bytes of the tar
 * @param file the blob in the layer cache
 */
public record LayerBlob(String name, String diffId, String digest, long size, long uncompressedSize, String mediaType,
    int files, Path file, Status status) {

  public enum Status {
    /** written by this build */
    BUILT,
    /** found in the cache, unchanged */
    CACHED
  }
}
