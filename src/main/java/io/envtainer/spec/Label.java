package io.envtainer.spec;

/** An image label (Apptainer %labels, OCI config label). */
public record Label(String key, String value, SourceLocation location) {}
