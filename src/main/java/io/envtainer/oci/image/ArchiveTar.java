package io.envtainer.oci.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** The outer tar of image archives: directories and files, 0:0, time 0, so that the same image gives the same tar. */
final class ArchiveTar implements AutoCloseable {
  private final TarArchiveOutputStream tar;
  private final byte[] buffer = new byte[1 << 20];

  ArchiveTar(OutputStream out) {
    tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  void directory(String name) throws IOException {
    TarArchiveEntry e = entry(name + "/", TarConstants.LF_DIR, 040755);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  void file(String name, byte[] content) throws IOException {
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, 0100644);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  void blob(String name, ImageBlob blob) throws IOException {
    stream(name, blob.source().open(), blob.size(), blob.digest());
  }

  /** A layer uncompressed, as docker-save archives hold them. */
  void uncompressedLayer(String name, ImageBlob layer, java.nio.file.Path scratchDir) throws IOException {
    switch (layer.mediaType()) {
      case MediaTypes.LAYER_TAR -> blob(name, layer);
      case MediaTypes.LAYER_GZIP -> {
        if (layer.uncompressedSize() >= 0) {
          stream(name, gunzip(layer), layer.uncompressedSize(), layer.diffId());
          return;
        }
        // Size unknown (a registry base layer): the tar header needs it first.
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile(scratchDir, ".layer.", ".partial");
        try {
          try (InputStream in = gunzip(layer)) {
            java.nio.file.Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
          stream(name, java.nio.file.Files.newInputStream(tmp), java.nio.file.Files.size(tmp), layer.diffId());
        } finally {
          java.nio.file.Files.deleteIfExists(tmp);
        }
      }
      default -> throw new IOException("layer " + layer.digest() + " is " + layer.mediaType() + "; a docker archive "
          + "holds plain tar layers and envtainer can only uncompress gzip ones (write an oci-archive instead)");
    }
  }

  private static InputStream gunzip(ImageBlob layer) throws IOException {
    return new java.util.zip.GZIPInputStream(layer.source().open(), 1 << 16);
  }

  private void stream(String name, InputStream source, long size, String what) throws IOException {
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, 0100644);
    e.setSize(size);
    tar.putArchiveEntry(e);
    try (InputStream in = source) {
      long n = 0;
      for (int r; (r = in.read(buffer)) >= 0; n += r) tar.write(buffer, 0, r);
      if (n != size) throw new IOException(what + " has " + n + " bytes, expected " + size);
    }
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry entry(String name, byte type, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, false);
    e.setMode(mode);
    e.setUserId(0);
    e.setGroupId(0);
    e.setUserName("");
    e.setGroupName("");
    e.setLastModifiedTime(FileTime.from(Instant.EPOCH));
    return e;
  }

  @Override
  public void close() throws IOException {
    tar.finish();
    tar.flush();
  }
}
