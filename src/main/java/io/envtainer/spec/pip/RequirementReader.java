package io.envtainer.spec.pip;

import io.envtainer.spec.SpecException;
import java.util.List;

/**
 * One requirement (without options) classified the way pip's {@code parse_req_from_line} and
 * {@code parse_editable} do it: a URL, a local path or archive, or a PEP 508 specifier.
 */
final class RequirementReader {
  private RequirementReader() {}

  /** The parts of a requirement that come from its text. */
  record Parts(String name, List<String> extras, String specifier, String url, RequirementKind kind, String marker) {}

  /** Reads {@code line[start, end)}, already trimmed and non-empty. */
  static Parts read(LogicalLine line, int start, int end) throws SpecException {
    String s = line.text();
    String text = s.substring(start, end);
    boolean isUrl = Urls.isPipUrl(text);
    // pip splits the marker off first: at "; " after a URL (a URL may contain ';'), else at the first ';'.
    String sep = isUrl ? "; " : ";";
    int cut = text.indexOf(sep);
    String marker = null;
    int reqEnd = end;
    if (cut >= 0) {
      reqEnd = trimEnd(s, start, start + cut);
      int ms = start + cut + sep.length();
      while (ms < end && Character.isWhitespace(s.charAt(ms))) ms++;
      if (ms < end) {
        MarkerValidator.validate(new Cursor(line, ms, end, "marker"));
        marker = s.substring(ms, end);
      }
      if (reqEnd == start) throw line.error(start, "expected a requirement before ';', found ';'", null);
    }
    String req = s.substring(start, reqEnd);
    if (isUrl) return url(line, start, reqEnd, marker);
    String unknown = Urls.unknownScheme(req);
    if (unknown != null) {
      throw line.error(start, "expected a URL scheme pip supports (http, https, ftp, file, git+https, ...), found '"
          + unknown + "://'", Urls.schemeHint(unknown));
    }
    int extrasAt = extrasStart(req);
    String path = extrasAt < 0 ? req : req.substring(0, extrasAt);
    // pip takes a path-looking requirement as a path only when it is an archive or a directory; a non-archive
    // with blanks ("ml numpy/1.2") is not a directory anyone has, so it is read as PEP 508 (and refused there).
    boolean blanks = path.chars().anyMatch(Character::isWhitespace);
    if (Urls.isArchive(path) || (Urls.looksLikePath(req) && !blanks)) {
      int at = req.indexOf('@');
      boolean directReference = at >= 0 && !Urls.looksLikePath(req.substring(0, at));
      if (!directReference) return path(line, start, reqEnd, extrasAt, marker);
    }
    return pep508(line, start, reqEnd, marker);
  }

