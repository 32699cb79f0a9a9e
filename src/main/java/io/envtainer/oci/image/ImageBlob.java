package io.envtainer.oci.image;

/**
 * A blob of an image: a layer, a config or a manifest.
 *
 * @param diffId for layers, {@code sha256:} of the uncompressed tar; else null
 */
public record ImageBlob(String digest, long size, String mediaType, String diffId, BlobSource source) {}
