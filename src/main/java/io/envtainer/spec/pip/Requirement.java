package io.envtainer.spec.pip;

import io.envtainer.spec.SourceLocation;
import java.util.List;

/**
 * One requirement.
 *
 * @param name project name as written, or null for an unnamed URL/path
 * @param extras extras in brackets, as written
 * @param specifier version specifiers as written without spaces normalised away ({@code ">=1.2,<2"}), or ""
 * @param url the URL or path for URL/VCS/PATH kinds, else null
 * @param marker the environment marker after {@code ;}, or null
 * @param hashes {@code --hash} values ({@code sha256:...}) in order
 * @param options other per-requirement options ({@code --config-settings}, {@code --global-option}...)
 * @param comment a trailing comment without the {@code #}, or null
 */
public record Requirement(
    String name,
    List<String> extras,
    String specifier,
    String url,
    RequirementKind kind,
    boolean editable,
    String marker,
    List<String> hashes,
    List<PipOption> options,
    String comment,
    SourceLocation location)
    implements RequirementsLine {

  public Requirement {
    extras = List.copyOf(extras == null ? List.of() : extras);
    hashes = List.copyOf(hashes == null ? List.of() : hashes);
    options = List.copyOf(options == null ? List.of() : options);
    if (specifier == null) specifier = "";
  }

  /** The PEP 503 normalised name (lower case, runs of -_. become -), or null. */
  public String normalizedName() {
    return name == null ? null : name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
  }
}
