package io.envtainer.spec.conda;

import io.envtainer.spec.SourceLocation;

/** A channel of {@code channels:} ({@code conda-forge}, {@code conda-forge/label/mpi-external}, a URL). */
public record Channel(String name, SourceLocation location) {}
