package io.envtainer.spec.conda;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;

/** One MatchSpec's text and where its first character is, so that errors can point at the exact column. */
final class SpecText {
  static final String FORMS =
      "conda specs look like name, name=1.2, name>=1.2,<2, name 1.2 build, channel::name=1.2=build, name[build=...]";

  final String text;
  private final SourceLocation start;

  SpecText(String text, SourceLocation start) {
    this.text = text;
    this.start = start;
  }

  /** The location of the character at {@code offset}; a whole-line location stays whole-line. */
  SourceLocation at(int offset) {
    if (start == null || start.column() <= 0) return start;
    return new SourceLocation(start.file(), start.line(), start.column() + offset);
  }

  SpecException error(int offset, String expected) {
    return error(offset, expected, FORMS);
  }

  SpecException error(int offset, String expected, String hint) {
    return new SpecException(at(offset), "invalid conda package spec '" + text + "': " + expected, hint);
  }

  /** What is at {@code offset}, for "found ..." messages. */
  String found(int offset) {
    if (offset >= text.length()) return "nothing";
    return "'" + text.charAt(offset) + "'";
  }
}
