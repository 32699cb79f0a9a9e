package io.envtainer.oci.layer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import io.envtainer.util.Sha256;

/**
 * A layer's cache key, computed without reading file content: everything that goes into the tar header of every
 * entry, plus, for host files, the inode and its change time (ctime). The kernel sets ctime on every write, rename
 * into place or metadata change, and no user tool can set it back, so an unchanged key means unchanged content,
 * even when a tool preserved the modification time (jib's cache keys on mtime alone and misses such changes).
 * Generated content is hashed.
 */
final class LayerKey {
  /** Bumped whenever the tar writer's output for the same entries changes. */
  private static final String FORMAT = "envtainer-layer-1";

  private LayerKey() {}

  static String of(LayerContent layer, int compressionLevel) {
    MessageDigest md = sha256();
    md.update((FORMAT + " level=" + compressionLevel + "\n").getBytes(StandardCharsets.UTF_8));
    StringBuilder b = new StringBuilder(256);
    for (Entry e : layer.entries()) {
      b.setLength(0);
      b.append(e.type()).append(' ').append(e.path().length()).append(':').append(e.path())
          .append(' ').append(Integer.toOctalString(e.mode())).append(' ').append(e.mtime()).append(' ')
          .append(e.size());
      if (e.linkTarget() != null) b.append(" -> ").append(e.linkTarget().length()).append(':').append(e.linkTarget());
      if (e.source() instanceof Entry.Source.HostFile && e.stat() != null) {
        Entry.Stat s = e.stat();
        b.append(" dev=").append(s.device()).append(" ino=").append(s.inode()).append(" mtime=")
            .append(s.mtimeNanos()).append(" ctime=").append(s.ctimeNanos());
      } else if (e.source() instanceof Entry.Source.Bytes bytes) {
        b.append(" sha256=").append(HexFormat.of().formatHex(sha256().digest(bytes.data())));
      }
      b.append('\n');
      md.update(b.toString().getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** True when a host file of the layer changed so recently that a later write could keep the same ctime. */
  static boolean racy(LayerContent layer, long notBeforeNanos) {
    for (Entry e : layer.entries()) {
      if (e.stat() != null && e.stat().ctimeNanos() >= notBeforeNanos) return true;
    }
    return false;
  }

  static MessageDigest sha256() {
    return Sha256.newDigest();
  }
}
