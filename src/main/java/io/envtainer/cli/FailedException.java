package io.envtainer.cli;

/** A build, check or doctor finding failed: exit 1 with this message. */
public class FailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FailedException(String message) {
    super(message);
  }

  public FailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
