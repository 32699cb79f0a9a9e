package io.envtainer.spec.pip;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One logical line of a requirements file (physical lines joined at {@code \}), which still knows the source
 * position of every character so that errors point at the exact physical line and column.
 */
final class LogicalLine {
  private final String text;
  private final IntFunction<SourceLocation> locator;

  private LogicalLine(String text, IntFunction<SourceLocation> locator) {
    this.text = text;
    this.locator = locator;
  }

  /** A single piece of text whose first character is at {@code start} (column 0 = unknown, stays 0). */
  static LogicalLine of(String text, SourceLocation start) {
    Builder b = new Builder(start == null ? null : start.file());
    b.append(text, start == null ? 0 : start.line(), start == null ? 0 : start.column());
    return b.build();
  }

  String text() {
    return text;
  }

  /** Where the character at {@code offset} was written; offsets at or past the end give the end of the line. */
  SourceLocation at(int offset) {
    return locator.apply(offset);
  }

  SpecException error(int offset, String problem, String hint) {
    return new SpecException(at(offset), problem, hint);
  }

  /** A line with other text (an unquoted shell word) whose character i was written at {@code offsetOf(i)}. */
  LogicalLine view(String newText, java.util.function.IntUnaryOperator offsetOf) {
    return new LogicalLine(newText, i -> at(offsetOf.applyAsInt(i)));
  }

  /** Collects physical pieces; each piece's characters are consecutive columns on one physical line. */
  static final class Builder {
    private record Piece(int start, int length, int line, int column) {}

    private final Path file;
    private final StringBuilder text = new StringBuilder();
    private final List<Piece> pieces = new ArrayList<>();

    Builder(Path file) {
      this.file = file;
    }

    /** Appends text whose first character is at (line, column); column 0 means unknown. */
    Builder append(String s, int line, int column) {
      pieces.add(new Piece(text.length(), s.length(), line, column));
      text.append(s);
      return this;
    }

    boolean isEmpty() {
      return pieces.isEmpty();
    }

    LogicalLine build() {
      List<Piece> ps = List.copyOf(pieces);
      Path f = file;
      int length = text.length();
      return new LogicalLine(text.toString(), offset -> {
        if (ps.isEmpty()) return new SourceLocation(f, 0, 0);
        Piece p = ps.get(ps.size() - 1);
        int o = Math.min(Math.max(offset, 0), length);
        for (Piece q : ps) {
          if (o < q.start() + q.length()) {
            p = q;
            break;
          }
        }
        int col = p.column() == 0 ? 0 : p.column() + (o - p.start());
        return new SourceLocation(f, p.line(), col);
      });
    }
  }
}
