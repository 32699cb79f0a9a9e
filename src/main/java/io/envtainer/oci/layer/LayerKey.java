package io.envtainer.oci.layer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * A layer's cache key, made without reading file content: everything that goes into the tar header of every entry,
 * plus, for host files, the inode and its change time (ctime), and generated content itself. The kernel sets ctime
 * on every write, rename into place or metadata change, and no user tool can set it back, so an unchanged key means
 * unchanged content, even when a tool kept the modification time (jib's cache keys on mtime alone and misses such
 * changes).
 *
 * <p>The cache compares keys byte for byte ({@code material}); {@code id} (a CRC and the length) only names the
 * record. Hashing would be no safer and costs a cold JVM more than the comparison.
 */
record LayerKey(String id, byte[] material) {
  /** Bumped whenever the tar writer's output for the same entries changes. */
  private static final String FORMAT = "envtainer-layer-3";

  static LayerKey of(LayerContent layer, int compressionLevel) {
    int estimate = 64;
    for (Entry e : layer.entries()) {
      estimate += 80 + e.path().length() + (e.linkTarget() == null ? 0 : e.linkTarget().length());
      if (e.source() instanceof Entry.Source.Bytes b) estimate += b.data().length;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(estimate);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(FORMAT + " level=" + compressionLevel);
      for (Entry e : layer.entries()) {
        string(out, e.path());
        out.writeByte(e.type().ordinal());
        out.writeInt(e.mode());
        out.writeLong(e.mtime());
        out.writeLong(e.size());
        string(out, e.linkTarget() == null ? "" : e.linkTarget());
        if (e.source() instanceof Entry.Source.HostFile && e.stat() != null) {
          Entry.Stat s = e.stat();
          out.writeByte(1);
          out.writeLong(s.device());
          out.writeLong(s.inode());
          out.writeLong(s.mtimeNanos());
          out.writeLong(s.ctimeNanos());
        } else if (e.source() instanceof Entry.Source.Bytes b) {
          out.writeByte(2);
          out.writeInt(b.data().length);
          out.write(b.data());
        } else {
          out.writeByte(0);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] material = bytes.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(material);
    return new LayerKey(String.format("%08x-%d", crc.getValue(), material.length), material);
  }

  /** A length-prefixed UTF-8 string (writeUTF stops at 64 KB). */
  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** True when a host file of the layer changed so recently that a later write could keep the same ctime. */
  static boolean racy(LayerContent layer, long notBeforeNanos) {
    for (Entry e : layer.entries()) {
      if (e.stat() != null && e.stat().ctimeNanos() >= notBeforeNanos) return true;
    }
    return false;
  }
}
