package io.envtainer.spec;

/** A file or directory copied from the build host into the image. Source is relative to the spec file. */
public record FileCopy(String source, String target, SourceLocation location) {}
