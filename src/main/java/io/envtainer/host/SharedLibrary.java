package io.envtainer.host;

import java.nio.file.Path;
import java.util.Set;

/**
 * One library of a dependency closure, as the dynamic loader resolved it.
 *
 * @param soname the name asked for ({@code libhwloc.so.15}) or, for the loader, its path's file name
 * @param path where it was found, or null when not found
 */
public record SharedLibrary(String soname, Path path, Kind kind) {

  /** Who must provide the library inside the container. */
  public enum Kind {
    /** glibc's own libraries and the loader: always the image's, never bound (they must match each other). */
    GLIBC,
    /** GCC's runtime (libgcc_s, libstdc++...): the image's too, binding an older one breaks the image's programs. */
    COMPILER_RUNTIME,
    /** Anything else: bound from the host in bind mode. */
    HOST
  }

  private static final Set<String> GLIBC = Set.of("libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2",
      "librt.so.1", "libresolv.so.2", "libutil.so.1", "libanl.so.1", "libnsl.so.1", "libmvec.so.1", "libBrokenLocale.so.1",
      "libthread_db.so.1", "libcrypt.so.1", "libc_malloc_debug.so.0", "libmemusage.so", "libpcprofile.so");
  private static final Set<String> RUNTIME = Set.of("libgcc_s.so.1", "libstdc++.so.6", "libgfortran.so.5",
      "libgfortran.so.4", "libgfortran.so.3", "libquadmath.so.0", "libgomp.so.1", "libatomic.so.1");

  public static Kind classify(String soname) {
    if (soname.startsWith("ld-linux") || soname.startsWith("ld64.so") || soname.startsWith("libnss_")
        || GLIBC.contains(soname)) {
      return Kind.GLIBC;
    }
    if (RUNTIME.contains(soname)) return Kind.COMPILER_RUNTIME;
    return Kind.HOST;
  }

  public boolean found() {
    return path != null;
  }
}
