package io.envtainer.plan;

/**
 * Choices made on the command line rather than in the spec.
 *
 * @param stages single, multi or auto (multi when something must be compiled)
 * @param command the command line that made the plan, recorded in generated files
 */
public record PlanOptions(Stages stages, String command) {
  public enum Stages { AUTO, SINGLE, MULTI }

  public static PlanOptions defaults() {
    return new PlanOptions(Stages.AUTO, "envtainer");
  }
}
