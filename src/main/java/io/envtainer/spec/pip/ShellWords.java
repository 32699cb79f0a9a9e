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

  /**
   * A word, the offset in the line where it starts, and for each of its characters the offset in the line it
   * came from (quotes and backslashes removed).
   */
  record Word(String text, int offset, int[] sources) {
    /** The part of the word from {@code index} on, as a line of its own that still locates each character. */
    LogicalLine rest(LogicalLine line, int index) {
      int[] src = sources;
      int endOffset = src.length == 0 ? offset : src[src.length - 1] + 1;
      return line.view(text.substring(index), i -> index + i < src.length ? src[index + i] : endOffset);
    }
  }

  static List<Word> split(LogicalLine line, int start, int end) throws SpecException {
    String s = line.text();
    List<Word> words = new ArrayList<>();
    int i = start;
    while (true) {
      while (i < end && isSpace(s.charAt(i))) i++;
      if (i >= end) return words;
      int wordStart = i;
      StringBuilder w = new StringBuilder();
      Sources src = new Sources();
      while (i < end && !isSpace(s.charAt(i))) {
        char c = s.charAt(i);
        if (c == '\'') {
          int close = s.indexOf('\'', i + 1);
          if (close < 0 || close >= end) throw unclosed(line, i, c);
          w.append(s, i + 1, close);
          for (int k = i + 1; k < close; k++) src.add(k);
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
              src.add(i + 1);
              i += 2;
            } else {
              w.append(d);
              src.add(i);
              i++;
            }
          }
        } else if (c == '\\') {
          if (i + 1 >= end) {
            throw line.error(i, "expected a character after '\\', found end of line",
                "quote the value, or remove the backslash");
          }
          w.append(s.charAt(i + 1));
          src.add(i + 1);
          i += 2;
        } else {
          w.append(c);
          src.add(i);
          i++;
        }
      }
      words.add(new Word(w.toString(), wordStart, src.toArray()));
    }
  }

  /** A growing list of ints. */
  private static final class Sources {
    private int[] values = new int[16];
    private int size;

    void add(int v) {
      if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
      values[size++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }

  private static SpecException unclosed(LogicalLine line, int at, char quote) {
    return line.error(at, "expected a closing " + quote + " for this quote, found end of line", null);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
