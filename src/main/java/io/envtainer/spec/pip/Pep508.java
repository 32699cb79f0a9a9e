package io.envtainer.spec.pip;

import io.envtainer.spec.SpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * PEP 508 dependency specifiers without the marker (pip splits the marker off first):
 * {@code name [extras] (@ URL | specifiers | '(' specifiers ')')}.
 */
final class Pep508 {
  private Pep508() {}

  /** What a specifier says; {@code url} is set for a direct reference ({@code name @ url}), with its offset. */
  record Parsed(String name, List<String> extras, String specifier, String url, int urlStart) {}

  static final String OPERATORS = "==, !=, <=, >=, <, >, ~=, ===";

  static Parsed parse(Cursor c) throws SpecException {
    c.skipBlanks();
    String name = name(c, "a project name");
    c.skipBlanks();
    List<String> extras = c.peek() == '[' ? extras(c) : List.of();
    c.skipBlanks();
    if (c.peek() == '@') {
      c.pos++;
      c.skipBlanks();
      int urlStart = c.pos;
      while (!c.atEnd() && !Cursor.isBlank(c.peek())) c.pos++;
      if (c.pos == urlStart) throw c.error(urlStart, "a URL after '@'", "write 'name @ https://host/file.whl'");
      String url = c.s.substring(urlStart, c.pos);
      c.skipBlanks();
      if (!c.atEnd()) {
        throw c.error(c.pos, "the end of the requirement after the URL",
            "separate an environment marker from the URL with ' ; '");
      }
      return new Parsed(name, extras, "", url, urlStart);
    }
    String spec = specifier(c);
    c.skipBlanks();
    if (!c.atEnd()) throw afterSpecifier(c, spec);
    return new Parsed(name, extras, spec, null, -1);
  }

  private static SpecException afterSpecifier(Cursor c, String spec) {
    char ch = c.peek();
    if (spec.isEmpty()) {
      String hint = Character.isDigit(ch) ? "did you mean '==" + c.describe(c.pos).replace("'", "") + "'?"
          : ch == '-' ? "separate options from the requirement with a space (pip does not split at tabs)"
          : Cursor.isBlank(c.s.charAt(c.pos - 1)) && Character.isLetterOrDigit(ch)
              ? "a project name has no spaces; write one requirement per line"
              : null;
      return c.error(c.pos, "a version specifier (" + OPERATORS + "), '[', '@', ';' or the end of the requirement",
          hint);
    }
    String hint = isOperatorStart(ch) ? "separate version specifiers with ','" : null;
    return c.error(c.pos, "',' and another version specifier, ';' and a marker, or the end of the requirement", hint);
  }

  /** A PEP 508 name: letters, digits, '.', '-', '_', starting and ending with a letter or digit. */
  static String name(Cursor c, String what) throws SpecException {
    int start = c.pos;
    if (!isAlnum(c.peek())) {
      throw c.error(start, what + " (letters, digits, '.', '-', '_'; starting with a letter or digit)",
          c.peek() == '$' ? "pip expands ${VARIABLES} at install time; envtainer cannot check what they will be"
              : null);
    }
    while (!c.atEnd() && (isAlnum(c.peek()) || c.peek() == '.' || c.peek() == '-' || c.peek() == '_')) c.pos++;
    if (!isAlnum(c.s.charAt(c.pos - 1))) {
      throw c.error(start, what + " ending in a letter or digit", "'" + c.s.substring(start, c.pos) + "'", null);
    }
    return c.s.substring(start, c.pos);
  }

  /** {@code [a, b]}: the cursor is at '['. */
  static List<String> extras(Cursor c) throws SpecException {
    int open = c.pos++;
    List<String> out = new ArrayList<>();
    c.skipBlanks();
    if (c.peek() == ']') {
      c.pos++;
      return out;
    }
    while (true) {
      if (c.atEnd()) throw unclosed(c, open, ']', "extras");
      out.add(name(c, "an extra name"));
      c.skipBlanks();
      if (c.peek() == ',') {
        c.pos++;
        c.skipBlanks();
      } else if (c.peek() == ']') {
        c.pos++;
        return out;
      } else if (c.atEnd()) {
        throw unclosed(c, open, ']', "extras");
      } else {
        throw c.error(c.pos, "',' or ']' in the list of extras", null);
      }
    }
  }

  private static SpecException unclosed(Cursor c, int open, char close, String what) {
    return c.line.error(open, "expected '" + close + "' to close this '" + c.s.charAt(open) + "' (" + what
        + "), found end of " + c.what, null);
  }

  /** Version specifiers, optionally in legacy parentheses; returns them joined by ',' without blanks, or "". */
  static String specifier(Cursor c) throws SpecException {
    int open = -1;
    if (c.peek() == '(') {
      open = c.pos++;
      c.skipBlanks();
    }
    StringBuilder out = new StringBuilder();
    if (isOperatorStart(c.peek())) {
      while (true) {
        String op = operator(c);
        c.skipBlanks();
        int vStart = c.pos;
        while (!c.atEnd() && !Character.isWhitespace(c.peek()) && ",;)".indexOf(c.peek()) < 0) c.pos++;
        if (vStart == c.pos) throw c.error(vStart, "a version after '" + op + "'", null);
        String version = c.s.substring(vStart, c.pos);
        Pep440.Problem p = Pep440.check(op, version);
        if (p != null) {
          String found = p.index() == 0 ? "'" + version + "'" : "'" + version.substring(p.index()) + "'";
          throw c.error(vStart + p.index(), p.expected(), found, p.hint());
        }
        out.append(op).append(version);
        c.skipBlanks();
        if (c.peek() != ',') break;
        c.pos++;
        c.skipBlanks();
        // packaging accepts a trailing comma ("pkg>=1,"); it adds nothing, so it is not kept.
        if (c.atEnd() || c.peek() == ')') break;
        if (!isOperatorStart(c.peek())) throw c.error(c.pos, "a version operator (" + OPERATORS + ") after ','", null);
        out.append(',');
      }
    }
    if (open >= 0) {
      c.skipBlanks();
      if (c.atEnd()) throw unclosed(c, open, ')', "version specifier");
      if (c.peek() != ')') throw c.error(c.pos, "',' or ')' in the version specifier", null);
      c.pos++;
    }
    return out.toString();
  }

  private static final String[] GOOD = {"===", "==", "!=", "~=", "<=", ">=", "<", ">"};

  private static String operator(Cursor c) throws SpecException {
    int start = c.pos;
    int e = start;
    while (e < c.end && isOperatorStart(c.s.charAt(e))) e++;
    String run = c.s.substring(start, e);
    String hint = run.startsWith("=>") ? ">=" : run.startsWith("=<") ? "<=" : run.startsWith("<>") ? "!="
        : run.equals("=") ? "==" : run.equals("!") ? "!=" : run.equals("~") ? "~=" : null;
    for (String op : GOOD) {
      if (run.equals(op)) {
        c.pos += op.length();
        return op;
      }
    }
    throw c.error(start, "a version operator (" + OPERATORS + ")", "'" + run + "'",
        hint == null ? null : "did you mean '" + hint + "'?");
  }

  static boolean isOperatorStart(char ch) {
    return ch == '=' || ch == '!' || ch == '<' || ch == '>' || ch == '~';
  }

  static boolean isAlnum(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
  }
}
