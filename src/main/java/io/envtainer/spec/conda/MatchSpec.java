package io.envtainer.spec.conda;

import io.envtainer.spec.SourceLocation;
import java.util.Map;

/**
 * A conda MatchSpec, e.g. {@code conda-forge::numpy>=1.26}, {@code openmpi=4.1.*=external_*},
 * {@code mpi4py[build=mpi_openmpi*]}, {@code python >=3.11,<3.15}.
 *
 * @param raw the text exactly as written (what "intact" means)
 * @param channel channel before {@code ::} (may contain a label or subdir: {@code conda-forge/label/mpi-external}), or null
 * @param name package name
 * @param version version constraint as conda matches it ({@code 1.2} exact, {@code 1.2.*} for {@code =1.2},
 *     {@code >=1,<2}, {@code ==1.2} when a build follows), or null; see {@link MatchSpecParser}
 * @param build build string or glob, or null
 * @param brackets {@code [key=value,...]} entries in order, quotes removed (channel, name, version and build
 *     above already reflect them)
 * @param comment a trailing YAML comment, or null
 */
public record MatchSpec(
    String raw,
    String channel,
    String name,
    String version,
    String build,
    Map<String, String> brackets,
    String comment,
    SourceLocation location)
    implements CondaDependency {

  public MatchSpec {
    brackets = brackets == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(brackets));
  }

  private static final java.util.Set<String> SUBDIRS = java.util.Set.of("noarch", "linux-64", "linux-aarch64",
      "linux-ppc64le", "linux-s390x", "linux-armv6l", "linux-armv7l", "linux-32", "osx-64", "osx-arm64", "win-64",
      "win-32", "win-arm64", "freebsd-64", "zos-z", "emscripten-wasm32", "wasi-wasm32");

  /** The same spec with a trailing comment. */
  public MatchSpec withComment(String text) {
    return new MatchSpec(raw, channel, name, version, build, brackets, text, location);
  }

  /** The platform pinned by {@code [subdir=...]} or a channel ending in one ({@code conda-forge/linux-64}), or null. */
  public String subdir() {
    if (brackets.containsKey("subdir")) return brackets.get("subdir");
    if (channel == null) return null;
    String last = channel.substring(channel.lastIndexOf('/') + 1);
    return SUBDIRS.contains(last) ? last : null;
  }
}
