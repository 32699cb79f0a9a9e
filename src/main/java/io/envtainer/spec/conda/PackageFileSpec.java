package io.envtainer.spec.conda;

import io.envtainer.spec.SpecException;

/**
 * A spec that names a conda package file or its URL ({@code https://host/conda-forge/linux-64/numpy-1.26.4-py311h64a7726_0.conda},
 * {@code ./pkgs/foo-1.0-0.tar.bz2}): the channel is the directory, name, version and build come from the file name
 * {@code name-version-build.ext}.
 */
final class PackageFileSpec {
  private static final String[] EXTENSIONS = {".tar.bz2", ".conda"};

  private PackageFileSpec() {}

  static boolean isPackageFile(String text) {
    if (text.chars().anyMatch(Character::isWhitespace)) return false;
    for (String ext : EXTENSIONS) if (text.endsWith(ext) && text.length() > ext.length()) return true;
    return false;
  }

  static MatchSpecParser.Parts parse(SpecText spec, int end) throws SpecException {
    String t = spec.text.substring(0, end);
    int slash = t.lastIndexOf('/');
    String channel = slash > 0 ? t.substring(0, slash) : null;
    int fileStart = slash + 1;
    String file = t.substring(fileStart);
    for (String ext : EXTENSIONS) {
      if (file.endsWith(ext)) {
        file = file.substring(0, file.length() - ext.length());
        break;
      }
    }
    int buildDash = file.lastIndexOf('-');
    int versionDash = buildDash <= 0 ? -1 : file.lastIndexOf('-', buildDash - 1);
    if (versionDash <= 0) {
      throw spec.error(fileStart, "expected a package file named name-version-build.conda or .tar.bz2, found '"
          + t.substring(fileStart) + "'");
    }
    MatchSpecParser.checkName(spec, fileStart, fileStart + versionDash);
    String version = file.substring(versionDash + 1, buildDash);
    String build = file.substring(buildDash + 1);
    if (version.isEmpty() || build.isEmpty()) {
      throw spec.error(fileStart, "expected a package file named name-version-build.conda or .tar.bz2, found '"
          + t.substring(fileStart) + "'");
    }
    return new MatchSpecParser.Parts(channel, file.substring(0, versionDash), version, build);
  }
}
