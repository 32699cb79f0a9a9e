package io.envtainer.spec;

import java.util.List;
import java.util.Map;

/** Prints a tree of maps, lists and strings as indented JSON. */
public final class JsonWriter {
  private JsonWriter() {}

  public static String write(Object tree) {
    StringBuilder out = new StringBuilder();
    value(tree, 0, out);
    return out.append('\n').toString();
  }

  private static void value(Object v, int indent, StringBuilder out) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.append("  ".repeat(indent + 1));
        string(e.getKey().toString(), out);
        out.append(": ");
        value(e.getValue(), indent + 1, out);
        out.append(++i < m.size() ? ",\n" : "\n");
      }
      out.append("  ".repeat(indent)).append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        out.append("  ".repeat(indent + 1));
        value(l.get(i), indent + 1, out);
        out.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      out.append("  ".repeat(indent)).append(']');
    } else if (v instanceof Boolean || v instanceof Number) {
      out.append(v);
    } else if (v == null) {
      out.append("null");
    } else {
      string(v.toString(), out);
    }
  }

  public static void string(String s, StringBuilder out) {
    out.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    out.append('"');
  }
}
