package io.envtainer.spec.conda;

import io.envtainer.spec.SourceLocation;

/** An entry of {@code dependencies:}: a conda MatchSpec or the {@code pip:} sub-list. */
public sealed interface CondaDependency permits MatchSpec, PipDependencies {
  SourceLocation location();
}
