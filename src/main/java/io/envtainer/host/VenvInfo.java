package io.envtainer.host;

import java.nio.file.Path;
import java.util.List;

/**
 * An active venv.
 *
 * @param path {@code $VIRTUAL_ENV}
 * @param sitePackages the venv's own site-packages directory
 * @param own the distributions installed in the venv itself (not the base interpreter's)
 */
public record VenvInfo(Path path, PyvenvCfg cfg, Path sitePackages, List<InstalledDistribution> own) {
  public VenvInfo {
    own = List.copyOf(own);
  }
}
