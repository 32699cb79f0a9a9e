package io.envtainer.spec.pip;

import io.envtainer.spec.SpecException;

/** A position in a range of a {@link LogicalLine}, with the small helpers the hand-written parsers share. */
final class Cursor {
  final LogicalLine line;
  final String s;
  final int end;
  /** What the range is, for "found end of ...": "requirement", "marker". */
  final String what;
  int pos;

  Cursor(LogicalLine line, int start, int end, String what) {
    this.line = line;
    this.s = line.text();
    this.pos = start;
    this.end = end;
    this.what = what;
  }

  boolean atEnd() {
    return pos >= end;
  }

  char peek() {
    return pos < end ? s.charAt(pos) : '\0';
  }

  boolean startsWith(String t) {
    return pos + t.length() <= end && s.startsWith(t, pos);
  }

  /** Blanks as PEP 508 has them: spaces and tabs. */
  void skipBlanks() {
    while (pos < end && isBlank(s.charAt(pos))) pos++;
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** The word at {@code at} as the user wrote it, quoted; or "end of ..." past the range. */
  String describe(int at) {
    if (at >= end) return "end of " + what;
    int e = at;
    while (e < end && !Character.isWhitespace(s.charAt(e))) e++;
    if (e == at) return "'" + s.charAt(at) + "'";
    String w = s.substring(at, e);
    return "'" + (w.length() > 40 ? w.substring(0, 37) + "..." : w) + "'";
  }

  SpecException error(int at, String expected, String hint) {
    return line.error(at, "expected " + expected + ", found " + describe(at), hint);
  }

  SpecException error(int at, String expected, String found, String hint) {
    return line.error(at, "expected " + expected + ", found " + found, hint);
  }
}
