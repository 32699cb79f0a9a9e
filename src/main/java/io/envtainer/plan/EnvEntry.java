package io.envtainer.plan;

import io.envtainer.spec.SourceLocation;

/**
 * One runtime environment change. Values are literal text: backends quote them, never expand them, except that
 * PREPEND and APPEND add to the variable's current value.
 */
public record EnvEntry(String name, Op op, String value, SourceLocation origin) {
  public enum Op {
    SET,
    /** value goes before the current value, separated by ':'. */
    PREPEND,
    /** value goes after the current value, separated by ':'. */
    APPEND
  }

  public static EnvEntry set(String name, String value, SourceLocation origin) {
    return new EnvEntry(name, Op.SET, value, origin);
  }

  public static EnvEntry prepend(String name, String value, SourceLocation origin) {
    return new EnvEntry(name, Op.PREPEND, value, origin);
  }
}
