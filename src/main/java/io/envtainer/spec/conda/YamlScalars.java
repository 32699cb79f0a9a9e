package io.envtainer.spec.conda;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a string as a YAML scalar that every YAML reader (snakeyaml here, PyYAML/ruamel in conda) reads back as
 * the same string: plain when that is safe, else single-quoted, else double-quoted with escapes.
 */
final class YamlScalars {
  private static final Resolver RESOLVER = new Resolver();
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  private YamlScalars() {}

  static String scalar(String s) {
    if (isPlainSafe(s)) return s;
    if (s.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) return "'" + s.replace("'", "''") + "'";
    return doubleQuoted(s);
  }

  static boolean isPlainSafe(String s) {
    if (s.isEmpty() || !s.equals(s.strip())) return false;
    if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff)) {
      return false;
    }
    char first = s.charAt(0);
    boolean dashWord = first == '-' && s.length() > 1 && s.charAt(1) != ' ';
    if (INDICATORS.indexOf(first) >= 0 && !dashWord) return false;
    if (s.contains(": ") || s.endsWith(":") || s.contains(" #")) return false;
    if (s.equals("=")) return false; // PyYAML resolves a lone '=' to the 'value' tag and cannot load it

    return RESOLVER.resolve(NodeId.scalar, s, true).equals(Tag.STR);
  }

  private static String doubleQuoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
