package io.envtainer.oci.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The base image as read: its config (null for scratch) and its layers in order.
 *
 * @param reference how the base was named ({@code docker-archive:/x.tar}, {@code registry/repo:tag})
 * @param manifestDigest the base's manifest digest when it has one (not docker-save archives)
 * @param registryRepository for registry bases, {@code host/repository} (lets a push to the same registry mount
 *     the base's blobs instead of uploading them); else null
 */
public record SourceImage(String reference, String manifestDigest, ObjectNode config, List<ImageBlob> layers,
    String registryRepository) {
  public SourceImage {
    layers = List.copyOf(layers);
  }

  public static SourceImage scratch() {
    return new SourceImage("scratch", null, null, List.of(), null);
  }
}
