package io.envtainer.cli;

/** Bad usage that picocli cannot see (conflicting or missing options, unusable paths): exit 2. */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super("envtainer: " + message);
  }
}
