package io.envtainer.spec;

import java.nio.file.Path;

/** A place in an input file: 1-based line and column. Column 0 means "the whole line". */
public record SourceLocation(Path file, int line, int column) {

  public static SourceLocation of(Path file, int line) {
    return new SourceLocation(file, line, 0);
  }

  /** A location for values that come from no file (command line, captured shell). */
  public static SourceLocation synthetic(String what) {
    return new SourceLocation(Path.of("<" + what + ">"), 0, 0);
  }

  @Override
  public String toString() {
    String f = file == null ? "<input>" : file.toString();
    if (line <= 0) return f;
    return column > 0 ? f + ":" + line + ":" + column : f + ":" + line;
  }
}
