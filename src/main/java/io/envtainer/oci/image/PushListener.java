package io.envtainer.oci.image;

/** Hears how a registry push goes; bytes may be reported from the client's I/O threads. */
public interface PushListener {
  /** Before the first blob: how many blobs the image has and their bytes (some may be in the registry already). */
  void start(int blobs, long bytes);

  /** Blob bytes sent since the last call. */
  void bytes(long n);

  /** A blob is in the registry: sent now ({@code uploaded}), or found there or mounted from another repository. */
  void pushed(ImageBlob blob, boolean uploaded);

  PushListener NONE = new PushListener() {
    @Override
    public void start(int blobs, long bytes) {}

    @Override
    public void bytes(long n) {}

    @Override
    public void pushed(ImageBlob blob, boolean uploaded) {}
  };
}
