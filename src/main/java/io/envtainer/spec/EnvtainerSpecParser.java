package io.envtainer.spec;

import io.envtainer.spec.conda.CondaEnvironment;
import io.envtainer.spec.conda.CondaEnvironmentParser;
import io.envtainer.spec.modules.ModuleList;
import io.envtainer.spec.modules.ModuleListParser;
import io.envtainer.spec.modules.ModuleRef;
import io.envtainer.spec.pip.Requirements;
import io.envtainer.spec.pip.RequirementsParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads envtainer's own YAML spec (see docs/spec.md). Strict: unknown keys and wrong shapes are errors. */
public final class EnvtainerSpecParser {
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
  public static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  public static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

  private static final List<String> TOP_KEYS = List.of("envtainer", "name", "base", "site", "python", "modules", "conda",
      "pip", "mpi", "binds", "env", "files", "runscript", "tests", "labels");

  private final YamlDocument doc;
  private final Path dir;
  private final Spec.Builder spec;
  private final List<SpecWarning> warnings = new ArrayList<>();

  private EnvtainerSpecParser(YamlDocument doc) {
    this.doc = doc;
    Path abs = doc.file().toAbsolutePath();
    this.dir = abs.getParent();
    this.spec = Spec.builder(doc.file());
  }

  public static Spec parse(Path file) throws SpecException {
    return parse(YamlDocument.read(file));
  }

  public static Spec parse(YamlDocument doc) throws SpecException {
    if (doc.root() == null) {
      throw new SpecException(SourceLocation.of(doc.file(), 1), "expected an envtainer spec, found an empty file",
          "start with 'name:' and 'python:'");
    }
    return new EnvtainerSpecParser(doc).read(doc.mapping(doc.root(), "the spec"));
  }

  private Spec read(MappingNode root) throws SpecException {
    checkKeys(root, TOP_KEYS, "the spec");
    NodeTuple name = YamlDocument.find(root, "name").orElseThrow(
        () -> new SpecException(doc.at(root), "expected a 'name:' key", "add e.g. 'name: my-env'"));
    String n = doc.requiredScalar(name.getValueNode(), "name");
    if (!NAME.matcher(n).matches()) {
      throw new SpecException(doc.at(name.getValueNode()), "expected a name of lower-case letters, digits and . _ - "
          + "(starting with a letter or digit, at most 128), found '" + n + "'", "e.g. 'name: sci-env'");
    }
    spec.name(n).location("name", doc.at(name.getValueNode()));

    for (NodeTuple t : root.getValue()) {
      String key = doc.key(t);
      Node v = t.getValueNode();
      switch (key) {
        case "envtainer" -> {
          String version = doc.requiredScalar(v, "envtainer (the spec format version)");
          if (!version.equals("1"))
            throw new SpecException(doc.at(v), "expected spec format version 1, found '" + version + "'", null);
        }
        case "name" -> { }
        case "base" -> scalarField(v, "base", spec::base);
        case "site" -> scalarField(v, "site", spec::site);
        case "python" -> python(v);
        case "modules" -> spec.modules(modules(v));
        case "conda" -> spec.conda(conda(v));
        case "pip" -> spec.pip(pip(v));
        case "mpi" -> mpi(v);
        case "binds" -> binds(v);
        case "env" -> env(v);
        case "files" -> files(v);
        case "runscript" -> {
          scalarField(v, "runscript", spec::runscript);
          spec.location("runscript", scriptLocation(v));
        }
        case "tests" -> tests(v);
        case "labels" -> labels(v);
        default -> throw new IllegalStateException(key);
      }
    }
    if (YamlDocument.find(root, "python").isEmpty()) {
      throw new SpecException(doc.at(root), "expected a 'python:' key",
          "add 'python: {source: venv}' (module | venv | conda | system)");
    }
    Spec s = spec.warnAll(warnings).build();
    return checkConsistency(s, root);
  }

  private interface Setter {
    void set(String value);
  }

  private void scalarField(Node v, String field, Setter setter) throws SpecException {
    String value = doc.scalar(v, field);
    if (value != null) {
      setter.set(value);
      spec.location(field, doc.at(v));
    }
  }

