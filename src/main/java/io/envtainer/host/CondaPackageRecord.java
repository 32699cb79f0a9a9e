package io.envtainer.host;

import java.nio.file.Path;

/**
 * One {@code conda-meta/NAME-VERSION-BUILD.json} record.
 *
 * @param channel the channel's short name ({@code conda-forge}, {@code pkgs/main},
 *     {@code conda-forge/label/mpi-external}) or its URL when not on a known host
 * @param subdir {@code linux-64}, {@code noarch}, or null when the record does not say
 * @param url where the package was downloaded from, or null
 * @param requestedSpec what the user asked for ({@code requested_spec}), or null
 */
public record CondaPackageRecord(String name, String version, String build, String channel, String subdir, String url,
    String requestedSpec, Path file) {

  /** {@code name=version=build}, the form {@code conda env export} writes. */
  public String exactSpec() {
    return build == null || build.isEmpty() ? name + "=" + version : name + "=" + version + "=" + build;
  }
}
