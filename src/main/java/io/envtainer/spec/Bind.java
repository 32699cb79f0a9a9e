package io.envtainer.spec;

/** A host path bound into the container: Apptainer's {@code src[:dst[:ro|rw]]}. */
public record Bind(String source, String target, boolean readOnly, SourceLocation location) {
  public Bind {
    if (target == null || target.isEmpty()) target = source;
  }

  /** The {@code --bind} form. */
  public String toBindSpec() {
    String s = source.equals(target) ? source : source + ":" + target;
    return readOnly ? (source.equals(target) ? s + ":" + target + ":ro" : s + ":ro") : s;
  }
}
