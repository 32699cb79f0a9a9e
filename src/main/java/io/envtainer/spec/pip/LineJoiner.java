package io.envtainer.spec.pip;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Physical lines to logical lines exactly as pip's {@code preprocess} does: split at Python's line boundaries
 * (LF, CRLF, CR, ...), join a line ending in {@code \} with the next (a comment line is never continued and ends
 * a continuation), the joined line keeps the number of its first physical line.
 */
final class LineJoiner {
  private LineJoiner() {}

  /**
   * @param firstLine the line number of the first physical line
   * @param firstColumn the column of the text's first character (1 for a file; 0 when unknown)
   */
  static List<LogicalLine> join(String text, Path file, int firstLine, int firstColumn) {
    List<LogicalLine> out = new ArrayList<>();
    List<String> physical = splitLines(text);
    LogicalLine.Builder pending = null;
    for (int i = 0; i < physical.size(); i++) {
      String line = physical.get(i);
      int lineNo = firstLine + i;
      int column = i == 0 ? firstColumn : (firstColumn == 0 ? 0 : 1);
      boolean comment = isCommentLine(line);
      if (!line.endsWith("\\") || comment) {
        LogicalLine.Builder b = pending != null ? pending : new LogicalLine.Builder(file);
        // pip prefixes a comment line with a space so that it is always recognised as a comment when joined.
        if (comment && pending != null) b.append(" ", lineNo, column);
        b.append(line, lineNo, column);
        out.add(b.build());
        pending = null;
      } else {
        if (pending == null) pending = new LogicalLine.Builder(file);
        // pip strips backslashes from both ends of a continued line (line.strip("\\")).
        int from = 0;
        int to = line.length();
        while (from < to && line.charAt(from) == '\\') from++;
        while (to > from && line.charAt(to - 1) == '\\') to--;
        pending.append(line.substring(from, to), lineNo, column == 0 ? 0 : column + from);
      }
    }
    if (pending != null) out.add(pending.build());
    return out;
  }

  /** pip's {@code COMMENT_RE.match}: {@code #} at the start, or after leading whitespace. */
  static boolean isCommentLine(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) i++;
    return i < line.length() && line.charAt(i) == '#';
  }

  /** Python's {@code str.splitlines()}: no empty last element for a trailing line break. */
  static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (isLineBreak(c)) {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
        start = i + 1;
      }
      i++;
    }
    if (start < text.length()) lines.add(text.substring(start));
    return lines;
  }

  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u000B' || c == '\u000C' || c == '\u001C' || c == '\u001D'
        || c == '\u001E' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
