package io.envtainer.plan;

/**
 * A host path bound into the container at run time.
 *
 * @param reason why it is there: "spec", "site", "mpi", "modules"
 */
public record BindMount(String source, String target, boolean readOnly, String reason) {
  /** Apptainer's {@code --bind} form. */
  public String toBindSpec() {
    String s = source.equals(target) ? source : source + ":" + target;
    if (!readOnly) return s;
    return source.equals(target) ? source + ":" + target + ":ro" : s + ":ro";
  }
}
