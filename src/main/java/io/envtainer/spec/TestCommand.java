package io.envtainer.spec;

/** A shell command that must succeed in the finished image. */
public record TestCommand(String command, SourceLocation location) {}
