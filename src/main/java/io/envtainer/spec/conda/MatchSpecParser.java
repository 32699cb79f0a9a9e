package io.envtainer.spec.conda;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.util.Map;

/**
 * Parses a conda MatchSpec the way conda's {@code _parse_spec_str} does:
 * {@code (channel(/subdir)::)name(version(build))([key=value,...])}, where version and build are separated by a
 * space or '=' ({@code numpy 1.26.4 py311h64a7726_0}, {@code numpy=1.26.4=py311h64a7726_0}). The version is stored
 * as conda matches it: {@code =1.2} (fuzzy) becomes {@code 1.2.*}, {@code ==1.2} without a build becomes
 * {@code 1.2} (a bare version is an exact match in conda), spaces are removed. A {@code [version=...]},
 * {@code [build=...]}, {@code [channel=...]} or {@code [name=...]} entry overrides the value outside the brackets,
 * as in conda. A {@code #} ends the spec (conda ignores the rest), and so does {@code " if "}. A conda package file
 * or URL ({@code .../numpy-1.26.4-py311h64a7726_0.conda}) gives name, version and build from the file name.
 * The single-colon namespace form ({@code ns:name}, {@code channel:ns:name}) is accepted and the namespace
 * ignored, as conda does.
 */
public final class MatchSpecParser {
  private static final String VERSION_START = " =<>!~";
  private static final String NOT_BEFORE_BUILD = "=!|,<>~";
  private static final String NOT_IN_BUILD = "-=,|<>~";

  private MatchSpecParser() {}

  /**
   * @param raw the spec as written; surrounding whitespace is dropped
   * @param location where the first character of {@code raw} is
   */
  public static MatchSpec parse(String raw, SourceLocation location) throws SpecException {
    String trimmed = raw.strip();
    int lead = trimmed.isEmpty() ? 0 : raw.indexOf(trimmed.charAt(0));
    SpecText spec = new SpecText(trimmed, shift(location, lead));
    if (trimmed.isEmpty()) throw spec.error(0, "expected a package name, found nothing");
    int end = bodyEnd(trimmed);
    if (end == 0) throw spec.error(0, "expected a package name, found " + spec.found(0));

    Map<String, String> brackets = Map.of();
    int open = trimmed.indexOf('[');
    int stray = trimmed.indexOf(']');
    if (open >= 0 && open < end) {
      int close = BracketSyntax.closing(trimmed, open);
      if (close < 0 || close >= end) throw spec.error(open, "expected ']' to close the '[' here, found nothing");
      if (!trimmed.substring(close + 1, end).isBlank()) {
        throw spec.error(close + 1, "expected the [...] part at the end of the spec, found text after ']'");
      }
      brackets = BracketSyntax.parse(spec, open + 1, close);
      end = open;
    } else if (stray >= 0 && stray < end) {
      throw spec.error(stray, "expected '[' before ']', found a ']' alone");
    }
    while (end > 0 && Character.isWhitespace(trimmed.charAt(end - 1))) end--;

    Parts p = PackageFileSpec.isPackageFile(trimmed.substring(0, end))
        ? PackageFileSpec.parse(spec, end)
        : parts(spec, end);
    String channel = brackets.getOrDefault("channel", p.channel);
    String name = brackets.getOrDefault("name", p.name);
    String version = brackets.getOrDefault("version", p.version);
    String build = brackets.getOrDefault("build", p.build);
    return new MatchSpec(trimmed, channel, name, version, build, brackets, null, location);
  }

  /** Channel, name, version and build of {@code spec.text[0, end)}. */
  record Parts(String channel, String name, String version, String build) {}

  private static Parts parts(SpecText spec, int end) throws SpecException {
    String t = spec.text;
    String channel = null;
    int nameStart = 0;
    int last = t.lastIndexOf(':', end - 1);
    if (last >= 0) {
      int before = last == 0 ? -1 : t.lastIndexOf(':', last - 1);
      if (before >= 0) {
        channel = t.substring(0, before);
        if (channel.isBlank()) {
          throw spec.error(0, "expected a channel name before '::', found nothing",
              "write conda-forge::name, or leave out the '::'");
        }
      }
      nameStart = last + 1;
    }
    int nameEnd = nameStart;
    while (nameEnd < end && VERSION_START.indexOf(t.charAt(nameEnd)) < 0) nameEnd++;
    checkName(spec, nameStart, nameEnd);
    String name = t.substring(nameStart, nameEnd);
    int restStart = nameEnd;
    while (restStart < end && Character.isWhitespace(t.charAt(restStart))) restStart++;
    if (restStart >= end) return new Parts(channel, name, null, null);

    int split = buildSplit(t, restStart, end);
    String build = null;
    int versionEnd = end;
    if (split >= 0) {
      int buildStart = split + 1;
      while (Character.isWhitespace(t.charAt(buildStart))) buildStart++;
      VersionSyntax.checkBuild(spec, buildStart, end);
      build = t.substring(buildStart, end);
      versionEnd = split;
    }
    VersionSyntax.check(spec, restStart, versionEnd);
    String version = t.substring(restStart, versionEnd).replaceAll("\\s+", "");
    return new Parts(channel, name, condaVersion(version, build), build);
  }

  /**
   * Where version and build separate: the first ' ' or '=' not right after an operator, followed by text free of
   * operators (conda's {@code _parse_version_plus_build}); -1 when there is no build.
   */
  private static int buildSplit(String t, int from, int end) {
    for (int p = from + 1; p < end; p++) {
      char c = t.charAt(p);
      if ((c != ' ' && c != '=') || NOT_BEFORE_BUILD.indexOf(t.charAt(p - 1)) >= 0) continue;
      String build = t.substring(p + 1, end);
      if (build.isBlank()) continue;
      boolean clean = build.chars().noneMatch(ch -> NOT_IN_BUILD.indexOf(ch) >= 0);
      if (clean) return p;
    }
    return -1;
  }

  /** conda's reading of a leading '=': {@code =1.2} is fuzzy (1.2.*), {@code ==1.2} alone is exact. */
  private static String condaVersion(String version, String build) {
    if (!version.startsWith("=")) return version;
    String rest = version.substring(1);
    if (version.startsWith("==") && build == null) return version.substring(2);
    if (rest.contains("=") || rest.contains(",") || rest.contains("|")) return version;
    if (build != null) return rest;
    if (rest.endsWith(".*")) return rest;
    if (rest.endsWith("*")) return rest.substring(0, rest.length() - 1) + ".*";
    return rest + ".*";
  }

  static void checkName(SpecText spec, int from, int end) throws SpecException {
    if (from >= end) throw spec.error(from, "expected a package name, found " + spec.found(from));
    for (int i = from; i < end; i++) {
      char c = spec.text.charAt(i);
      if (!(Character.isLetterOrDigit(c) || "_.-+*".indexOf(c) >= 0)) {
        throw spec.error(i, "expected a package name (letters, digits, '-', '_', '.'), found '" + c + "'");
      }
    }
  }

  /** Where the spec proper ends: before a '#' comment or a " if " condition, trailing spaces dropped. */
  private static int bodyEnd(String t) {
    int end = t.length();
    int hash = t.indexOf('#');
    if (hash >= 0) end = hash;
    int cond = t.indexOf(" if ");
    if (cond >= 0 && cond < end) end = cond;
    while (end > 0 && Character.isWhitespace(t.charAt(end - 1))) end--;
    return end;
  }

  private static SourceLocation shift(SourceLocation l, int by) {
    if (l == null || l.column() <= 0 || by == 0) return l;
    return new SourceLocation(l.file(), l.line(), l.column() + by);
  }
}
