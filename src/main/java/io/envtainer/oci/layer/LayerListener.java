package io.envtainer.oci.layer;

/** Hears how layer writing goes; called from worker threads, so implementations are thread-safe. */
public interface LayerListener {
  /** Uncompressed bytes written since the last call (in chunks of a few MB). */
  void bytes(long n);

  void finished(LayerBlob blob);

  LayerListener NONE = new LayerListener() {
    @Override
    public void bytes(long n) {}

    @Override
    public void finished(LayerBlob blob) {}
  };
}
