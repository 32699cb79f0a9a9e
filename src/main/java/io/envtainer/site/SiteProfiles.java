package io.envtainer.site;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The site profiles envtainer knows: those of a directory ({@code --recipes DIR}, else {@code $ENVTAINER_RECIPES})
 * first, then the ones bundled in the jar (copied from the repository's {@code recipes/} at build time). A profile
 * in the directory hides a bundled one of the same name. Every profile is validated when the registry is built.
 */
public final class SiteProfiles {
  static final String BUNDLED = "/io/envtainer/recipes/";

  /** A profile with its YAML text as written. */
  public record Entry(SiteProfile profile, String yaml, boolean bundled) {}

  private final Map<String, Entry> entries;

  private SiteProfiles(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /**
   * The registry for {@code dir} (null: take {@code $ENVTAINER_RECIPES} from {@code env}, if set) plus the bundled
   * profiles.
   */
  public static SiteProfiles load(Path dir, Map<String, String> env) throws SpecException {
    Map<String, Entry> out = new LinkedHashMap<>();
    Path d = dir;
    if (d == null && env.get("ENVTAINER_RECIPES") != null && !env.get("ENVTAINER_RECIPES").isBlank()) {
      d = Path.of(env.get("ENVTAINER_RECIPES"));
    }
    if (d != null) {
      if (!Files.isDirectory(d)) {
        throw new SpecException(SourceLocation.of(d, 0), "expected a directory of site profiles, found "
            + (Files.exists(d) ? "a file" : "nothing"), dir != null ? "check --recipes" : "check $ENVTAINER_RECIPES");
      }
      addDirectory(d, out, false);
    }
    addBundled(out);
    return new SiteProfiles(out);
  }

  /** Only the bundled profiles. */
  public static SiteProfiles bundled() throws SpecException {
    Map<String, Entry> out = new LinkedHashMap<>();
    addBundled(out);
    return new SiteProfiles(out);
  }

  /** Only the profiles of {@code dir}. */
  public static SiteProfiles directory(Path dir) throws SpecException {
    Map<String, Entry> out = new LinkedHashMap<>();
    addDirectory(dir, out, false);
    return new SiteProfiles(out);
  }

  public List<SiteProfile> list() {
    return entries.values().stream().map(Entry::profile).sorted(java.util.Comparator.comparing(SiteProfile::name)).toList();
  }

  public Optional<Entry> entry(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  public Optional<SiteProfile> find(String name) {
    return entry(name).map(Entry::profile);
  }

  /** The profile called {@code name}, or a usage error that lists the known ones. */
  public SiteProfile require(String name) throws SpecException {
    return find(name).orElseThrow(() -> new SpecException(SourceLocation.synthetic("site"),
        "unknown site profile '" + name + "'", "known: " + String.join(", ", entries.keySet())));
  }

  private static void addDirectory(Path dir, Map<String, Entry> out, boolean bundled) throws SpecException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new SpecException(SourceLocation.of(dir, 0), "cannot list site profiles: " + e.getMessage(), null);
    }
    for (Path f : files) {
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new SpecException(SourceLocation.of(f, 0), "cannot read site profile: " + e.getMessage(), null);
      }
      Path shown = bundled ? Path.of("bundled:" + f.getFileName()) : f;
      SiteProfile p = SiteProfileLoader.parse(shown, text);
      out.putIfAbsent(p.name(), new Entry(p, text, bundled));
    }
  }

  private static void addBundled(Map<String, Entry> out) throws SpecException {
    URL url = SiteProfiles.class.getResource(BUNDLED);
    if (url == null) return;
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem fs;
        try {
          fs = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          fs = FileSystems.newFileSystem(uri, Map.of());
        }
        addDirectory(fs.getPath(BUNDLED), out, true);
      } else {
        addDirectory(Path.of(uri), out, true);
      }
    } catch (URISyntaxException | IOException e) {
      throw new SpecException(SourceLocation.synthetic("bundled recipes"), "cannot read the bundled site profiles: "
          + e.getMessage(), null);
    }
  }
}
