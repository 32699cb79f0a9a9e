package io.envtainer.plan;

import io.envtainer.spec.SourceLocation;

/** A check run in the finished image: a shell command that must exit 0. */
public record PlanTest(String title, String command, SourceLocation origin) {}
