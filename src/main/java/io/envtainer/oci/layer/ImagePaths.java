package io.envtainer.oci.layer;

import java.util.ArrayDeque;
import java.util.Deque;

/** Paths inside an image: relative, '/'-separated, no leading slash. */
public final class ImagePaths {
  private ImagePaths() {}

  /** a/./b/../c → a/c; null when it climbs above the root. */
  public static String normalize(String path) {
    Deque<String> out = new ArrayDeque<>();
    for (String c : path.split("/")) {
      if (c.isEmpty() || c.equals(".")) continue;
      if (c.equals("..")) {
        if (out.isEmpty()) return null;
        out.pollLast();
      } else {
        out.addLast(c);
      }
    }
    return String.join("/", out);
  }

  /** An absolute image path ("/opt/env", "/") as an entry path ("opt/env", ""). */
  public static String relative(String absolute) {
    String n = normalize(absolute);
    return n == null ? "" : n;
  }

  /** prefix/rel, or rel when the prefix is empty. */
  public static String join(String prefix, String rel) {
    return prefix.isEmpty() ? rel : rel.isEmpty() ? prefix : prefix + "/" + rel;
  }
}
