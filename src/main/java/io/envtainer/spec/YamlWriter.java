package io.envtainer.spec;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prints a tree of maps, lists and strings as block YAML that any YAML reader reads back to the same strings. A
 * comment map (dotted path → text, e.g. {@code python.version}, {@code modules[0]}) adds {@code # } comments.
 */
public final class YamlWriter {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/.][A-Za-z0-9_ /.+=<>!~*@,()^$%-]*");
  private static final Pattern RESERVED = Pattern.compile(
      "(?i)(y|n|yes|no|on|off|true|false|null|~|[-+]?[0-9][0-9_.:eE+-]*|[-+]?\\.(inf|nan)|0x[0-9a-f]+|0o[0-7]+)");

  private final Map<String, String> comments;
  private final StringBuilder out = new StringBuilder();

  private YamlWriter(Map<String, String> comments) {
    this.comments = comments;
  }

  public static String write(Map<String, Object> tree) {
    return write(tree, Map.of());
  }

  public static String write(Map<String, Object> tree, Map<String, String> comments) {
    YamlWriter w = new YamlWriter(comments);
    w.map(tree, 0, "");
    return w.out.toString();
  }

  private void map(Map<?, ?> m, int indent, String path) {
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = e.getKey().toString();
      String p = path.isEmpty() ? key : path + "." + key;
      out.append(" ".repeat(indent)).append(scalar(key)).append(':');
      value(e.getValue(), indent, p);
    }
  }

  private void list(List<?> l, int indent, String path) {
    for (int i = 0; i < l.size(); i++) {
      String p = path + "[" + i + "]";
      Object v = l.get(i);
      out.append(" ".repeat(indent)).append('-');
      if (v instanceof Map<?, ?> m && !m.isEmpty()) {
        // First key on the dash line, the rest aligned under it.
        out.append(' ');
        int start = out.length();
        map(m, indent + 2, p);
        out.delete(start, start + indent + 2);
      } else {
        value(v, indent, p);
      }
    }
  }

  private void value(Object v, int indent, String path) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.append(" {}");
        comment(path);
      } else {
        comment(path);
        map(m, indent + 2, path);
      }
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        out.append(" []");
        comment(path);
      } else {
        comment(path);
        list(l, indent + 2, path);
      }
    } else if (v instanceof Number || v instanceof Boolean) {
      out.append(' ').append(v);
      comment(path);
    } else {
      String s = String.valueOf(v);
      if (s.contains("\n") && literalOk(s)) {
        String chomp = s.endsWith("\n") ? (s.endsWith("\n\n") ? "+" : "") : "-";
        out.append(" |").append(chomp);
        comment(path);
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        for (String line : body.split("\n", -1)) {
          out.append(line.isEmpty() ? "" : " ".repeat(indent + 2) + line).append('\n');
        }
      } else {
        out.append(' ').append(scalar(s));
        comment(path);
      }
    }
  }

  private void comment(String path) {
    String c = comments.get(path);
    if (c != null) out.append("  # ").append(c.replace('\n', ' '));
    out.append('\n');
  }

  /** A literal block keeps text as is when no line has leading blanks on the first line or trailing blanks. */
  private static boolean literalOk(String s) {
    if (s.startsWith(" ") || s.startsWith("\t")) return false;
    for (String line : s.split("\n", -1)) {
      if (line.endsWith(" ") || line.endsWith("\t") || line.contains("\r")) return false;
      for (char c : line.toCharArray()) if (c < 0x20 && c != '\t') return false;
    }
    return true;
  }

  /** A scalar as plain text when YAML reads it back as the same string, double-quoted otherwise. */
  static String scalar(String s) {
    if (!s.isEmpty() && PLAIN.matcher(s).matches() && !RESERVED.matcher(s).matches() && !s.endsWith(" ")
        && !s.contains(" #") && !s.contains(": ")) {
      return s;
    }
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        case '\r' -> q.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) q.append(String.format("\\x%02x", (int) c));
          else q.append(c);
        }
      }
    }
    return q.append('"').toString();
  }
}
