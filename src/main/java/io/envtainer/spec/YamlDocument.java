package io.envtainer.spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML file read as a node tree that remembers where every node was written, so that each error can say
 * file:line:column. Values are never constructed into Java objects by snakeyaml (no type tags, no surprises:
 * {@code 3.10} stays the text "3.10").
 */
public final class YamlDocument {
  private final Path file;
  private final List<String> lines;
  private final Node root;

  private YamlDocument(Path file, List<String> lines, Node root) {
    this.file = file;
    this.lines = lines;
    this.root = root;
  }

  public static YamlDocument read(Path file) throws SpecException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new SpecException(SourceLocation.of(file, 1), "file is not UTF-8 text", "save it as UTF-8");
    } catch (IOException e) {
      throw new SpecException(SourceLocation.of(file, 0), "cannot read file: " + e.getMessage(), null);
    }
    return parse(file, text);
  }

  /** Parses text; at most one document (a leading {@code ---} is fine). An empty document has a null root. */
  public static YamlDocument parse(Path file, String text) throws SpecException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(64 * 1024 * 1024);
    Yaml yaml = new Yaml(options);
    List<Node> docs = new ArrayList<>();
    try {
      for (Node n : yaml.composeAll(new StringReader(text))) docs.add(n);
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      if (problem.startsWith("found duplicate key")) problem = problem.replace("found duplicate key", "duplicate key");
      throw new SpecException(at(file, m), "invalid YAML: " + problem, hintFor(problem));
    } catch (YAMLException e) {
      throw new SpecException(SourceLocation.of(file, 1), "invalid YAML: " + e.getMessage(), null);
    }
    if (docs.size() > 1) {
      throw new SpecException(location(file, docs.get(1)), "expected one YAML document, found " + docs.size(),
          "remove the second '---' section");
    }
    List<String> lines = List.of(text.split("\r?\n", -1));
    return new YamlDocument(file, lines, docs.isEmpty() ? null : docs.get(0));
  }

  private static String hintFor(String problem) {
    if (problem.toLowerCase(java.util.Locale.ROOT).contains("tab")) return "indent with spaces, not tabs";
    if (problem.contains("duplicate key")) return "each key may appear once";
    if (problem.contains("mapping values are not allowed")) return "quote values that contain ': '";
    return null;
  }

  public Path file() {
    return file;
  }

  /** The root node, or null for an empty file. */
  public Node root() {
    return root;
  }

  public SourceLocation at(Node node) {
    return location(file, node);
  }

  public static SourceLocation location(Path file, Node node) {
    return at(file, node.getStartMark());
  }

  private static SourceLocation at(Path file, Mark m) {
    return m == null ? SourceLocation.of(file, 0) : new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1);
  }

  public MappingNode mapping(Node node, String what) throws SpecException {
    if (node instanceof MappingNode m) return m;
    throw new SpecException(at(node), "expected " + what + " to be a mapping (key: value lines), found " + describe(node),
        null);
  }

  public SequenceNode sequence(Node node, String what) throws SpecException {
    if (node instanceof SequenceNode s) return s;
    throw new SpecException(at(node), "expected " + what + " to be a list ('- item' lines), found " + describe(node),
        null);
  }

  /** A scalar's text; null for an explicit YAML null ({@code ~}, {@code null}, empty). */
  public String scalar(Node node, String what) throws SpecException {
    if (node instanceof ScalarNode s) {
      if (isNull(s)) return null;
      return s.getValue();
    }
    throw new SpecException(at(node), "expected " + what + " to be a single value, found " + describe(node),
        "write it on one line after the key");
  }

  /** A scalar that must be present and non-empty. */
  public String requiredScalar(Node node, String what) throws SpecException {
    String v = scalar(node, what);
    if (v == null || v.isBlank()) throw new SpecException(at(node), "expected a value for " + what + ", found nothing", null);
    return v;
  }

  public static boolean isNull(Node node) {
    return node instanceof ScalarNode s && "tag:yaml.org,2002:null".equals(s.getTag().getValue());
  }

  public String key(NodeTuple tuple) throws SpecException {
    Node k = tuple.getKeyNode();
    if (k instanceof ScalarNode s) return s.getValue();
    throw new SpecException(at(k), "expected a plain key, found " + describe(k), null);
  }

  public static Optional<NodeTuple> find(MappingNode map, String key) {
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) return Optional.of(t);
    }
    return Optional.empty();
  }

  /**
   * The comment after a scalar on its own line ({@code - numpy  # pinned}), without {@code #} and trimmed; null if
   * none. Read from the raw text so that it works whatever snakeyaml does with comments.
   */
  public String trailingComment(Node node) {
    Mark end = node.getEndMark();
    if (end == null || end.getLine() >= lines.size()) return null;
    String line = lines.get(end.getLine());
    if (end.getColumn() > line.length()) return null;
    String rest = line.substring(end.getColumn());
    int hash = rest.indexOf('#');
    if (hash < 0 || !rest.substring(0, hash).isBlank()) return null;
    if (hash > 0 || end.getColumn() == 0 || Character.isWhitespace(line.charAt(end.getColumn() - 1))) {
      String c = rest.substring(hash + 1).trim();
      return c.isEmpty() ? null : c;
    }
    return null;
  }

  public static String describe(Node node) {
    if (node == null) return "nothing";
    if (node instanceof MappingNode) return "a mapping";
    if (node instanceof SequenceNode) return "a list";
    if (isNull(node)) return "an empty value";
    String v = ((ScalarNode) node).getValue();
    return "'" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'";
  }
}
