package io.envtainer.plan;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;

/**
 * Refuses spec values that could change the meaning of a generated file: newlines or control characters in
 * one-line values, lines that would open a def section ({@code %...}) or a new stage ({@code Bootstrap:}),
 * Apptainer's build-time templating ({@code {{ }}}). Each error names the spec line.
 */
public final class PlanChecks {
  private PlanChecks() {}

  /** A value that must stay on one line (labels, env values, names, channels, requirement lines). */
  public static void oneLine(String value, String field, SourceLocation where) throws SpecException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n' || c == '\r') {
        throw new SpecException(where, "expected " + field + " on one line, found a line break", "remove the newline");
      }
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        throw new SpecException(where, "expected " + field + " without control characters, found U+"
            + String.format("%04X", (int) c), null);
      }
    }
    noTemplate(value, field, where);
  }

  /** Shell text the user wrote (runscript, tests): any lines, but none may open a def section or stage. */
  public static void script(String text, String field, SourceLocation where) throws SpecException {
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String first = lines[i].strip();
      // Column 0 marks a block scalar whose lines are file lines; a quoted scalar is one file line.
      SourceLocation at = where.column() == 0 && where.line() > 0
          ? new SourceLocation(where.file(), where.line() + i, 0) : where;
      if (first.startsWith("%")) {
        throw new SpecException(at, "expected " + field + " lines not to start with '%' (Apptainer would read a new "
            + "section there), found '" + abbreviate(first) + "'", "indent does not help; rewrite the line, e.g. "
            + "printf '%%s' ... instead of a leading %");
      }
      if (first.toLowerCase(java.util.Locale.ROOT).startsWith("bootstrap:") && lines[i].startsWith(first)) {
        throw new SpecException(at, "expected " + field + " lines not to start with 'Bootstrap:' (Apptainer would "
            + "start a new stage there)", null);
      }
      for (char c : lines[i].toCharArray()) {
        if (c < 0x20 && c != '\t' || c == 0x7f) {
          throw new SpecException(at, "expected " + field + " without control characters", null);
        }
      }
    }
    noTemplate(text, field, where);
  }

  private static void noTemplate(String value, String field, SourceLocation where) throws SpecException {
    if (value.matches("(?s).*\\{\\{\\s*\\w+\\s*}}.*")) {
      throw new SpecException(where, "expected " + field + " without '{{ name }}' (Apptainer replaces it at build "
          + "time)", "write it differently, e.g. with a space: '{ {'");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
