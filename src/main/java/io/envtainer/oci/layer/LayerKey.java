package io.envtainer.oci.layer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    Material out = new Material(estimate);
    byte[] format = (FORMAT + " level=" + compressionLevel).getBytes(StandardCharsets.UTF_8);
    out.putShort(format.length);
    out.put(format);
    for (Entry e : layer.entries()) {
      out.putString(e.path());
      out.putByte(e.type().ordinal());
      out.putInt(e.mode());
      out.putLong(e.mtime());
      out.putLong(e.size());
      out.putString(e.linkTarget() == null ? "" : e.linkTarget());
      if (e.source() instanceof Entry.Source.HostFile && e.stat() != null) {
        Entry.Stat st = e.stat();
        out.putByte(1);
        out.putLong(st.device());
        out.putLong(st.inode());
        out.putLong(st.mtimeNanos());
        out.putLong(st.ctimeNanos());
      } else if (e.source() instanceof Entry.Source.Bytes b) {
        out.putByte(2);
        out.putInt(b.data().length);
        out.put(b.data());
      } else {
        out.putByte(0);
      }
    }
    byte[] material = out.bytes();
    CRC32C crc = new CRC32C();
    crc.update(material);
    return new LayerKey(String.format("%08x-%d", crc.getValue(), material.length), material);
  }

  /**
   * The key's bytes, big-endian as DataOutputStream writes them (keys in existing caches stay valid), without its
   * per-byte locking: a rebuild makes the keys of every layer, tens of thousands of entries, in a JVM just started.
   */
  private static final class Material {
    private byte[] buf;
    private int n;

    Material(int capacity) {
      buf = new byte[capacity];
    }

    private void room(int more) {
      if (n + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
    }

    void putByte(int v) {
      room(1);
      buf[n++] = (byte) v;
    }

    void putShort(int v) {
      room(2);
      buf[n++] = (byte) (v >>> 8);
      buf[n++] = (byte) v;
    }

    void putInt(int v) {
      room(4);
      for (int shift = 24; shift >= 0; shift -= 8) buf[n++] = (byte) (v >>> shift);
    }

    void putLong(long v) {
      room(8);
      for (int shift = 56; shift >= 0; shift -= 8) buf[n++] = (byte) (v >>> shift);
    }

    void put(byte[] b) {
      room(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
    }

    /** A length-prefixed UTF-8 string (no 64 KB limit, unlike writeUTF). */
    void putString(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      putInt(b.length);
      put(b);
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, n);
    }
  }

  /** True when a host file of the layer changed so recently that a later write could keep the same ctime. */
  static boolean racy(LayerContent layer, long notBeforeNanos) {
    for (Entry e : layer.entries()) {
      if (e.stat() != null && e.stat().ctimeNanos() >= notBeforeNanos) return true;
    }
    return false;
  }
}
