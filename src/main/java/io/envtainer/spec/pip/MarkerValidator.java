package io.envtainer.spec.pip;

import io.envtainer.spec.SpecException;
import java.util.Set;

/**
 * Checks that text is a PEP 508 environment marker, with the grammar of {@code packaging}'s marker parser:
 * <pre>
 * marker = atom (('and' | 'or') atom)*
 * atom   = '(' marker ')' | value op value
 * value  = VARIABLE | 'string' | "string"
 * op     = == | != | &lt;= | &gt;= | &lt; | &gt; | ~= | === | in | not in
 * </pre>
 * Only the syntax is checked; the text itself is kept as written.
 */
final class MarkerValidator {
  private MarkerValidator() {}

  static final Set<String> VARIABLES = Set.of(
      "python_version", "python_full_version", "os_name", "os.name", "sys_platform", "sys.platform",
      "platform_release", "platform_system", "platform_version", "platform.version", "platform_machine",
      "platform.machine", "platform_python_implementation", "platform.python_implementation",
      "python_implementation", "implementation_name", "implementation_version", "extra", "extras",
      "dependency_groups");

  private static final String VARIABLE_LIST = "python_version, python_full_version, os_name, sys_platform,"
      + " platform_release, platform_system, platform_version, platform_machine, platform_python_implementation,"
      + " implementation_name, implementation_version, extra";

  private static final String[] OPS = {"===", "==", "!=", "~=", "<=", ">=", "<", ">"};

  /** The cursor covers exactly the marker text. */
  static void validate(Cursor c) throws SpecException {
    marker(c);
    c.skipBlanks();
    if (!c.atEnd()) throw c.error(c.pos, "'and', 'or' or the end of the marker", null);
  }

  private static void marker(Cursor c) throws SpecException {
    atom(c);
    while (true) {
      c.skipBlanks();
      if (word(c, "and") || word(c, "or")) {
        c.pos += c.peek() == 'a' ? 3 : 2;
        atom(c);
      } else {
        return;
      }
    }
  }

  private static void atom(Cursor c) throws SpecException {
    c.skipBlanks();
    if (c.peek() == '(') {
      int open = c.pos++;
      marker(c);
      c.skipBlanks();
      if (c.atEnd()) {
        throw c.line.error(open, "expected ')' to close this '(' (marker), found end of " + c.what, null);
      }
      if (c.peek() != ')') throw c.error(c.pos, "'and', 'or' or ')'", null);
      c.pos++;
    } else {
      value(c);
      c.skipBlanks();
      operator(c);
      c.skipBlanks();
      value(c);
    }
    c.skipBlanks();
  }

  private static void value(Cursor c) throws SpecException {
    char q = c.peek();
    if (q == '"' || q == '\'') {
      int close = c.s.indexOf(q, c.pos + 1);
      if (close < 0 || close >= c.end) {
        throw c.line.error(c.pos, "expected a closing " + q + " for this string, found end of " + c.what, null);
      }
      c.pos = close + 1;
      return;
    }
    int start = c.pos;
    while (!c.atEnd() && (Pep508.isAlnum(c.peek()) || c.peek() == '_' || c.peek() == '.')) c.pos++;
    String w = c.s.substring(start, c.pos);
    if (!VARIABLES.contains(w)) {
      c.pos = start;
      String hint = w.isEmpty() ? null
          : Character.isDigit(w.charAt(0)) ? "quote versions: python_version >= \"3.9\""
          : "quote strings, and use one of the marker variables";
      throw c.error(start, "a marker variable (" + VARIABLE_LIST + ") or a quoted string", hint);
    }
  }

  private static void operator(Cursor c) throws SpecException {
    for (String op : OPS) {
      if (c.startsWith(op)) {
        c.pos += op.length();
        return;
      }
    }
    if (word(c, "in")) {
      c.pos += 2;
      return;
    }
    if (word(c, "not")) {
      c.pos += 3;
      int blanks = c.pos;
      c.skipBlanks();
      if (c.pos > blanks && word(c, "in")) {
        c.pos += 2;
        return;
      }
      throw c.error(c.pos, "'in' after 'not'", null);
    }
    throw c.error(c.pos, "a marker operator (==, !=, <, <=, >, >=, ~=, ===, in, not in)",
        c.peek() == '=' ? "compare with '=='" : null);
  }

  /** The keyword at the cursor, not followed by more identifier characters. */
  private static boolean word(Cursor c, String w) {
    if (!c.startsWith(w)) return false;
    int after = c.pos + w.length();
    return after >= c.end || !(Pep508.isAlnum(c.s.charAt(after)) || c.s.charAt(after) == '_');
  }
}
