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

  /** Every blob an output must hold: layers, then the config. */
  public List<ImageBlob> blobs() {
    List<ImageBlob> all = new java.util.ArrayList<>(layers);
    all.add(config);
    return all;
  }
}
