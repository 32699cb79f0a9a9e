package io.envtainer.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.conda.Channel;
import io.envtainer.spec.conda.CondaDependency;
import io.envtainer.spec.conda.CondaEnvironment;
import io.envtainer.spec.conda.MatchSpec;
import io.envtainer.spec.conda.PipDependencies;
import io.envtainer.spec.pip.Requirements;
import io.envtainer.spec.pip.RequirementsLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the conda environment named by {@code $CONDA_PREFIX} from its files alone (no conda needed). */
public final class CondaProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** {@code https://conda.anaconda.org/CHANNEL[/label/L]/SUBDIR} and Anaconda's {@code repo.anaconda.com/pkgs/main/SUBDIR}. */
  private static final Pattern CHANNEL_URL =
      Pattern.compile("https?://(?:conda\\.anaconda\\.org|repo\\.anaconda\\.com|repo\\.prefix\\.dev)/(.+?)(?:/(noarch|[a-z]+-[a-z0-9_]+))?/?");
  private static final Set<String> SUBDIRS = Set.of("noarch", "linux-64", "linux-aarch64", "linux-ppc64le", "osx-64",
      "osx-arm64", "win-64", "linux-32", "win-32", "linux-armv7l", "linux-s390x");

  private CondaProbe() {}

  public static Optional<CondaInfo> fromEnvironment(Map<String, String> env) throws IOException {
    String p = env.get("CONDA_PREFIX");
    if (p == null || p.isBlank()) return Optional.empty();
    Path prefix = Path.of(p);
    String name = env.get("CONDA_DEFAULT_ENV");
    if (name == null || name.isBlank() || name.contains("/")) name = nameOf(prefix);
    return Optional.of(read(prefix, name));
  }

  /** A prefix's name: "base" for a root install (it has condabin/ or pkgs/), else its directory name. */
  static String nameOf(Path prefix) {
    if (Files.isDirectory(prefix.resolve("condabin")) || Files.isDirectory(prefix.resolve("pkgs"))) return "base";
    return prefix.getFileName() == null ? "base" : prefix.getFileName().toString();
  }

  public static CondaInfo read(Path prefix, String name) throws IOException {
    Path meta = prefix.resolve("conda-meta");
    if (!Files.isDirectory(meta)) throw new IOException(prefix + " is not a conda environment: it has no conda-meta/");
    List<CondaPackageRecord> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(meta)) {
      for (Path f : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()::iterator) {
        CondaPackageRecord r = record(f);
        if (r != null) records.add(r);
      }
    }
    records.sort(Comparator.comparing(CondaPackageRecord::name));
    List<InstalledDistribution> pipOnly = new ArrayList<>();
    String pythonVersion = records.stream().filter(r -> r.name().equals("python")).map(CondaPackageRecord::version)
        .findFirst().orElse(null);
    Path site = VenvProbe.sitePackages(prefix, pythonVersion);
    if (site != null) {
      Set<String> condaNames = new HashSet<>();
      for (CondaPackageRecord r : records) condaNames.add(InstalledDistribution.normalize(r.name()));
      for (InstalledDistribution d : InstalledDistributions.read(site)) {
        boolean byConda = "conda".equalsIgnoreCase(d.installer())
            || (d.installer() == null && condaNames.contains(d.normalizedName()));
        if (!byConda) pipOnly.add(d);
      }
    }
    return new CondaInfo(prefix, name, records, pipOnly, channelsByUse(records), variables(meta.resolve("state")));
  }

  static CondaPackageRecord record(Path file) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not a conda-meta JSON record: " + e.getMessage(), e);
    }
    if (n == null || !n.path("name").isTextual() || !n.path("version").isTextual()) return null;
    String url = text(n, "url");
    String subdir = text(n, "subdir");
    String channel = channelName(text(n, "channel"), url);
    if (subdir == null && url != null) {
      String[] parts = url.split("/");
      if (parts.length >= 2 && SUBDIRS.contains(parts[parts.length - 2])) subdir = parts[parts.length - 2];
    }
    return new CondaPackageRecord(n.path("name").asText(), n.path("version").asText(), text(n, "build"), channel,
        subdir, url, text(n, "requested_spec"), file);
  }

  /** The short channel name from the record's {@code channel} (a URL or a name) or, failing that, its {@code url}. */
  static String channelName(String channel, String url) {
    if (channel != null && !channel.contains("://")) return stripSubdir(channel);
    String source = channel != null ? channel : url;
    if (source == null) return null;
    if (channel == null && url != null) source = url.substring(0, Math.max(0, url.lastIndexOf('/')));
    Matcher m = CHANNEL_URL.matcher(source);
    if (m.matches()) return stripSubdir(m.group(1));
    return stripSubdir(source);
  }

  private static String stripSubdir(String c) {
    int slash = c.lastIndexOf('/');
    if (slash > 0 && SUBDIRS.contains(c.substring(slash + 1))) return c.substring(0, slash);
    return c;
  }

  private static List<String> channelsByUse(List<CondaPackageRecord> records) {
    Map<String, Integer> count = new LinkedHashMap<>();
    for (CondaPackageRecord r : records) if (r.channel() != null) count.merge(r.channel(), 1, Integer::sum);
    List<String> out = new ArrayList<>(count.keySet());
    out.sort(Comparator.comparing((String c) -> -count.get(c)));
    return out;
  }

  private static Map<String, String> variables(Path state) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(state)) return out;
    JsonNode vars = JSON.readTree(state.toFile()).path("env_vars");
    vars.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }

  /** The environment as {@code conda env export} would write it: exact MatchSpecs, a pip section, the prefix. */
  public static CondaEnvironment toEnvironment(CondaInfo info) {
    List<Channel> channels = new ArrayList<>();
    for (String c : info.channels()) channels.add(new Channel(c, SourceLocation.synthetic(info.prefix() + "/conda-meta")));
    List<CondaDependency> deps = new ArrayList<>();
    for (CondaPackageRecord r : info.packages()) {
      deps.add(new MatchSpec(r.exactSpec(), null, r.name(), r.version(), r.build(), Map.of(), null,
          new SourceLocation(r.file(), 0, 0)));
    }
    if (!info.pipOnly().isEmpty()) {
      List<RequirementsLine> lines = new ArrayList<>(PipRequirements.pinned(info.pipOnly()));
      deps.add(new PipDependencies(new Requirements(null, lines), SourceLocation.synthetic(info.prefix() + " site-packages")));
    }
    return new CondaEnvironment(null, info.name(), channels, deps, info.prefix().toString(), info.variables(),
        SourceLocation.synthetic("$CONDA_PREFIX"));
  }
}
