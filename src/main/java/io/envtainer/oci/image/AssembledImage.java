package io.envtainer.oci.image;

import java.util.List;

/**
 * An image ready to write: its layers (base first), config and manifest.
 *
 * @param refName the name outputs give it ({@code NAME:latest})
 */
public record AssembledImage(String refName, List<ImageBlob> layers, ImageBlob config, byte[] manifest,
    String manifestDigest) {
  public AssembledImage {
    layers = List.copyOf(layers);
  }

  /** Every blob an output must hold (layers and config; not the manifest), each once, in digest order. */
  public List<ImageBlob> uniqueBlobs() {
    java.util.Map<String, ImageBlob> byDigest = new java.util.TreeMap<>();
    for (ImageBlob b : layers) byDigest.putIfAbsent(b.digest(), b);
    byDigest.putIfAbsent(config.digest(), config);
    return List.copyOf(byDigest.values());
  }
}
