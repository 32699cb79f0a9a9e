package io.envtainer.spec.conda;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import io.envtainer.spec.SpecWarning;
import io.envtainer.spec.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a conda environment file ({@code environment.yml}, {@code conda env export}, {@code --from-history}) or
 * the same mapping inline in an envtainer spec. Keys are conda's: name, channels, dependencies, prefix, variables;
 * any other key is a warning. The {@code pip:} sub-list is read as requirements-file lines relative to the file's
 * directory, as conda runs {@code pip install -r} there.
 */
public final class CondaEnvironmentParser {
  static final List<String> KEYS = List.of("name", "channels", "dependencies", "prefix", "variables");
  private static final String WHAT = "a conda environment (a mapping with name, channels, dependencies)";

  private CondaEnvironmentParser() {}

  public static CondaEnvironment parse(Path file, List<SpecWarning> warnings) throws SpecException {
    YamlDocument doc = read(file);
    if (doc.root() == null) {
      throw new SpecException(new SourceLocation(file, 1, 1), "expected " + WHAT + ", found an empty file", null);
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(doc, doc.root(), dir, warnings);
  }

  /** The same for a mapping inside another YAML file; {@code baseDir} resolves {@code -r} and {@code -e} paths. */
  public static CondaEnvironment parse(YamlDocument doc, Node node, Path baseDir, List<SpecWarning> warnings)
      throws SpecException {
    if (!(node instanceof MappingNode map)) {
      throw new SpecException(doc.at(node), "expected " + WHAT + ", found " + YamlDocument.describe(node), null);
    }
    YamlNodes.checkUniqueKeys(doc, map, "the conda environment");
    String name = null;
    String prefix = null;
    List<Channel> channels = List.of();
    List<CondaDependency> dependencies = List.of();
    Map<String, String> variables = Map.of();
    Map<String, SourceLocation> variableLocations = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = doc.key(t);
      Node value = t.getValueNode();
      switch (key) {
        case "name" -> name = doc.scalar(value, "name");
        case "prefix" -> prefix = doc.scalar(value, "prefix");
        case "channels" -> channels = channels(doc, value);
        case "dependencies" -> dependencies = DependencyReader.read(doc, value, baseDir);
        case "variables" -> variables = variables(doc, value, variableLocations);
        default -> warnings.add(new SpecWarning(doc.at(t.getKeyNode()),
            "unknown key '" + key + "' in the conda environment, ignored (conda reads " + String.join(", ", KEYS) + ")"));
      }
    }
    return new CondaEnvironment(doc.file(), name, channels, dependencies, prefix, variables, doc.at(map),
        variableLocations);
  }

  private static YamlDocument read(Path file) throws SpecException {
    try {
      return YamlDocument.read(file);
    } catch (SpecException e) {
      String problem = e.problem() == null ? "" : e.problem();
      if (problem.contains("(TAB)")) {
        throw new SpecException(e.location(), "expected spaces for indentation, found a tab",
            "YAML does not allow tabs for indentation; replace them with spaces");
      }
      if (problem.contains("escape sequence")) {
        throw new SpecException(e.location(), problem,
            "in double quotes a backslash starts an escape; write Windows paths unquoted or in single quotes");
      }
      throw e;
    }
  }

  private static List<Channel> channels(YamlDocument doc, Node node) throws SpecException {
    if (YamlDocument.isNull(node)) return List.of();
    SequenceNode seq = doc.sequence(node, "channels");
    List<Channel> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      ScalarNode s = YamlNodes.requiredScalar(doc, item, "a channel name (conda-forge, a URL)", null);
      if (s.getValue().isBlank()) throw new SpecException(doc.at(s), "expected a channel name, found nothing", null);
      out.add(new Channel(s.getValue().strip(), doc.at(s)));
    }
    return out;
  }

  private static Map<String, String> variables(YamlDocument doc, Node node, Map<String, SourceLocation> where)
      throws SpecException {
    if (YamlDocument.isNull(node)) return Map.of();
    MappingNode map = doc.mapping(node, "variables");
    YamlNodes.checkUniqueKeys(doc, map, "variables");
    Map<String, String> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = doc.key(t);
      String value = doc.scalar(t.getValueNode(), "variable " + key);
      out.put(key, value == null ? "" : value);
      where.put(key, doc.at(t.getKeyNode()));
    }
    return out;
  }
}
