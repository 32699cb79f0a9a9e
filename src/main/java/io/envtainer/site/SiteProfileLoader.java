package io.envtainer.site;

import io.envtainer.spec.MpiFamily;
import io.envtainer.spec.MpiMode;
import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import io.envtainer.spec.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a site profile YAML file strictly: unknown keys, wrong types and unknown values are errors with file:line:col. */
public final class SiteProfileLoader {
  private static final Set<String> TOP = Set.of("name", "description", "mpi", "binds", "env", "launchers", "modules",
      "base_image", "conda_external_mpi", "notes");
  private static final Set<String> MPI = Set.of("family", "version", "abi", "mode", "install", "image_prefix",
      "host_prefix", "binds", "library_path");
  private static final Set<String> MPI_BINDS = Set.of("directories", "libraries", "probe");
  private static final Set<String> LAUNCHER = Set.of("name", "command", "description");
  private static final Set<String> MODULES = Set.of("roots", "modulepath");
  private static final Set<String> INSTALLS = Set.of("distro", "source", "base");
  private static final String NAME = "[a-z0-9][a-z0-9._-]*";

  private final YamlDocument doc;
  private final Map<String, SourceLocation> locations = new LinkedHashMap<>();

  private SiteProfileLoader(YamlDocument doc) {
    this.doc = doc;
  }

  /** Reads {@code file}; the profile's name must be the file's name without {@code .yaml}. */
  public static SiteProfile load(Path file) throws SpecException {
    return parse(file, YamlDocument.read(file));
  }

  /** Parses {@code text} as if read from {@code file}. */
  public static SiteProfile parse(Path file, String text) throws SpecException {
    return parse(file, YamlDocument.parse(file, text));
  }

  private static SiteProfile parse(Path file, YamlDocument doc) throws SpecException {
    if (doc.root() == null) throw new SpecException(SourceLocation.of(file, 1), "expected a site profile, found an empty file", null);
    return new SiteProfileLoader(doc).profile(file);
  }

  private SiteProfile profile(Path file) throws SpecException {
    MappingNode root = doc.mapping(doc.root(), "a site profile");
    checkKeys(root, TOP, "site profile");
    String name = required(root, "name");
    if (!name.matches(NAME)) {
      throw new SpecException(at("name"), "expected a profile name of [a-z0-9][a-z0-9._-]*, found '" + name + "'", null);
    }
    String fileName = file.getFileName() == null ? null
        : file.getFileName().toString().replaceFirst("^bundled:", "").replaceFirst("\\.ya?ml$", "");
    if (fileName != null && !fileName.equals(name)) {
      throw new SpecException(at("name"), "expected name '" + fileName + "' (the file's name), found '" + name + "'",
          "rename the file or the profile");
    }
    String description = optional(root, "description");
    SiteProfile.SiteMpi mpi = null;
    Node mpiNode = value(root, "mpi");
    if (mpiNode != null && !YamlDocument.isNull(mpiNode)) mpi = mpi(doc.mapping(mpiNode, "mpi"));
    List<String> binds = paths(root, "binds", "binds", true);
    Map<String, String> env = env(root);
    List<SiteProfile.Launcher> launchers = launchers(root);
    List<String> roots = List.of();
    String modulePath = null;
    Node modules = value(root, "modules");
    if (modules != null) {
      MappingNode m = doc.mapping(modules, "modules");
      checkKeys(m, MODULES, "modules");
      roots = paths(m, "roots", "modules.roots", false);
      modulePath = optional(m, "modulepath", "modules.modulepath");
    }
    String baseImage = optional(root, "base_image");
    String conda = optional(root, "conda_external_mpi");
    if (conda != null && !conda.equals("label") && !conda.equals("build-string")) {
      throw new SpecException(at("conda_external_mpi"), "expected conda_external_mpi to be 'label' or 'build-string', found '"
          + conda + "'", null);
    }
    List<String> notes = strings(root, "notes", "notes");
    return new SiteProfile(name, description, mpi, binds, env, launchers, roots, modulePath, baseImage, conda, notes, file,
        locations);
  }

