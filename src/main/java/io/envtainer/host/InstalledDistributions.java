package io.envtainer.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists what a site-packages directory holds by reading metadata files, without running pip (fast, and works
 * for interpreters that have no pip): {@code *.dist-info/METADATA} (+ INSTALLER, direct_url.json) and
 * {@code *.egg-info/PKG-INFO} or a single-file {@code *.egg-info}.
 */
public final class InstalledDistributions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InstalledDistributions() {}

  /** The distributions in {@code dir}, sorted by normalised name; empty when the directory does not exist. */
  public static List<InstalledDistribution> read(Path dir) throws IOException {
    List<InstalledDistribution> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
        String f = p.getFileName().toString();
        InstalledDistribution d = null;
        if (f.endsWith(".dist-info") && Files.isDirectory(p)) d = fromDistInfo(p);
        else if (f.endsWith(".egg-info")) d = fromEggInfo(p);
        if (d != null) out.add(d);
      }
    }
    out.sort(Comparator.comparing(InstalledDistribution::normalizedName));
    return out;
  }

  private static InstalledDistribution fromDistInfo(Path dir) throws IOException {
    Path metadata = dir.resolve("METADATA");
    if (!Files.isRegularFile(metadata)) return null;
    String[] nv = nameAndVersion(metadata);
    if (nv == null) return null;
    return new InstalledDistribution(nv[0], nv[1], dir, readTrimmed(dir.resolve("INSTALLER")),
        directUrl(dir.resolve("direct_url.json")));
  }

  private static InstalledDistribution fromEggInfo(Path p) throws IOException {
    Path pkgInfo = Files.isDirectory(p) ? p.resolve("PKG-INFO") : p;
    if (!Files.isRegularFile(pkgInfo)) return null;
    String[] nv = nameAndVersion(pkgInfo);
    if (nv == null) return null;
    String installer = Files.isDirectory(p) ? readTrimmed(p.resolve("INSTALLER")) : null;
    return new InstalledDistribution(nv[0], nv[1], p, installer, null);
  }

  /** Name and Version from the RFC 822 header block of a METADATA or PKG-INFO file. */
  static String[] nameAndVersion(Path file) throws IOException {
    String name = null;
    String version = null;
    byte[] bytes = Files.readAllBytes(file);
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
      if (line.isEmpty()) break;
      if (name == null && line.regionMatches(true, 0, "Name:", 0, 5)) name = line.substring(5).trim();
      else if (version == null && line.regionMatches(true, 0, "Version:", 0, 8)) version = line.substring(8).trim();
    }
    return name == null || name.isEmpty() || version == null ? null : new String[] {name, version};
  }

  private static String readTrimmed(Path file) throws IOException {
    if (!Files.isRegularFile(file)) return null;
    String s = Files.readString(file, StandardCharsets.UTF_8).trim();
    return s.isEmpty() ? null : s;
  }

  private static InstalledDistribution.DirectUrl directUrl(Path file) throws IOException {
    if (!Files.isRegularFile(file)) return null;
    JsonNode n;
    try {
      n = JSON.readTree(file.toFile());
    } catch (IOException malformed) {
      return null;
    }
    if (n == null || !n.path("url").isTextual()) return null;
    JsonNode vcs = n.path("vcs_info");
    return new InstalledDistribution.DirectUrl(n.path("url").asText(), n.path("dir_info").path("editable").asBoolean(false),
        vcs.path("vcs").isTextual() ? vcs.path("vcs").asText() : null,
        vcs.path("commit_id").isTextual() ? vcs.path("commit_id").asText() : null, n.has("archive_info"));
  }
}
