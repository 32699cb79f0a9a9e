package io.envtainer.spec.conda;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.pip.Requirements;

/** The {@code - pip:} entry of a conda environment: a list of requirements-file lines. */
public record PipDependencies(Requirements requirements, SourceLocation location) implements CondaDependency {}