  private void python(Node v) throws SpecException {
    MappingNode m = doc.mapping(v, "python");
    checkKeys(m, List.of("source", "version", "module", "prefix", "system_site_packages"), "python");
    NodeTuple src = YamlDocument.find(m, "source").orElseThrow(() -> new SpecException(doc.at(m),
        "expected 'source:' under python", "one of module, venv, conda, system"));
    String s = doc.requiredScalar(src.getValueNode(), "python.source");
    PythonSource source;
    try {
      source = PythonSource.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SpecException(doc.at(src.getValueNode()), "expected python.source to be one of module, venv, conda, "
          + "system, found '" + s + "'", null);
    }
    spec.location("python.source", doc.at(src.getValueNode()));
    String version = optional(m, "version", "python.version");
    String module = optional(m, "module", "python.module");
    if (module != null) module = ModuleListParser.moduleName(module, spec.build().locationOf("python.module")).fullName();
    String prefix = optional(m, "prefix", "python.prefix");
    if (version != null && !version.matches("[0-9]+(\\.[0-9]+){0,2}")) {
      throw new SpecException(spec.build().locationOf("python.version"), "expected python.version like 3.11 or "
          + "3.11.9, found '" + version + "'", "quote it if YAML reads it as a number: version: \"3.10\"");
    }
    if (prefix != null && !isCleanAbsolutePath(prefix)) {
      throw new SpecException(spec.build().locationOf("python.prefix"), "expected python.prefix to be an absolute path "
          + "without spaces, quotes or '..', found '" + prefix + "'", "e.g. /opt/env or /project/envs/sci");
    }
    var ssp = YamlDocument.find(m, "system_site_packages");
    Boolean systemSite = ssp.isPresent() ? bool(ssp.get().getValueNode(), "python.system_site_packages") : null;
    spec.python(new Python(source, version, module, prefix, systemSite));
  }

  static boolean isCleanAbsolutePath(String p) {
    return p.startsWith("/") && p.matches("[A-Za-z0-9_./+@-]+") && !p.contains("/../") && !p.endsWith("/..")
        && !p.contains("//");
  }

  private String optional(MappingNode m, String key, String field) throws SpecException {
    var t = YamlDocument.find(m, key);
    if (t.isEmpty()) return null;
    String v = doc.scalar(t.get().getValueNode(), field);
    if (v != null) spec.location(field, doc.at(t.get().getValueNode()));
    return v;
  }

  private ModuleList modules(Node v) throws SpecException {
    if (v instanceof SequenceNode seq) {
      List<ModuleRef> refs = new ArrayList<>();
      for (Node item : seq.getValue()) {
        refs.add(ModuleListParser.moduleName(doc.requiredScalar(item, "a module name"), doc.at(item)));
      }
      return new ModuleList(null, List.of(), refs, false);
    }
    MappingNode m = doc.mapping(v, "modules");
    checkKeys(m, List.of("file", "use", "load", "purge"), "modules");
    var file = YamlDocument.find(m, "file");
    if (file.isPresent()) {
      if (m.getValue().size() > 1)
        throw new SpecException(doc.at(m), "expected either 'file:' or 'use:/load:/purge:' under modules, not both", null);
      return ModuleListParser.parse(existingFile(file.get().getValueNode(), "modules.file"));
    }
    var purge = YamlDocument.find(m, "purge");
    boolean doPurge = purge.isPresent() && bool(purge.get().getValueNode(), "modules.purge");
    List<String> paths = new ArrayList<>();
    for (var use : YamlDocument.find(m, "use").stream().toList()) {
      for (Node item : doc.sequence(use.getValueNode(), "modules.use").getValue()) {
        paths.add(doc.requiredScalar(item, "a module directory"));
      }
    }
    List<ModuleRef> refs = new ArrayList<>();
    for (var load : YamlDocument.find(m, "load").stream().toList()) {
      refs.addAll(modules(doc.sequence(load.getValueNode(), "modules.load")).modules());
    }
    return new ModuleList(null, paths, refs, doPurge);
  }

