package io.envtainer.oci.image;

/**
 * A blob of an image: a layer, a config or a manifest.
 *
 * @param diffId for layers, {@code sha256:} of the uncompressed tar; else null
 * @param uncompressedSize for layers, bytes of the uncompressed tar when known, else -1
 */
public record ImageBlob(String digest, long size, String mediaType, String diffId, BlobSource source,
    long uncompressedSize) {

  public ImageBlob(String digest, long size, String mediaType, String diffId, BlobSource source) {
    this(digest, size, mediaType, diffId, source, MediaTypes.LAYER_TAR.equals(mediaType) ? size : -1);
  }
}
