package io.envtainer.oci.layer;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import io.envtainer.util.Sha256;

/**
 * Writes layers into the cache, several at a time (largest first, so that the last one to finish is small), and
 * reuses every layer whose content key is in the cache. Compression level 0 writes plain tar layers.
 */
public final class LayerBuilder {
  public static final String MEDIA_TYPE_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String MEDIA_TYPE_TAR = "application/vnd.oci.image.layer.v1.tar";
  private static final int BUFFER = 1 << 20;
  /**
   * Files whose ctime is this close to the build's start are too fresh to trust for a cache key: the kernel's
   * clock ticks in milliseconds, so a second write in the same tick would keep the ctime (git calls it racy).
   */
  static final long RACY_NANOS = 2_000_000_000L;

  private final LayerCache cache;
  private final int level;
  private final int jobs;
  private final LayerListener listener;
  private final long racyNanos;

  public LayerBuilder(LayerCache cache, int compressionLevel, int jobs, LayerListener listener) {
    this(cache, compressionLevel, jobs, listener, RACY_NANOS);
  }

  LayerBuilder(LayerCache cache, int compressionLevel, int jobs, LayerListener listener, long racyNanos) {
    if (compressionLevel < 0 || compressionLevel > 9) throw new IllegalArgumentException("level 0..9");
    this.cache = cache;
    this.level = compressionLevel;
    this.jobs = Math.max(1, jobs);
    this.listener = listener;
    this.racyNanos = racyNanos;
  }

  /** Builds (or finds) every layer; the result is in the order of {@code layers}. */
  public List<LayerBlob> build(List<LayerContent> layers) throws IOException {
    long startNanos = System.currentTimeMillis() * 1_000_000L;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) order.add(i);
    order.sort(Comparator.comparingLong((Integer i) -> -layers.get(i).contentBytes()).thenComparing(i -> i));

    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, layers.size())), r -> {
      Thread t = new Thread(r, "envtainer-layer");
      t.setDaemon(true);
      return t;
    });
    List<Future<LayerBlob>> futures = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) futures.add(null);
    try {
      for (int i : order) {
        LayerContent layer = layers.get(i);
        futures.set(i, pool.submit(() -> buildOne(layer, startNanos)));
      }
      List<LayerBlob> out = new ArrayList<>();
      for (Future<LayerBlob> f : futures) out.add(f.get());
      return out;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) throw io;
      if (c instanceof RuntimeException re) throw re;
      throw new IOException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      pool.shutdownNow();
      try {
        // A failed build returns only when no worker still writes (so nothing is left half-written).
        pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private LayerBlob buildOne(LayerContent layer, long startNanos) throws IOException {
    LayerKey key = LayerKey.of(layer, level);
    var cached = cache.lookup(key, layer.name());
    if (cached.isPresent()) {
      listener.bytes(cached.get().uncompressedSize());
      listener.finished(cached.get());
      return cached.get();
    }
    LayerBlob blob = write(layer);
    if (!LayerKey.racy(layer, startNanos - racyNanos)) cache.remember(key, blob);
    listener.finished(blob);
    return blob;
  }

  private LayerBlob write(LayerContent layer) throws IOException {
    Path temp = cache.newTemp(layer.name());
    try {
      MessageDigest blobSha = Sha256.newDigest();
      MessageDigest tarSha = Sha256.newDigest();
      Counting blobCount;
      Counting tarCount;
      int files;
      try (OutputStream file = Files.newOutputStream(temp)) {
        blobCount = new Counting(new DigestOutputStream(new BufferedOutputStream(file, BUFFER), blobSha), null);
        OutputStream compressed = level == 0 ? blobCount : new LevelGzip(blobCount, level);
        tarCount = new Counting(new DigestOutputStream(compressed, tarSha), listener);
        OutputStream tarOut = new BufferedOutputStream(tarCount, BUFFER);
        files = new TarLayerWriter(new byte[BUFFER]).write(layer, tarOut);
        tarOut.flush();
        if (compressed instanceof LevelGzip gz) gz.finish();
        blobCount.flush();
        tarCount.report();
      }
      String diffId = Sha256.format(tarSha.digest());
      String digest = level == 0 ? diffId : Sha256.format(blobSha.digest());
      Path stored = cache.storeBlob(temp, digest);
      return new LayerBlob(layer.name(), diffId, digest, blobCount.count, tarCount.count,
          level == 0 ? MEDIA_TYPE_TAR : MEDIA_TYPE_GZIP, files, stored, LayerBlob.Status.BUILT);
    } finally {
      cache.discard(temp);
    }
  }

  /** gzip at a chosen level; the JDK's header has no time and no name, so the output is deterministic. */
  private static final class LevelGzip extends GZIPOutputStream {
    LevelGzip(OutputStream out, int level) throws IOException {
      super(out, BUFFER);
      def.setLevel(level);
    }
  }

  /** Counts bytes; reports them to a listener every few MB. */
  private static final class Counting extends FilterOutputStream {
    private static final long REPORT_EVERY = 4L << 20;
    private final LayerListener listener;
    long count;
    private long unreported;

    Counting(OutputStream out, LayerListener listener) {
      super(out);
      this.listener = listener;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      add(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      add(len);
    }

    private void add(long n) {
      count += n;
      unreported += n;
      if (listener != null && unreported >= REPORT_EVERY) report();
    }

    void report() {
      if (listener != null && unreported > 0) listener.bytes(unreported);
      unreported = 0;
    }
  }
}