  private boolean bool(Node v, String field) throws SpecException {
    String s = doc.requiredScalar(v, field);
    return switch (s) {
      case "true", "yes", "True", "on" -> true;
      case "false", "no", "False", "off" -> false;
      default -> throw new SpecException(doc.at(v), "expected true or false for " + field + ", found '" + s + "'", null);
    };
  }

  private CondaEnvironment conda(Node v) throws SpecException {
    MappingNode m = doc.mapping(v, "conda");
    var file = YamlDocument.find(m, "file");
    if (file.isPresent()) {
      if (m.getValue().size() > 1)
        throw new SpecException(doc.at(m), "expected either 'file:' or an inline environment under conda, not both",
            "move the other keys into the environment file");
      Path p = existingFile(file.get().getValueNode(), "conda.file");
      return CondaEnvironmentParser.parse(p, warnings);
    }
    return CondaEnvironmentParser.parse(doc, m, dir, warnings);
  }

  private Requirements pip(Node v) throws SpecException {
    if (v instanceof MappingNode m) {
      checkKeys(m, List.of("file"), "pip");
      NodeTuple file = YamlDocument.find(m, "file").orElseThrow(
          () -> new SpecException(doc.at(m), "expected 'file:' under pip", "or give a list of requirement lines"));
      return RequirementsParser.parse(existingFile(file.getValueNode(), "pip.file"));
    }
    SequenceNode seq = doc.sequence(v, "pip");
    List<String> lines = new ArrayList<>();
    List<SourceLocation> where = new ArrayList<>();
    for (Node item : seq.getValue()) {
      String line = doc.requiredScalar(item, "a requirement line");
      if (line.contains("\n") || line.contains("\r")) {
        throw new SpecException(doc.at(item), "expected one requirement line per list entry, found a line break",
            "write each line as its own '- ' entry");
      }
      lines.add(line);
      where.add(doc.at(item));
    }
    return RequirementsParser.parseLines(lines, where, dir);
  }

  private Path existingFile(Node v, String field) throws SpecException {
    String name = doc.requiredScalar(v, field);
    Path p = dir.resolve(name).normalize();
    if (!Files.isRegularFile(p)) {
      throw new SpecException(doc.at(v), "expected " + field + " to name an existing file, found no file at " + p,
          "paths are relative to the spec's directory");
    }
    return p;
  }

