package io.envtainer.apptainer;

/**
 * Last line of defence before def text leaves envtainer. Spec values are validated (with their spec line) by the
 * plan resolver; reaching one of these checks means a value slipped through, which is a bug, so it fails loudly.
 */
final class DefSafety {
  private DefSafety() {}

  static void headerValue(String key, String value) {
    if (value.isEmpty() || value.contains("#") || value.contains("\n") || value.contains("\r")
        || !value.strip().equals(value)) {
      throw new IllegalStateException("unsafe value for def header " + key + ": " + value);
    }
  }

  /** A %files word: no blanks, quotes, braces or leading '#'. */
  static String filesWord(String w) {
    if (w.isEmpty() || !w.matches("[A-Za-z0-9_./+@:,=-]+") || w.startsWith("#")) {
      throw new IllegalStateException("unsafe path for %files: " + w);
    }
    return w;
  }

  /** No line after the header may start a section by accident, and no templating placeholder may appear. */
  static void check(String def) {
    boolean inSection = false;
    for (String line : def.split("\n", -1)) {
      String first = line.strip();
      if (first.startsWith("%")) {
        String name = first.substring(1).split("\\s+")[0];
        if (!name.matches("files|post|environment|runscript|test|labels|help")) {
          throw new IllegalStateException("unexpected def section line: " + line);
        }
        if (!line.startsWith("%")) throw new IllegalStateException("indented section line: " + line);
        inSection = true;
      } else if (!inSection && !first.isEmpty() && !first.startsWith("#") && !first.matches("(Bootstrap|From|Stage): .*")) {
        throw new IllegalStateException("unexpected def header line: " + line);
      } else if (first.matches("(?i)bootstrap:.*")) {
        if (!line.startsWith("Bootstrap:")) throw new IllegalStateException("indented Bootstrap: " + line);
        inSection = false;
      }
      if (line.matches(".*\\{\\{\\s*\\w+\\s*}}.*")) {
        throw new IllegalStateException("def templating placeholder in generated text: " + line);
      }
    }
  }
}
