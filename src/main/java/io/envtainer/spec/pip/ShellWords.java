package io.envtainer.spec.pip;

import io.envtainer.spec.SpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * The options part of a line split into words the way pip does it ({@code shlex.split}, POSIX mode, no
 * comments): blanks separate words, '...' is literal, "..." keeps a backslash unless it escapes {@code "} or
 * {@code \}, a backslash outside quotes escapes the next character.
 */
final class ShellWords {
  private ShellWords() {}

  /** A word and the offset in the line where it starts. */
  record Word(String text, int offset) {}

  static List<Word> split(LogicalLine line, int start, int end) throws SpecException {
    String s = line.text();
    List<Word> words = new ArrayList<>();
    int i = start;
    while (true) {
      while (i < end && isSpace(s.charAt(i))) i++;
      if (i >= end) return words;
      int wordStart = i;
      StringBuilder w = new StringBuilder();
      while (i < end && !isSpace(s.charAt(i))) {
        char c = s.charAt(i);
        if (c == '\'') {
          int close = s.indexOf('\'', i + 1);
          if (close < 0 || close >= end) throw unclosed(line, i, c);
          w.append(s, i + 1, close);
          i = close + 1;
        } else if (c == '"') {
          int open = i++;
          while (true) {
            if (i >= end) throw unclosed(line, open, c);
            char d = s.charAt(i);
            if (d == '"') {
              i++;
              break;
            }
            if (d == '\\' && i + 1 < end && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
              w.append(s.charAt(i + 1));
              i += 2;
            } else {
              w.append(d);
              i++;
            }
          }
        } else if (c == '\\') {
          if (i + 1 >= end) {
            throw line.error(i, "expected a character after '\\', found end of line",
                "quote the value, or remove the backslash");
          }
          w.append(s.charAt(i + 1));
          i += 2;
        } else {
          w.append(c);
          i++;
        }
      }
      words.add(new Word(w.toString(), wordStart));
    }
  }

  private static SpecException unclosed(LogicalLine line, int at, char quote) {
    return line.error(at, "expected a closing " + quote + " for this quote, found end of line", null);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
