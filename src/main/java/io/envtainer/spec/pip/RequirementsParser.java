package io.envtainer.spec.pip;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads pip requirements files with pip's own grammar (see pip's "Requirements File Format"): comments, blank
 * lines, {@code \} continuations, {@code -r}/{@code -c} includes, global and per-requirement options, PEP 508
 * specifiers with markers, URLs, VCS URLs, local paths and {@code -e}. {@code ${VAR}} is kept as written (pip
 * expands it at install time). Every error is one {@link SpecException} at file:line:column.
 */
public final class RequirementsParser {
  /** Files being read, outermost first: (absolute key, path as shown). */
  private final List<Path> openKeys = new ArrayList<>();
  private final List<Path> openNames = new ArrayList<>();

  private RequirementsParser() {}

  /** Reads a requirements file and, recursively, the files its {@code -r}/{@code -c} lines name. */
  public static Requirements parse(Path file) throws SpecException {
    return new RequirementsParser().readFile(file);
  }

  /**
   * Reads requirements-file lines given one by one (the {@code pip:} list of a conda environment.yml, an inline
   * list in a spec). Each entry is one line, options allowed, located at its location; includes are resolved
   * against {@code baseDir}. The result's {@code file} is null.
   */
  public static Requirements parseLines(List<String> lines, List<SourceLocation> locations, Path baseDir)
      throws SpecException {
    if (lines.size() != locations.size()) {
      throw new IllegalArgumentException(lines.size() + " lines but " + locations.size() + " locations");
    }
    RequirementsParser parser = new RequirementsParser();
    List<RequirementsLine> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      SourceLocation loc = locations.get(i);
      Path file = loc == null ? null : loc.file();
      int line = loc == null ? 0 : loc.line();
      int column = loc == null ? 0 : loc.column();
      for (LogicalLine l : LineJoiner.join(lines.get(i), file, line, column)) {
        out.addAll(LineParser.parse(l, parser.loader(baseDir)));
      }
    }
    return new Requirements(null, out);
  }

  /** Reads one requirement, such as {@code numpy>=1.26; python_version >= "3.10"} (no options, no comment). */
  public static Requirement parseRequirement(String text, SourceLocation location) throws SpecException {
    LogicalLine line = LogicalLine.of(text, location);
    int start = 0;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) start++;
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
    if (start == end) throw line.error(start, "expected a requirement, found nothing", "e.g. numpy>=1.26");
    if (text.charAt(start) == '-') {
      throw line.error(start, "expected a requirement, found an option", "options are not allowed here");
    }
    RequirementReader.Parts p = RequirementReader.read(line, start, end);
    return new Requirement(p.name(), p.extras(), p.specifier(), p.url(), p.kind(), false, p.marker(), List.of(),
        List.of(), null, line.at(start));
  }

  private Requirements readFile(Path file) throws SpecException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SpecException(SourceLocation.of(file, 0), "expected a requirements file, found no such file",
          "check the path");
    } catch (IOException e) {
      throw new SpecException(SourceLocation.of(file, 0), "expected a readable requirements file, found: "
          + e.getMessage(), null);
    }
    String text = TextDecoder.decode(bytes, file);
    openKeys.add(key(file));
    openNames.add(file);
    List<RequirementsLine> out = new ArrayList<>();
    Path dir = file.getParent();
    for (LogicalLine l : LineJoiner.join(text, file, 1, 1)) out.addAll(LineParser.parse(l, loader(dir)));
    openKeys.remove(openKeys.size() - 1);
    openNames.remove(openNames.size() - 1);
    return new Requirements(file, out);
  }

  private LineParser.IncludeLoader loader(Path dir) {
    return (kind, target, option, value) -> {
      Path resolved = resolve(target, dir, value);
      int open = openKeys.indexOf(key(resolved));
      if (open >= 0) {
        StringBuilder cycle = new StringBuilder();
        for (Path p : openNames.subList(open, openNames.size())) cycle.append(p).append(" -> ");
        cycle.append(resolved);
        throw new SpecException(option, "expected requirements files that do not include each other, found the"
            + " include cycle " + cycle, "remove one of the -r/-c lines of the cycle");
      }
      if (Files.isDirectory(resolved)) {
        throw new SpecException(value, "expected a file after " + kind.flag() + ", found the directory '" + target
            + "'", kind.flag() + " takes a requirements file; to install a local project write its path alone");
      }
      if (!Files.exists(resolved)) {
        throw new SpecException(value, "expected an existing file after " + kind.flag() + ", found '" + target
            + "' (no file " + resolved + ")", "paths after -r and -c are relative to the file that names them");
      }
      return readFile(resolved);
    };
  }

  private static Path resolve(String target, Path dir, SourceLocation at) throws SpecException {
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http:") || lower.startsWith("https:")) {
      throw new SpecException(at, "expected a local requirements file, found the URL '" + target + "'",
          "envtainer reads inputs without network access; download the file and include it by path");
    }
    if (lower.startsWith("file:")) {
      try {
        return Path.of(URI.create(target));
      } catch (IllegalArgumentException e) {
        throw new SpecException(at, "expected a file: URL like file:///abs/path, found '" + target + "'", null);
      }
    }
    Path p;
    try {
      p = Path.of(target);
    } catch (java.nio.file.InvalidPathException e) {
      throw new SpecException(at, "expected a file path, found '" + target + "'", e.getReason());
    }
    return (dir == null || p.isAbsolute() ? p : dir.resolve(p)).normalize();
  }

  /** Identity of a file for cycle detection: its real path when it exists. */
  private static Path key(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