  private SiteProfile.SiteMpi mpi(MappingNode m) throws SpecException {
    checkKeys(m, MPI, "mpi");
    String familyText = required(m, "family", "mpi.family");
    MpiFamily family = MpiFamily.parse(familyText).orElseThrow(() -> new SpecException(at("mpi.family"),
        "expected an MPI family, found '" + familyText + "'", "one of " + Arrays.stream(MpiFamily.values())
            .map(MpiFamily::key).collect(Collectors.joining(", "))));
    String version = optional(m, "version", "mpi.version");
    if (version != null && !version.matches("\\d+(\\.[0-9A-Za-z]+)*")) {
      throw new SpecException(at("mpi.version"), "expected a version such as 4.1.4, found '" + version + "'", null);
    }
    String abi = optional(m, "abi", "mpi.abi");
    if (abi != null && !abi.equals(family.abi().soname())) {
      throw new SpecException(at("mpi.abi"), "expected abi " + family.abi().soname() + " for " + family.displayName()
          + ", found '" + abi + "'", "the ABI follows from the family; remove abi or fix the family");
    }
    String modeText = optional(m, "mode", "mpi.mode");
    MpiMode mode = MpiMode.HYBRID;
    if (modeText != null) {
      try {
        mode = MpiMode.valueOf(modeText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new SpecException(at("mpi.mode"), "expected mpi.mode to be hybrid, bind or none, found '" + modeText + "'", null);
      }
    }
    String install = optional(m, "install", "mpi.install");
    if (install != null && !INSTALLS.contains(install)) {
      throw new SpecException(at("mpi.install"), "expected mpi.install to be distro, source or base, found '" + install + "'", null);
    }
    String imagePrefix = absolute(optional(m, "image_prefix", "mpi.image_prefix"), "mpi.image_prefix");
    String hostPrefix = absolute(optional(m, "host_prefix", "mpi.host_prefix"), "mpi.host_prefix");
    List<String> dirs = List.of();
    List<String> libs = List.of();
    boolean probe = false;
    Node b = value(m, "binds");
    if (b != null) {
      MappingNode bm = doc.mapping(b, "mpi.binds");
      checkKeys(bm, MPI_BINDS, "mpi.binds");
      dirs = paths(bm, "directories", "mpi.binds.directories", true);
      libs = paths(bm, "libraries", "mpi.binds.libraries", false);
      String p = optional(bm, "probe", "mpi.binds.probe");
      if (p != null && !p.equals("true") && !p.equals("false")) {
        throw new SpecException(at("mpi.binds.probe"), "expected true or false, found '" + p + "'", null);
      }
      probe = "true".equals(p);
    }
    List<String> libraryPath = paths(m, "library_path", "mpi.library_path", false);
    return new SiteProfile.SiteMpi(family, version, abi, mode, install, imagePrefix, hostPrefix, dirs, libs, libraryPath, probe);
  }

  private Map<String, String> env(MappingNode root) throws SpecException {
    Map<String, String> out = new LinkedHashMap<>();
    Node n = value(root, "env");
    if (n == null) return out;
    for (NodeTuple t : doc.mapping(n, "env").getValue()) {
      String k = doc.key(t);
      locations.put("env." + k, doc.at(t.getKeyNode()));
      if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new SpecException(doc.at(t.getKeyNode()), "expected an environment variable name, found '" + k + "'", null);
      }
      String v = doc.scalar(t.getValueNode(), "env." + k);
      out.put(k, v == null ? "" : v);
    }
    return out;
  }

  private List<SiteProfile.Launcher> launchers(MappingNode root) throws SpecException {
    List<SiteProfile.Launcher> out = new ArrayList<>();
    Node n = value(root, "launchers");
    if (n == null) return out;
    SequenceNode seq = doc.sequence(n, "launchers");
    for (int i = 0; i < seq.getValue().size(); i++) {
      String path = "launchers[" + i + "]";
      MappingNode l = doc.mapping(seq.getValue().get(i), path);
      locations.put(path, doc.at(l));
      checkKeys(l, LAUNCHER, path);
      String name = required(l, "name", path + ".name");
      String command = required(l, "command", path + ".command");
      if (!command.contains("{image}") || !command.contains("{command}")) {
        throw new SpecException(at(path + ".command"), "expected the launcher line to contain {image} and {command}, found '"
            + command + "'", "e.g. srun --mpi=pmix apptainer exec {image} {command}");
      }
      out.add(new SiteProfile.Launcher(name, command, optional(l, "description", path + ".description")));
    }
    return out;
  }

  private List<String> paths(MappingNode m, String key, String path, boolean bindSpec) throws SpecException {
    List<String> out = strings(m, key, path);
    for (int i = 0; i < out.size(); i++) {
      String p = out.get(i);
      String source = bindSpec ? p.split(":", 2)[0] : p;
      if (!source.startsWith("/")) {
        throw new SpecException(at(path + "[" + i + "]"), "expected an absolute path, found '" + p + "'", null);
      }
      if (bindSpec) io.envtainer.spec.EnvtainerSpecParser.parseBind(p, at(path + "[" + i + "]"));
    }
    return out;
  }

  private List<String> strings(MappingNode m, String key, String path) throws SpecException {
    List<String> out = new ArrayList<>();
    Node n = value(m, key);
    if (n == null) return out;
    SequenceNode seq = doc.sequence(n, path);
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node item = seq.getValue().get(i);
      locations.put(path + "[" + i + "]", doc.at(item));
      out.add(doc.requiredScalar(item, path + "[" + i + "]"));
    }
    return out;
  }

  private String absolute(String p, String path) throws SpecException {
    if (p != null && !p.startsWith("/")) throw new SpecException(at(path), "expected an absolute path, found '" + p + "'", null);
    return p;
  }

  private void checkKeys(MappingNode m, Set<String> allowed, String what) throws SpecException {
    for (NodeTuple t : m.getValue()) {
      String k = doc.key(t);
      if (!allowed.contains(k)) {
        throw new SpecException(doc.at(t.getKeyNode()), "unknown key '" + k + "' in " + what,
            "expected one of " + allowed.stream().sorted().collect(Collectors.joining(", ")));
      }
    }
  }

  private Node value(MappingNode m, String key) {
    return YamlDocument.find(m, key).map(NodeTuple::getValueNode).orElse(null);
  }

  private String required(MappingNode m, String key) throws SpecException {
    return required(m, key, key);
  }

  private String required(MappingNode m, String key, String path) throws SpecException {
    Node n = value(m, key);
    if (n == null) throw new SpecException(doc.at(m), "expected key '" + path + "', found none", null);
    locations.put(path, doc.at(n));
    return doc.requiredScalar(n, path);
  }

  private String optional(MappingNode m, String key) throws SpecException {
    return optional(m, key, key);
  }

  private String optional(MappingNode m, String key, String path) throws SpecException {
    Node n = value(m, key);
    if (n == null) return null;
    locations.put(path, doc.at(n));
    return doc.scalar(n, path);
  }

  private SourceLocation at(String path) {
    SourceLocation l = locations.get(path);
    return l != null ? l : SourceLocation.of(doc.file(), 0);
  }
}
