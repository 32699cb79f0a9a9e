package io.envtainer.spec.conda;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import io.envtainer.spec.YamlDocument;
import io.envtainer.spec.pip.Requirements;
import io.envtainer.spec.pip.RequirementsParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** The {@code dependencies:} list: MatchSpec strings and at most one {@code - pip: [...]} mapping. */
final class DependencyReader {
  private DependencyReader() {}

  static List<CondaDependency> read(YamlDocument doc, Node node, Path baseDir) throws SpecException {
    if (YamlDocument.isNull(node)) return List.of();
    SequenceNode seq = doc.sequence(node, "dependencies");
    List<CondaDependency> out = new ArrayList<>();
    PipDependencies pip = null;
    for (Node item : seq.getValue()) {
      if (item instanceof MappingNode map) {
        if (pip != null) {
          throw new SpecException(doc.at(map), "expected one 'pip:' list in dependencies, found a second one (first on line "
              + pip.location().line() + ")", "merge them into one list; conda would keep only the last");
        }
        pip = pip(doc, map, baseDir);
        out.add(pip);
      } else if (item instanceof SequenceNode) {
        throw new SpecException(doc.at(item), "expected a package spec, found a nested list", "remove the extra '-'");
      } else {
        ScalarNode s = YamlNodes.requiredScalar(doc, item, "a package spec", "write a package name, e.g. '- numpy'");
        MatchSpec m = MatchSpecParser.parse(s.getValue(), YamlNodes.textStart(doc, s));
        out.add(m.withComment(doc.trailingComment(s)));
      }
    }
    return out;
  }

  private static PipDependencies pip(YamlDocument doc, MappingNode map, Path baseDir) throws SpecException {
    YamlNodes.checkUniqueKeys(doc, map, "the pip entry");
    for (NodeTuple t : map.getValue()) {
      String key = doc.key(t);
      if (!key.equals("pip")) {
        throw new SpecException(doc.at(t.getKeyNode()),
            "expected a package spec or a 'pip:' list, found a mapping with key '" + key + "'",
            "only 'pip:' may be a mapping under dependencies; write conda packages as one string, e.g. '- "
                + key + "=1.2'");
      }
    }
    NodeTuple pip = map.getValue().get(0);
    return new PipDependencies(pipLines(doc, pip.getValueNode(), baseDir), doc.at(map));
  }

  /** Each entry is one line of a requirements file; a YAML comment after it is kept as the line's comment. */
  private static Requirements pipLines(YamlDocument doc, Node node, Path baseDir) throws SpecException {
    if (YamlDocument.isNull(node)) return Requirements.empty();
    SequenceNode seq = doc.sequence(node, "pip");
    List<String> lines = new ArrayList<>();
    List<SourceLocation> locations = new ArrayList<>();
    for (Node item : seq.getValue()) {
      ScalarNode s = YamlNodes.requiredScalar(doc, item, "a pip requirement line (text such as 'requests==2.31')",
          "each pip entry is one line of a requirements file; quote it if it contains ': '");
      String comment = doc.trailingComment(s);
      lines.add(comment == null ? s.getValue() : s.getValue() + "  # " + comment);
      locations.add(YamlNodes.textStart(doc, s));
    }
    return RequirementsParser.parseLines(lines, locations, baseDir);
  }
}
