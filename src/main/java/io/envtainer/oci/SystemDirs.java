package io.envtainer.oci;

import java.util.Set;

/**
 * Top-level directories of a base image that an added layer must not create entries in: in merged-/usr systems
 * some are symlinks (/lib → usr/lib), and a directory entry in a layer would replace the base's symlink.
 */
final class SystemDirs {
  private static final Set<String> TOP = Set.of("bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr", "etc", "var",
      "dev", "proc", "sys", "run", "tmp", "boot", "root");

  private SystemDirs() {}

  /** True for an entry path (no leading slash) inside a system directory, or that directory itself. */
  static boolean isSystem(String path) {
    int slash = path.indexOf('/');
    return TOP.contains(slash < 0 ? path : path.substring(0, slash));
  }
}