  private void mpi(Node v) throws SpecException {
    MappingNode m = doc.mapping(v, "mpi");
    checkKeys(m, List.of("family", "version", "mode"), "mpi");
    String family = optional(m, "family", "mpi.family");
    String version = optional(m, "version", "mpi.version");
    String mode = optional(m, "mode", "mpi.mode");
    MpiFamily f = null;
    if (family != null) {
      f = MpiFamily.parse(family).orElseThrow(() -> new SpecException(spec.build().locationOf("mpi.family"),
          "expected mpi.family to be one of openmpi, mpich, intel-mpi, cray-mpich, mvapich, found '" + family + "'",
          null));
    }
    MpiMode mm = MpiMode.HYBRID;
    if (mode != null) {
      try {
        mm = MpiMode.valueOf(mode.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new SpecException(spec.build().locationOf("mpi.mode"), "expected mpi.mode to be none, hybrid or bind, "
            + "found '" + mode + "'", null);
      }
    }
    if (version != null && !version.matches("[0-9]+(\\.[0-9A-Za-z]+){0,3}")) {
      throw new SpecException(spec.build().locationOf("mpi.version"), "expected mpi.version like 4.1 or 4.1.4, found '"
          + version + "'", "quote it: version: \"4.1\"");
    }
    spec.mpi(new Mpi(f, version, mm));
  }

  private void binds(Node v) throws SpecException {
    for (Node item : doc.sequence(v, "binds").getValue()) {
      SourceLocation at = doc.at(item);
      Bind b;
      if (item instanceof MappingNode m) {
        checkKeys(m, List.of("source", "target", "readonly"), "a bind");
        String src = YamlDocument.find(m, "source").map(t -> t.getValueNode()).map(n -> scalarOrNull(n)).orElse(null);
        if (src == null) throw new SpecException(at, "expected 'source:' in a bind", null);
        String dst = YamlDocument.find(m, "target").map(t -> scalarOrNull(t.getValueNode())).orElse(null);
        var ro = YamlDocument.find(m, "readonly");
        b = new Bind(src, dst, ro.isPresent() && bool(ro.get().getValueNode(), "readonly"), at);
      } else {
        b = parseBind(doc.requiredScalar(item, "a bind"), at);
      }
      for (String p : new String[] {b.source(), b.target()}) {
        if (!isCleanAbsolutePath(p)) {
          throw new SpecException(at, "expected bind paths to be absolute paths without spaces, quotes or '..', found '"
              + p + "'", "write SRC[:DST[:ro|rw]], e.g. /scratch or /apps:/apps:ro");
        }
      }
      spec.addBind(b);
    }
  }

  private String scalarOrNull(Node n) {
    return n instanceof ScalarNode s && !YamlDocument.isNull(s) ? s.getValue() : null;
  }

  /** Apptainer's {@code src[:dst[:ro|rw]]}. */
  public static Bind parseBind(String text, SourceLocation at) throws SpecException {
    String[] parts = text.split(":", -1);
    if (parts.length > 3 || parts[0].isEmpty()) {
      throw new SpecException(at, "expected a bind as SRC[:DST[:ro|rw]], found '" + text + "'", null);
    }
    boolean ro = false;
    String dst = parts.length > 1 ? parts[1] : null;
    if (parts.length == 2 && (parts[1].equals("ro") || parts[1].equals("rw"))) {
      ro = parts[1].equals("ro");
      dst = null;
    } else if (parts.length == 3) {
      if (!parts[2].equals("ro") && !parts[2].equals("rw"))
        throw new SpecException(at, "expected 'ro' or 'rw' after the second ':' of a bind, found '" + parts[2] + "'", null);
      ro = parts[2].equals("ro");
    }
    return new Bind(parts[0], dst, ro, at);
  }

  private void env(Node v) throws SpecException {
    MappingNode m = doc.mapping(v, "env");
    for (NodeTuple t : m.getValue()) {
      String k = doc.key(t);
      if (!ENV_NAME.matcher(k).matches()) {
        throw new SpecException(doc.at(t.getKeyNode()), "expected an environment variable name ([A-Za-z_][A-Za-z0-9_]*),"
            + " found '" + k + "'", null);
      }
      String value = doc.scalar(t.getValueNode(), "env." + k);
      spec.addEnv(new EnvVar(k, value == null ? "" : value, doc.at(t.getKeyNode())));
    }
    checkUnique(m, "env");
  }

  private void labels(Node v) throws SpecException {
    MappingNode m = doc.mapping(v, "labels");
    for (NodeTuple t : m.getValue()) {
      String k = doc.key(t);
      if (!LABEL_KEY.matcher(k).matches()) {
        throw new SpecException(doc.at(t.getKeyNode()), "expected a label key of letters, digits and . _ / -, found '"
            + k + "'", "e.g. org.opencontainers.image.authors");
      }
      String value = doc.scalar(t.getValueNode(), "labels." + k);
      spec.addLabel(new Label(k, value == null ? "" : value, doc.at(t.getKeyNode())));
    }
    checkUnique(m, "labels");
  }

  private void files(Node v) throws SpecException {
    for (Node item : doc.sequence(v, "files").getValue()) {
      SourceLocation at = doc.at(item);
      String src;
      String dst;
      if (item instanceof MappingNode m) {
        checkKeys(m, List.of("source", "target"), "a file entry");
        src = YamlDocument.find(m, "source").map(t -> scalarOrNull(t.getValueNode())).orElse(null);
        dst = YamlDocument.find(m, "target").map(t -> scalarOrNull(t.getValueNode())).orElse(null);
        if (src == null || dst == null) throw new SpecException(at, "expected 'source:' and 'target:' in a file entry", null);
      } else {
        String[] parts = doc.requiredScalar(item, "a file entry").trim().split("\\s+");
        if (parts.length != 2) {
          throw new SpecException(at, "expected a file entry as 'SOURCE TARGET', found " + parts.length + " words",
              "or write {source: ..., target: ...}");
        }
        src = parts[0];
        dst = parts[1];
      }
      if (!isCleanAbsolutePath(dst)) {
        throw new SpecException(at, "expected the target of a file entry to be an absolute path in the image, found '"
            + dst + "'", null);
      }
      if (!Files.exists(dir.resolve(src))) {
        throw new SpecException(at, "expected the source of a file entry to exist, found nothing at "
            + dir.resolve(src).normalize(), "sources are relative to the spec's directory");
      }
      spec.addFile(new FileCopy(src, dst, at));
    }
  }

  private void tests(Node v) throws SpecException {
    for (Node item : doc.sequence(v, "tests").getValue()) {
      spec.addTest(new TestCommand(doc.requiredScalar(item, "a test command"), scriptLocation(item)));
    }
  }

  /**
   * Where a script's text starts: for a block scalar ({@code |}, {@code >}) its first content line with column 0,
   * which tells later checks to count lines from there; otherwise the scalar itself.
   */
  private SourceLocation scriptLocation(Node v) {
    SourceLocation at = doc.at(v);
    if (v instanceof ScalarNode s && (s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.LITERAL
        || s.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.FOLDED)) {
      return new SourceLocation(at.file(), at.line() + 1, 0);
    }
    return at;
  }

  private void checkKeys(MappingNode m, List<String> allowed, String what) throws SpecException {
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : m.getValue()) {
      String k = doc.key(t);
      if (!allowed.contains(k)) {
        throw new SpecException(doc.at(t.getKeyNode()), "unknown key '" + k + "' in " + what + "; expected one of "
            + String.join(", ", allowed), suggestion(k, allowed));
      }
      if (!seen.add(k)) throw new SpecException(doc.at(t.getKeyNode()), "duplicate key '" + k + "' in " + what, null);
    }
  }

