package io.envtainer.oci.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.envtainer.oci.layer.TarHeaders;
import io.envtainer.util.CleanupOnExit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The outer tar of image archives: directories and files, 0:0, time 0, so that the same image gives the same tar.
 * Written straight to a file channel: blobs that are files (the layer cache, a base archive) are copied by the
 * kernel (sendfile), which matters when a rebuild rewrites a large archive around one changed layer.
 */
final class ArchiveTar implements AutoCloseable {
  private static final int BLOCK = 512;
  private static final int RECORD = 20 * BLOCK;

  private final FileChannel out;
  private final byte[] header = new byte[BLOCK];

  ArchiveTar(FileChannel out) {
    this.out = out;
  }

  void directory(String name) throws IOException {
    header(name + "/", TarConstants.LF_DIR, 040755, 0);
  }

  void file(String name, byte[] content) throws IOException {
    header(name, TarConstants.LF_NORMAL, 0100644, content.length);
    write(ByteBuffer.wrap(content));
    pad(content.length);
  }

  void blob(String name, ImageBlob blob) throws IOException {
    header(name, TarConstants.LF_NORMAL, 0100644, blob.size());
    long n = blob.source().transferTo(out);
    if (n != blob.size()) throw new IOException("blob " + blob.digest() + " has " + n + " bytes, expected " + blob.size());
    pad(n);
  }

  /** A layer uncompressed, as docker-save archives hold them. */
  void uncompressedLayer(String name, ImageBlob layer, Path scratchDir) throws IOException {
    switch (layer.mediaType()) {
      case MediaTypes.LAYER_TAR -> blob(name, layer);
      case MediaTypes.LAYER_GZIP -> {
        if (layer.uncompressedSize() >= 0) {
          stream(name, gunzip(layer), layer.uncompressedSize(), layer.diffId());
          return;
        }
        // Size unknown (a registry base layer): the tar header needs it first.
        try (CleanupOnExit.Temp t = CleanupOnExit.temp(scratchDir, ".layer.", ".partial", false)) {
          try {
            try (InputStream in = gunzip(layer)) {
              Files.copy(in, t.path(), StandardCopyOption.REPLACE_EXISTING);
            }
            stream(name, Files.newInputStream(t.path()), Files.size(t.path()), layer.diffId());
          } finally {
            Files.deleteIfExists(t.path());
          }
        }
      }
      default -> throw new IOException("layer " + layer.digest() + " is " + layer.mediaType() + "; a docker archive "
          + "holds plain tar layers and envtainer can only uncompress gzip ones (write an oci-archive instead)");
    }
  }

  private static InputStream gunzip(ImageBlob layer) throws IOException {
    return new GZIPInputStream(layer.source().open(), 1 << 16);
  }

  private void stream(String name, InputStream source, long size, String what) throws IOException {
    header(name, TarConstants.LF_NORMAL, 0100644, size);
    OutputStream sink = Channels.newOutputStream(out);
    long n;
    try (InputStream in = source) {
      n = in.transferTo(sink);
    }
    if (n != size) throw new IOException(what + " has " + n + " bytes, expected " + size);
    pad(n);
  }

  private void header(String name, byte type, int mode, long size) throws IOException {
    if (name.getBytes(StandardCharsets.UTF_8).length >= 100) throw new IllegalArgumentException("name too long: " + name);
    TarArchiveEntry e = TarHeaders.of(name, type, mode, 0);
    e.setSize(size);
    java.util.Arrays.fill(header, (byte) 0);
    e.writeEntryHeader(header);
    write(ByteBuffer.wrap(header));
  }

  private void pad(long written) throws IOException {
    int rest = (int) (written % BLOCK);
    if (rest != 0) write(ByteBuffer.allocate(BLOCK - rest));
  }

  private void write(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) out.write(b);
  }

  /** Two zero blocks end the archive; it is padded to whole 10 KiB records, as tar does. */
  @Override
  public void close() throws IOException {
    write(ByteBuffer.allocate(2 * BLOCK));
    long size = out.position();
    if (size % RECORD != 0) write(ByteBuffer.allocate((int) (RECORD - size % RECORD)));
  }
}
