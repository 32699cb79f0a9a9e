package io.envtainer.spec.pip;

import io.envtainer.spec.SpecException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** URL facts pip uses to tell URLs, VCS URLs, archives and paths apart (pip's vcs schemes and filetypes). */
final class Urls {
  private Urls() {}

  /** Every VCS scheme pip's git, hg, svn and bzr backends register. */
  static final Set<String> VCS_SCHEMES = Set.of(
      "git+http", "git+https", "git+ssh", "git+git", "git+file",
      "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http",
      "svn+ssh", "svn+http", "svn+https", "svn+svn", "svn+file",
      "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp", "bzr+file");

  /** VCS names an editable URL may start with; pip turns {@code git://} into {@code git+git://}. */
  static final Set<String> VCS_NAMES = Set.of("git", "hg", "svn", "bzr");

  private static final Set<String> PLAIN_SCHEMES = Set.of("http", "https", "file", "ftp");

  /** pip's archive extensions ({@code is_archive_file}). */
  private static final List<String> ARCHIVES = List.of(
      ".zip", ".whl", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma", ".tar.gz", ".tgz",
      ".tar");

  /** pip's {@code get_url_scheme}: the text before the first ':' in lower case, or null. */
  static String scheme(String text) {
    int colon = text.indexOf(':');
    return colon < 0 ? null : text.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  /** pip's {@code is_url}. */
  static boolean isPipUrl(String text) {
    String s = scheme(text);
    return s != null && (PLAIN_SCHEMES.contains(s) || VCS_SCHEMES.contains(s));
  }

  static boolean isVcs(String text) {
    String s = scheme(text);
    return s != null && VCS_SCHEMES.contains(s);
  }

  /** A {@code scheme://} prefix that pip does not know ({@code s3://}, {@code git://}), or null. */
  static String unknownScheme(String text) {
    int i = 0;
    if (text.isEmpty() || !isAsciiLetter(text.charAt(0))) return null;
    while (i < text.length() && (isAsciiLetter(text.charAt(i)) || Character.isDigit(text.charAt(i))
        || "+.-".indexOf(text.charAt(i)) >= 0)) i++;
    if (!text.startsWith("://", i)) return null;
    String s = text.substring(0, i).toLowerCase(Locale.ROOT);
    return PLAIN_SCHEMES.contains(s) || VCS_SCHEMES.contains(s) ? null : s;
  }

  static String schemeHint(String scheme) {
    if (VCS_NAMES.contains(scheme)) {
      return "write the VCS scheme in full, e.g. " + scheme + "+https://host/repo"
          + (scheme.equals("git") ? " or git+git://host/repo" : "");
    }
    return "pip installs from http(s), ftp, file and git+/hg+/svn+/bzr+ URLs; download the file and use a path";
  }

  static boolean isArchive(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    for (String ext : ARCHIVES) if (p.endsWith(ext)) return true;
    return false;
  }

  /** pip's {@code _looks_like_path}: a separator, or a leading dot. */
  static boolean looksLikePath(String name) {
    return name.indexOf('/') >= 0 || name.startsWith(".");
  }

  /** Index of the value of pip's {@code [#&]egg=} fragment, or -1. */
  static int eggStart(String url) {
    for (int i = url.indexOf("egg="); i >= 0; i = url.indexOf("egg=", i + 1)) {
      if (i > 0 && (url.charAt(i - 1) == '#' || url.charAt(i - 1) == '&')) return i + 4;
    }
    return -1;
  }

  static int eggEnd(String url, int eggStart) {
    int amp = url.indexOf('&', eggStart);
    return amp < 0 ? url.length() : amp;
  }

  /** Checks that a URL has no characters a URL cannot hold (spaces, quotes, angle brackets, backslashes). */
  static void checkCharacters(LogicalLine line, int start, int end) throws SpecException {
    String s = line.text();
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        Cursor cur = new Cursor(line, i, end, "line");
        cur.skipBlanks();
        throw cur.error(cur.pos, "the end of the URL", "separate an environment marker from a URL with ' ; '");
      }
      if (c < 0x20 || "\"<>\\^`|".indexOf(c) >= 0) {
        throw line.error(i, "expected a URL character, found '" + c + "'",
            "percent-encode it (e.g. %" + String.format("%02X", (int) c) + ")");
      }
    }
  }

  /** The file name of a URL or path: last segment, without query and fragment. */
  static String fileName(String url) {
    String u = url;
    int cut = u.indexOf('#');
    if (cut >= 0) u = u.substring(0, cut);
    cut = u.indexOf('?');
    if (cut >= 0) u = u.substring(0, cut);
    int slash = u.lastIndexOf('/');
    return u.substring(slash + 1);
  }

  /**
   * Checks a wheel file name has the five or six dash-separated parts pip needs to read the project name and
   * version from it ({@code NAME-VERSION[-BUILD]-PYTAG-ABITAG-PLATFORM.whl}).
   */
  static void checkWheelName(LogicalLine line, int urlStart, String url) throws SpecException {
    String name = fileName(url);
    if (!name.toLowerCase(Locale.ROOT).endsWith(".whl") || Pep440.hasEnvironmentVariable(name)) return;
    String stem = name.substring(0, name.length() - 4);
    String[] parts = stem.split("-", -1);
    boolean ok = parts.length == 5 || parts.length == 6;
    for (String p : parts) ok &= !p.isEmpty();
    if (!ok) {
      int at = urlStart + url.lastIndexOf(name);
      throw line.error(at, "expected a wheel file name NAME-VERSION-PYTAG-ABITAG-PLATFORM.whl, found '" + name + "'",
          "pip reads the project name and version from the wheel's file name; keep the name the wheel was built"
              + " with");
    }
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
