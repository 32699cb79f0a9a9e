package io.envtainer.spec.pip;

import io.envtainer.spec.SourceLocation;

/**
 * {@code -r FILE} (more requirements) or {@code -c FILE} (constraints), resolved relative to the including file.
 *
 * @param target the path as written
 * @param included the parsed file
 */
public record Include(Kind kind, String target, Requirements included, SourceLocation location)
    implements RequirementsLine {
  public enum Kind {
    REQUIREMENTS("-r"),
    CONSTRAINTS("-c");

    private final String flag;

    Kind(String flag) {
      this.flag = flag;
    }

    public String flag() {
      return flag;
    }
  }
}
