package io.envtainer.spec;

/** Something accepted but worth telling the user, e.g. an unknown key in a conda file. */
public record SpecWarning(SourceLocation location, String message) {
  @Override
  public String toString() {
    return location + ": warning: " + message;
  }
}
