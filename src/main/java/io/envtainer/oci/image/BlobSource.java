package io.envtainer.oci.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** Where a blob's bytes are. */
public interface BlobSource {
  InputStream open() throws IOException;

  /** The blob as a whole file of its own, when it is one (for hard links into a layout directory). */
  default Optional<Path> file() throws IOException {
    return Optional.empty();
  }

  /** Writes the whole blob to OUT; returns the bytes written. Files are copied by the kernel where it can. */
  default long transferTo(WritableByteChannel out) throws IOException {
    Optional<Path> f = file();
    if (f.isPresent()) return slice(f.get(), 0, Files.size(f.get())).transferTo(out);
    try (InputStream in = open()) {
      return in.transferTo(Channels.newOutputStream(out));
    }
  }

  static BlobSource of(byte[] bytes) {
    return () -> new ByteArrayInputStream(bytes);
  }

  static BlobSource of(Path file) {
    return new BlobSource() {
      @Override
      public InputStream open() throws IOException {
        return java.nio.file.Files.newInputStream(file);
      }

      @Override
      public Optional<Path> file() {
        return Optional.of(file);
      }
    };
  }

  /** LENGTH bytes at OFFSET of an archive (a layer inside a docker-save or OCI archive, read in place). */
  static BlobSource slice(Path archive, long offset, long length) {
    return new BlobSource() {
      @Override
      public InputStream open() throws IOException {
        FileChannel ch = FileChannel.open(archive, StandardOpenOption.READ);
        ch.position(offset);
        return new BoundedInputStream(Channels.newInputStream(ch), length);
      }

      @Override
      public long transferTo(WritableByteChannel out) throws IOException {
        try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.READ)) {
          long done = 0;
          while (done < length) {
            long n = ch.transferTo(offset + done, length - done, out);
            if (n <= 0) throw new IOException(archive + ": ended after " + done + " of " + length + " bytes");
            done += n;
          }
          return done;
        }
      }
    };
  }

  /** Reads at most a given number of bytes, then reports the end. */
  final class BoundedInputStream extends java.io.FilterInputStream {
    private long left;

    BoundedInputStream(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) return -1;
      int b = in.read();
      if (b >= 0) left--;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) return -1;
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) left -= n;
      return n;
    }
  }
}
