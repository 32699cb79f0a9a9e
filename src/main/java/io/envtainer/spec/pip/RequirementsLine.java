package io.envtainer.spec.pip;

import io.envtainer.spec.SourceLocation;

/** One logical line of a pip requirements file (after joining {@code \} continuations). */
public sealed interface RequirementsLine permits Requirement, PipOption, Include, Comment {
  SourceLocation location();
}
