package io.envtainer.spec.conda;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import io.envtainer.spec.YamlDocument;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Small YAML checks the conda reader needs beyond {@link YamlDocument}. */
final class YamlNodes {
  private YamlNodes() {}

  /** Fails on the second occurrence of a key in {@code map} (snakeyaml's node tree keeps duplicates). */
  static void checkUniqueKeys(YamlDocument doc, MappingNode map, String where) throws SpecException {
    Map<String, Integer> seen = new HashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = doc.key(t);
      Integer first = seen.putIfAbsent(key, doc.at(t.getKeyNode()).line());
      if (first != null) {
        throw new SpecException(doc.at(t.getKeyNode()),
            "expected each key once in " + where + ", found '" + key + "' again (first on line " + first + ")",
            "remove or merge the repeated key");
      }
    }
  }

  /** Where a scalar's text starts: after the opening quote of a quoted scalar. */
  static SourceLocation textStart(YamlDocument doc, ScalarNode node) {
    SourceLocation at = doc.at(node);
    DumperOptions.ScalarStyle style = node.getScalarStyle();
    boolean quoted = style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED;
    return quoted && at.column() > 0 ? new SourceLocation(at.file(), at.line(), at.column() + 1) : at;
  }

  /** A scalar's text for an entry that must be written (not empty, not a list or mapping). */
  static ScalarNode requiredScalar(YamlDocument doc, Node node, String what, String hint) throws SpecException {
    if (node instanceof ScalarNode s && !YamlDocument.isNull(s)) return s;
    throw new SpecException(doc.at(node), "expected " + what + ", found " + YamlDocument.describe(node), hint);
  }
}
