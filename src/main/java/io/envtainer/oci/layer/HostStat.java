package io.envtainer.oci.layer;

import java.io.IOException;
import java.lang.reflect.Field;
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

  /**
   * The stat fields of sun.nio.fs.UnixFileAttributes, read by reflection: in a JVM just started, a Field read costs
   * a third of a VarHandle read, which runs through method-handle adapters until it is compiled.
   */
  private record Fields(Field mode, Field ino, Field dev, Field nlink, Field size, Field mtimeSec, Field mtimeNsec,
      Field ctimeSec, Field ctimeNsec) {
    static Fields find() {
      try {
        Class<?> c = Class.forName("sun.nio.fs.UnixFileAttributes");
        return new Fields(field(c, "st_mode"), field(c, "st_ino"), field(c, "st_dev"), field(c, "st_nlink"),
            field(c, "st_size"), field(c, "st_mtime_sec"), field(c, "st_mtime_nsec"), field(c, "st_ctime_sec"),
            field(c, "st_ctime_nsec"));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null; // not opened to us, or another JDK: the portable way
      }
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
      Field f = c.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    }

    HostStat read(Path p) throws IOException {
      Object a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.getClass() != mode.getDeclaringClass()) return portable(p);
      try {
        return new HostStat(mode.getInt(a), dev.getLong(a), ino.getLong(a), nlink.getInt(a), size.getLong(a),
            mtimeSec.getLong(a) * 1_000_000_000L + mtimeNsec.getLong(a),
            ctimeSec.getLong(a) * 1_000_000_000L + ctimeNsec.getLong(a));
      } catch (IllegalAccessException e) {
        return portable(p);
      }
    }
  }
}