  private void checkUnique(MappingNode m, String what) throws SpecException {
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : m.getValue()) {
      String k = doc.key(t);
      if (!seen.add(k)) throw new SpecException(doc.at(t.getKeyNode()), "duplicate key '" + k + "' in " + what, null);
    }
  }

  private static String suggestion(String key, List<String> allowed) {
    for (String a : allowed) if (editDistance(a, key) <= 2) return "did you mean '" + a + "'?";
    return null;
  }

  private static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++)
      for (int j = 1; j <= b.length(); j++)
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
            d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
    return d[a.length()][b.length()];
  }

  private Spec checkConsistency(Spec s, MappingNode root) throws SpecException {
    PythonSource src = s.python().source();
    if (src == PythonSource.CONDA && s.conda() == null) {
      throw new SpecException(s.locationOf("python.source"), "python.source is conda, expected a 'conda:' section",
          "add conda: {file: environment.yml}");
    }
    if (src != PythonSource.CONDA && s.conda() != null) {
      throw new SpecException(s.locationOf("python.source"), "a 'conda:' section needs python.source conda, found "
          + src.yamlName(), null);
    }
    if (src == PythonSource.MODULE && s.python().module() == null) {
      ModuleRef py = SpecImports.pythonModule(s.modules());
      if (py == null) {
        throw new SpecException(s.locationOf("python.source"), "python.source is module, expected python.module or a "
            + "python module in 'modules:'", "e.g. module: python-scientific/3.10.4-foss-2022a");
      }
      s = s.toBuilder().python(new Python(src, s.python().version(), py.fullName(), s.python().prefix(),
          s.python().systemSitePackages())).build();
    }
    if (s.mpi().enabled() && s.mpi().family() == null && s.site() == null) {
      throw new SpecException(s.locationOf("mpi.mode"), "mpi.mode is " + s.mpi().mode().yamlName()
          + ", expected mpi.family or a site profile that names one", "add family: openmpi, or site: generic-openmpi4");
    }
    return s;
  }
}
