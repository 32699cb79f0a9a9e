package io.envtainer.oci.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a layer's entries as a deterministic tar: entries in the given order, owners 0:0 without names, times in
 * whole seconds, POSIX (PAX) headers only for long names and big numbers. Symlinks, hard links, FIFOs, empty
 * directories and setuid/setgid/sticky bits are written as they are.
 */
final class TarLayerWriter {
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFIFO = 0010000;

  private final byte[] buffer;

  TarLayerWriter(byte[] buffer) {
    this.buffer = buffer;
  }

  /** Writes the tar to {@code out} (not closed); returns the number of regular files written. */
  int write(LayerContent layer, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    int files = 0;
    for (Entry e : layer.entries()) {
      tar.putArchiveEntry(header(e));
      if (e.type() == Entry.Type.FILE) {
        copyContent(e, tar);
        files++;
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
    tar.flush();
    return files;
  }

  private static TarArchiveEntry header(Entry e) {
    return switch (e.type()) {
      case DIRECTORY -> TarHeaders.of(e.path() + "/", TarConstants.LF_DIR, S_IFDIR | e.mode(), e.mtime());
      case FILE -> {
        TarArchiveEntry t = TarHeaders.of(e.path(), TarConstants.LF_NORMAL, S_IFREG | e.mode(), e.mtime());
        t.setSize(e.size());
        yield t;
      }
      case SYMLINK -> link(TarHeaders.of(e.path(), TarConstants.LF_SYMLINK, S_IFLNK | 0777, e.mtime()), e);
      case HARDLINK -> link(TarHeaders.of(e.path(), TarConstants.LF_LINK, S_IFREG | e.mode(), e.mtime()), e);
      case FIFO -> TarHeaders.of(e.path(), TarConstants.LF_FIFO, S_IFIFO | e.mode(), e.mtime());
    };
  }

  private static TarArchiveEntry link(TarArchiveEntry t, Entry e) {
    t.setLinkName(e.linkTarget());
    return t;
  }

  private void copyContent(Entry e, OutputStream out) throws IOException {
    if (e.source() instanceof Entry.Source.Bytes b) {
      out.write(b.data());
      return;
    }
    Entry.Source.HostFile host = (Entry.Source.HostFile) e.source();
    long left = e.size();
    try (InputStream in = Files.newInputStream(host.path())) {
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) break;
        out.write(buffer, 0, n);
        left -= n;
      }
      if (left != 0 || in.read() >= 0) {
        throw new IOException(host.path() + ": changed size while the layer was written; build again when the "
            + "environment is not being modified");
      }
    } catch (java.nio.file.NoSuchFileException ex) {
      throw new IOException(host.path() + ": disappeared while the layer was written; build again when the "
          + "environment is not being modified", ex);
    } catch (java.nio.file.AccessDeniedException ex) {
      throw new IOException(host.path() + ": cannot read it (permission denied); every file of the environment must "
          + "be readable by the user who builds", ex);
    }
  }
}
