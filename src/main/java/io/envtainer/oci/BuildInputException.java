package io.envtainer.oci;

/** The build cannot start with what it was given (a missing environment, an unsupported base): exit 2. */
public class BuildInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public BuildInputException(String message) {
    super(message);
  }
}
