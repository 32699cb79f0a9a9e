package io.envtainer.host;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A Python distribution installed in a site-packages directory, read from its metadata files.
 *
 * @param name the {@code Name:} of its METADATA / PKG-INFO
 * @param version the {@code Version:}
 * @param metadata the {@code *.dist-info} or {@code *.egg-info} it was read from
 * @param installer the INSTALLER file's text ({@code pip}, {@code conda}, {@code uv}...), or null when absent
 * @param directUrl what {@code direct_url.json} says (PEP 610), or null
 */
public record InstalledDistribution(String name, String version, Path metadata, String installer, DirectUrl directUrl) {

  /** PEP 610's direct_url.json: how a distribution was installed when not from an index. */
  public record DirectUrl(String url, boolean editable, String vcs, String commitId, boolean archive) {
    public boolean isLocalFile() {
      return url != null && url.startsWith("file:");
    }
  }

  /** PEP 503 normalised name: lower case, runs of {@code -_.} as one {@code -}. */
  public String normalizedName() {
    return normalize(name);
  }

  public static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }
}