  /** {@code -e VALUE}: a local project directory, a {@code file:} URL or a VCS URL with {@code #egg=}. */
  static Parts editable(LogicalLine value) throws SpecException {
    String v = value.text();
    String scheme = Urls.scheme(v);
    if (scheme != null && (Urls.VCS_SCHEMES.contains(scheme) || Urls.VCS_NAMES.contains(scheme))) {
      Urls.checkCharacters(value, 0, v.length());
      String name = egg(value, 0, v);
      if (name == null) {
        throw value.error(v.length(), "expected '#egg=NAME' at the end of an editable VCS URL, found end of URL",
            "pip needs the project name of an editable VCS checkout: " + v + "#egg=NAME");
      }
      return new Parts(name, List.of(), "", v, RequirementKind.VCS, null);
    }
    if (scheme != null && (scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp"))) {
      throw value.error(0, "expected a local project path or a VCS URL (git+https://..., hg+..., svn+..., bzr+...)"
          + " after -e, found '" + v + "'", "only local projects and VCS checkouts can be installed editable");
    }
    String unknown = Urls.unknownScheme(v);
    if (unknown != null) {
      throw value.error(0, "expected a local project path or a VCS URL after -e, found '" + unknown + "://'",
          Urls.schemeHint(unknown));
    }
    int extrasAt = extrasStart(v);
    String path = extrasAt < 0 ? v : v.substring(0, extrasAt);
    List<String> extras = extrasAt < 0 ? List.of() : extrasOf(value, extrasAt, v.length());
    String name = scheme != null && scheme.equals("file") ? egg(value, 0, path) : null;
    return new Parts(name, extras, "", path, RequirementKind.PATH, null);
  }

  private static Parts url(LogicalLine line, int start, int end, String marker) throws SpecException {
    String url = line.text().substring(start, end);
    Urls.checkCharacters(line, start, end);
    RequirementKind kind = Urls.isVcs(url) ? RequirementKind.VCS
        : "file".equals(Urls.scheme(url)) ? RequirementKind.PATH : RequirementKind.URL;
    if (kind != RequirementKind.VCS) Urls.checkWheelName(line, start, url);
    return new Parts(egg(line, start, url), List.of(), "", url, kind, marker);
  }

  private static Parts path(LogicalLine line, int start, int end, int extrasAt, String marker)
      throws SpecException {
    String s = line.text();
    int pathEnd = extrasAt < 0 ? end : start + extrasAt;
    String path = s.substring(start, pathEnd);
    List<String> extras = extrasAt < 0 ? List.of() : extrasOf(line, pathEnd, end);
    Urls.checkWheelName(line, start, path);
    return new Parts(null, extras, "", path, RequirementKind.PATH, marker);
  }

  private static Parts pep508(LogicalLine line, int start, int end, String marker) throws SpecException {
    Pep508.Parsed p = Pep508.parse(new Cursor(line, start, end, "requirement"));
    if (p.url() == null) {
      return new Parts(p.name(), p.extras(), p.specifier(), null, RequirementKind.NAMED, marker);
    }
    if (!Urls.isPipUrl(p.url())) {
      throw line.error(p.urlStart(), "expected a URL after '@' (https://..., file:///..., git+https://...), found '"
          + p.url() + "'", Urls.looksLikePath(p.url())
              ? "write a local path on its own, without 'name @': " + p.url()
              : Urls.schemeHint(String.valueOf(Urls.scheme(p.url()))));
    }
    Urls.checkCharacters(line, p.urlStart(), p.urlStart() + p.url().length());
    RequirementKind kind = Urls.isVcs(p.url()) ? RequirementKind.VCS
        : "file".equals(Urls.scheme(p.url())) ? RequirementKind.PATH : RequirementKind.URL;
    if (kind != RequirementKind.VCS) Urls.checkWheelName(line, p.urlStart(), p.url());
    return new Parts(p.name(), p.extras(), "", p.url(), kind, marker);
  }

  /** The project name in pip's {@code [#&]egg=NAME} fragment, checked, or null. */
  private static String egg(LogicalLine line, int urlStart, String url) throws SpecException {
    int e = Urls.eggStart(url);
    if (e < 0) return null;
    int stop = Urls.eggEnd(url, e);
    Cursor c = new Cursor(line, urlStart + e, urlStart + stop, "egg fragment");
    String name = Pep508.name(c, "a project name after 'egg='");
    if (!c.atEnd()) {
      throw c.error(c.pos, "the end of the project name after 'egg='",
          "'#egg=' takes a bare project name; for extras write 'name[extra] @ URL'");
    }
    return name;
  }

  /** pip's {@code _strip_extras}: index of a final {@code [...]} (non-empty, no ']' inside), or -1. */
  static int extrasStart(String text) {
    if (!text.endsWith("]")) return -1;
    int open = text.lastIndexOf('[');
    if (open <= 0 || open >= text.length() - 2) return -1;
    return text.indexOf(']', open) == text.length() - 1 ? open : -1;
  }

  private static List<String> extrasOf(LogicalLine line, int open, int end) throws SpecException {
    Cursor c = new Cursor(line, open, end, "requirement");
    List<String> extras = Pep508.extras(c);
    if (!c.atEnd()) throw c.error(c.pos, "the end of the requirement after the extras", null);
    return extras;
  }

  private static int trimEnd(String s, int start, int end) {
    while (end > start && Character.isWhitespace(s.charAt(end - 1))) end--;
    return end;
  }
}
