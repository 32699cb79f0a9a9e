package io.envtainer.spec.conda;

import io.envtainer.spec.SpecException;

/**
 * Checks conda version expressions ({@code 1.2}, {@code 1.2.*}, {@code >=1,<2}, {@code =1.2|1.4},
 * {@code (>=1|<0.5),!=0.3}, {@code ^1\.2.*$}) and build strings, so that a typo fails here with a column rather
 * than deep inside conda. Whitespace around operators and separators is allowed, as conda allows it.
 */
final class VersionSyntax {
  private static final String OPERATORS_START = "=!<>~";

  private final SpecText spec;
  private final int end;
  private int pos;

  private VersionSyntax(SpecText spec, int from, int end) {
    this.spec = spec;
    this.pos = from;
    this.end = end;
  }

  /** Checks {@code spec.text[from, end)} as a version expression. */
  static void check(SpecText spec, int from, int end) throws SpecException {
    VersionSyntax v = new VersionSyntax(spec, from, end);
    v.skipSpaces();
    if (v.pos >= end) throw spec.error(from, "expected a version, found nothing");
    v.expression();
    v.skipSpaces();
    if (v.pos < end) throw v.unexpected("',' (and) or '|' (or) between versions");
  }

  /** Checks a build string or glob ({@code py311h64a7726_0}, {@code external_*}, {@code ^py3.*$}). */
  static void checkBuild(SpecText spec, int from, int end) throws SpecException {
    if (from >= end) throw spec.error(from, "expected a build string, found nothing");
    for (int i = from; i < end; i++) {
      char c = spec.text.charAt(i);
      if (!(Character.isLetterOrDigit(c) || "_.*+!^$".indexOf(c) >= 0)) {
        throw spec.error(i, "expected a build string (letters, digits, '_', '.', '*'), found '" + c + "'");
      }
    }
  }

  private void expression() throws SpecException {
    group();
    skipSpaces();
    while (pos < end && (at() == ',' || at() == '|')) {
      pos++;
      group();
      skipSpaces();
    }
  }

  private void group() throws SpecException {
    skipSpaces();
    if (pos < end && at() == '(') {
      int open = pos++;
      expression();
      if (pos >= end || at() != ')') throw spec.error(open, "expected ')' to close the '(' here, found " + foundHere());
      pos++;
    } else {
      term();
    }
  }

  private void term() throws SpecException {
    if (pos < end && at() == '^') {
      int close = spec.text.indexOf('$', pos);
      if (close < 0 || close >= end) throw spec.error(pos, "expected a regular expression '^...$' to end with '$'");
      pos = close + 1;
      return;
    }
    String op = operator();
    skipSpaces();
    int start = pos;
    while (pos < end && isVersionChar(at())) pos++;
    if (pos == start) {
      String what = op.isEmpty() ? "a version" : "a version after '" + op + "'";
      throw spec.error(pos, "expected " + what + ", found " + foundHere());
    }
  }

  private String operator() throws SpecException {
    int start = pos;
    while (pos < end && OPERATORS_START.indexOf(at()) >= 0) pos++;
    String op = spec.text.substring(start, pos);
    switch (op) {
      case "", "==", "!=", "<=", ">=", "<", ">", "=", "~=" -> {
        return op;
      }
      default -> throw spec.error(start, "expected an operator (==, !=, <, <=, >, >=, =, ~=), found '" + op + "'");
    }
  }

  static boolean isVersionChar(char c) {
    return Character.isLetterOrDigit(c) || "._+!*@-".indexOf(c) >= 0;
  }

  private SpecException unexpected(String expected) {
    return spec.error(pos, "expected " + expected + ", found " + foundHere());
  }

  private String foundHere() {
    return pos >= end ? "nothing" : spec.found(pos);
  }

  private char at() {
    return spec.text.charAt(pos);
  }

  private void skipSpaces() {
    while (pos < end && Character.isWhitespace(at())) pos++;
  }
}
