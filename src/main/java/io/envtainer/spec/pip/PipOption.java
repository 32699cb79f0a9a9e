package io.envtainer.spec.pip;

import io.envtainer.spec.SourceLocation;

/**
 * A pip option: global on its own line ({@code --index-url URL}), or per requirement ({@code --hash} is kept
 * separately in {@link Requirement#hashes()}).
 *
 * @param name the long form ({@code --index-url} for {@code -i}, {@code --find-links} for {@code -f})
 * @param value the value, or null for flags such as {@code --pre}
 */
public record PipOption(String name, String value, SourceLocation location) implements RequirementsLine {}
