package io.envtainer.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the subset of Lua that Lmod writes for its module table: {@code name = { key = "string", n = 3,
 * ["odd-key"] = true, { "list", "items" }, }}. Tables become {@code Map<String,Object>} (list items keyed
 * "1", "2", ...); strings, numbers and booleans become String.
 */
final class LuaTable {
  private final String s;
  private int i;

  private LuaTable(String s) {
    this.s = s;
  }

  /** Parses {@code NAME = { ... }} (or a bare table) and returns the table. */
  static Map<String, Object> parseAssignment(String text) {
    LuaTable p = new LuaTable(text);
    p.skip();
    if (p.peek() != '{') {
      p.name();
      p.expect('=');
    }
    return p.table();
  }

  private Map<String, Object> table() {
    expect('{');
    Map<String, Object> out = new LinkedHashMap<>();
    int index = 1;
    while (true) {
      skip();
      if (peek() == '}') {
        i++;
        return out;
      }
      String key = null;
      int save = i;
      if (peek() == '[') {
        i++;
        skip();
        key = peek() == '"' || peek() == '\'' ? string() : atom();
        expect(']');
        expect('=');
      } else if (Character.isLetter(peek()) || peek() == '_') {
        String n = name();
        skip();
        if (peek() == '=') {
          i++;
          key = n;
        } else {
          i = save;
        }
      }
      Object value = value();
      out.put(key != null ? key : Integer.toString(index++), value);
      skip();
      if (peek() == ',' || peek() == ';') i++;
    }
  }

  private Object value() {
    skip();
    char c = peek();
    if (c == '{') return table();
    if (c == '"' || c == '\'') return string();
    return atom();
  }

  private String string() {
    char q = s.charAt(i++);
    StringBuilder b = new StringBuilder();
    while (i < s.length() && s.charAt(i) != q) {
      char c = s.charAt(i++);
      if (c == '\\' && i < s.length()) {
        char e = s.charAt(i++);
        b.append(switch (e) { case 'n' -> '\n'; case 't' -> '\t'; default -> e; });
      } else {
        b.append(c);
      }
    }
    if (i >= s.length()) throw new IllegalArgumentException("unterminated string in Lua table");
    i++;
    return b.toString();
  }

  private String atom() {
    int start = i;
    while (i < s.length() && "{}[],;=\n\r\t ".indexOf(s.charAt(i)) < 0) i++;
    if (start == i) throw new IllegalArgumentException("unexpected '" + peek() + "' at " + i + " in Lua table");
    return s.substring(start, i);
  }

  private String name() {
    skip();
    int start = i;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
    if (start == i) throw new IllegalArgumentException("expected a name at " + i + " in Lua table");
    return s.substring(start, i);
  }

  private void expect(char c) {
    skip();
    if (peek() != c) throw new IllegalArgumentException("expected '" + c + "' at " + i + " in Lua table");
    i++;
  }

  private char peek() {
    if (i >= s.length()) throw new IllegalArgumentException("Lua table ends early");
    return s.charAt(i);
  }

  private void skip() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (s.startsWith("--", i)) {
        while (i < s.length() && s.charAt(i) != '\n') i++;
      } else {
        return;
      }
    }
  }

  static List<String> strings(Object table) {
    List<String> out = new ArrayList<>();
    if (table instanceof Map<?, ?> m) for (Object v : m.values()) if (v instanceof String str) out.add(str);
    return out;
  }
}
