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
 * @param version version constraint ({@code 1.2}, {@code ==1.2}, {@code >=1,<2}, {@code 1.2.*}), or null
 * @param build build string or glob, or null
 * @param brackets {@code [key=value,...]} entries in order, quotes removed
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
}
