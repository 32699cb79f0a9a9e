package io.envtainer.spec.pip;

import io.envtainer.spec.SourceLocation;

/** A whole-line comment, kept so that writing the file back loses nothing. Text excludes the {@code #}. */
public record Comment(String text, SourceLocation location) implements RequirementsLine {}
