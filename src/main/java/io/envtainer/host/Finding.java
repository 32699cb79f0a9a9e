package io.envtainer.host;

import io.envtainer.spec.SourceLocation;

/**
 * One result of a compatibility check: a severity, a stable code for scripts and tests, and one line that explains
 * it.
 *
 * @param where the profile or spec line the finding is about, or null
 */
public record Finding(Severity severity, String code, String message, SourceLocation where) {
  public enum Severity {
    OK("ok"),
    WARNING("warning"),
    ERROR("error");

    private final String label;

    Severity(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public static Finding ok(String code, String message) {
    return new Finding(Severity.OK, code, message, null);
  }

  public static Finding warning(String code, String message) {
    return new Finding(Severity.WARNING, code, message, null);
  }

  public static Finding error(String code, String message) {
    return new Finding(Severity.ERROR, code, message, null);
  }

  public Finding at(SourceLocation location) {
    return new Finding(severity, code, message, location);
  }

  /** {@code error: [mpi-abi] ... (recipes/x.yaml:4:11)}. */
  @Override
  public String toString() {
    return severity.label() + ": [" + code + "] " + message + (where != null && where.line() > 0 ? " (" + where + ")" : "");
  }
}
