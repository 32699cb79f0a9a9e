package io.envtainer.spec.conda;

import io.envtainer.spec.SpecException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code [key=value, key='value']} part of a MatchSpec. Entries are separated by a comma, spaces or both;
 * a value may be single- or double-quoted (it must be when it holds a comma, space or '=').
 */
final class BracketSyntax {
  /** The fields conda's MatchSpec can match on (conda/models/match_spec.py FIELD_NAMES, plus sha256). */
  static final Set<String> KEYS = Set.of("channel", "subdir", "name", "version", "build", "build_number",
      "track_features", "features", "url", "md5", "sha256", "license", "license_family", "fn");

  private BracketSyntax() {}

  /** Index of the ']' closing the '[' at {@code open}, skipping quoted text; -1 if there is none. */
  static int closing(String text, int open) {
    char quote = 0;
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  /** Parses {@code spec.text[from, end)}, the text between the brackets. */
  static Map<String, String> parse(SpecText spec, int from, int end) throws SpecException {
    String t = spec.text;
    Map<String, String> out = new LinkedHashMap<>();
    int pos = from;
    while (true) {
      while (pos < end && (t.charAt(pos) == ',' || Character.isWhitespace(t.charAt(pos)))) pos++;
      if (pos >= end) break;
      int keyStart = pos;
      while (pos < end && isKeyChar(t.charAt(pos))) pos++;
      String key = t.substring(keyStart, pos);
      if (key.isEmpty()) throw spec.error(pos, "expected a key such as build= or version= in [...], found " + spec.found(pos));
      if (!KEYS.contains(key)) {
        throw spec.error(keyStart, "expected a MatchSpec field in [...] (" + String.join(", ", new java.util.TreeSet<>(KEYS))
            + "), found '" + key + "'");
      }
      if (out.containsKey(key)) throw spec.error(keyStart, "expected each key once in [...], found '" + key + "' again");
      if (pos >= end || t.charAt(pos) != '=') {
        throw spec.error(pos, "expected '=' after '" + key + "' in [...], found " + (pos >= end ? "nothing" : spec.found(pos)));
      }
      pos++;
      int valueStart = pos;
      String value;
      if (pos < end && (t.charAt(pos) == '\'' || t.charAt(pos) == '"')) {
        char quote = t.charAt(pos);
        int close = t.indexOf(quote, pos + 1);
        if (close < 0 || close >= end) throw spec.error(pos, "expected a closing " + quote + " for the value of '" + key + "'");
        value = t.substring(pos + 1, close);
        valueStart = pos + 1;
        pos = close + 1;
      } else {
        while (pos < end && t.charAt(pos) != ',' && !Character.isWhitespace(t.charAt(pos))) pos++;
        value = t.substring(valueStart, pos);
      }
      if (value.isBlank()) throw spec.error(valueStart, "expected a value for '" + key + "' in [...], found nothing");
      if (pos < end && t.charAt(pos) != ',' && !Character.isWhitespace(t.charAt(pos))) {
        throw spec.error(pos, "expected ',' between [...] entries, found " + spec.found(pos));
      }
      if (key.equals("version")) VersionSyntax.check(spec, valueStart, valueStart + value.length());
      if (key.equals("build")) VersionSyntax.checkBuild(spec, valueStart, valueStart + value.length());
      out.put(key, value);
    }
    return out;
  }

  private static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }
}
