package io.envtainer.oci.layer;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * lstat(2) of a host path, the fields a layer needs. The JDK gives the full mode, the inode, the link count and the
 * change time only through its "unix:" attribute map, which costs a cold JVM more than the system call; when
 * java.base opens sun.nio.fs to us (bin/envtainer passes --add-opens), the same stat's fields are read directly.
 */
record HostStat(int mode, long device, long inode, long nlink, long size, long mtimeNanos, long ctimeNanos) {
  private static final String ATTRIBUTES = "unix:mode,ino,dev,nlink,size,lastModifiedTime,ctime";
  private static final Fields FIELDS = Fields.find();

  /** True when the stat fields are read directly (java.base opens sun.nio.fs to envtainer). */
  static boolean direct() {
    return FIELDS != null;
  }

  static HostStat of(Path p) throws IOException {
    return FIELDS != null ? FIELDS.read(p) : portable(p);
  }

  /** Through the public attribute API (always works). */
  static HostStat portable(Path p) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    return new HostStat((Integer) a.get("mode"), (Long) a.get("dev"), (Long) a.get("ino"),
        ((Number) a.get("nlink")).longValue(), (Long) a.get("size"),
        ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS), ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS));
  }

  /** The stat fields of sun.nio.fs.UnixFileAttributes. */
  private record Fields(VarHandle mode, VarHandle ino, VarHandle dev, VarHandle nlink, VarHandle size,
      VarHandle mtimeSec, VarHandle mtimeNsec, VarHandle ctimeSec, VarHandle ctimeNsec) {
    static Fields find() {
      try {
        Class<?> c = Class.forName("sun.nio.fs.UnixFileAttributes");
        MethodHandles.Lookup l = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
        return new Fields(l.findVarHandle(c, "st_mode", int.class), l.findVarHandle(c, "st_ino", long.class),
            l.findVarHandle(c, "st_dev", long.class), l.findVarHandle(c, "st_nlink", int.class),
            l.findVarHandle(c, "st_size", long.class), l.findVarHandle(c, "st_mtime_sec", long.class),
            l.findVarHandle(c, "st_mtime_nsec", long.class), l.findVarHandle(c, "st_ctime_sec", long.class),
            l.findVarHandle(c, "st_ctime_nsec", long.class));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null; // not opened to us, or another JDK: the portable way
      }
    }

    HostStat read(Path p) throws IOException {
      Object a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.getClass().getName().equals("sun.nio.fs.UnixFileAttributes")) return portable(p);
      return new HostStat((int) mode.get(a), (long) dev.get(a), (long) ino.get(a), (int) nlink.get(a),
          (long) size.get(a), (long) mtimeSec.get(a) * 1_000_000_000L + (long) mtimeNsec.get(a),
          (long) ctimeSec.get(a) * 1_000_000_000L + (long) ctimeNsec.get(a));
    }
  }
}
