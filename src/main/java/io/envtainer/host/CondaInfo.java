package io.envtainer.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An active conda environment.
 *
 * @param prefix {@code $CONDA_PREFIX}
 * @param name {@code $CONDA_DEFAULT_ENV} (or the prefix's last name)
 * @param packages conda-meta records, sorted by name
 * @param pipOnly distributions in its site-packages that conda did not install (INSTALLER is not "conda")
 * @param channels channels in order of how many packages came from each
 * @param variables {@code conda env config vars} (conda-meta/state), in order
 */
public record CondaInfo(Path prefix, String name, List<CondaPackageRecord> packages, List<InstalledDistribution> pipOnly,
    List<String> channels, Map<String, String> variables) {
  public CondaInfo {
    packages = List.copyOf(packages);
    pipOnly = List.copyOf(pipOnly);
    channels = List.copyOf(channels);
    variables = Map.copyOf(variables);
  }

  public java.util.Optional<CondaPackageRecord> find(String name) {
    return packages.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
