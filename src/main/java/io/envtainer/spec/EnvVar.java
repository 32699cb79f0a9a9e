package io.envtainer.spec;

/** An environment variable set in the image at run time. */
public record EnvVar(String name, String value, SourceLocation location) {}
