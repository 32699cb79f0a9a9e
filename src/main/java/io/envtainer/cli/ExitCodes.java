package io.envtainer.cli;

/** Documented exit codes of every envtainer command. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** A build, check or doctor finding failed. */
  public static final int FAILED = 1;
  /** Bad input or usage: the spec, a file or an option is wrong. */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}
}
