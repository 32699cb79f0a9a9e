package io.envtainer.spec.modules;

import io.envtainer.spec.SourceLocation;

/**
 * A module as loaded: {@code python-scientific/3.10.4-foss-2022a}, {@code OpenMPI/4.1.4-GCC-11.3.0}, {@code gcc}.
 *
 * @param fullName what was written after {@code module load}
 */
public record ModuleRef(String fullName, SourceLocation location) {

  /** The part before the last {@code /}: {@code python-scientific}. */
  public String name() {
    int i = fullName.lastIndexOf('/');
    return i < 0 ? fullName : fullName.substring(0, i);
  }

  /** The part after the last {@code /}: {@code 3.10.4-foss-2022a}, or null when no version was given. */
  public String version() {
    int i = fullName.lastIndexOf('/');
    return i < 0 ? null : fullName.substring(i + 1);
  }

  /** EasyBuild's software version: {@code 3.10.4} of {@code 3.10.4-foss-2022a}; the whole version otherwise. */
  public String softwareVersion() {
    String v = version();
    if (v == null) return null;
    java.util.regex.Matcher m = EasyBuild.VERSION.matcher(v);
    return m.matches() ? m.group(1) : v;
  }

  /** EasyBuild's toolchain: {@code foss-2022a} of {@code 3.10.4-foss-2022a}, or null. */
  public String toolchain() {
    String v = version();
    if (v == null) return null;
    java.util.regex.Matcher m = EasyBuild.VERSION.matcher(v);
    return m.matches() ? m.group(2) : null;
  }

  private static final class EasyBuild {
    /** version, then -toolchain-tcversion (tc names: foss, intel, GCC, GCCcore, gompi, iimpi, system...), then suffix. */
    static final java.util.regex.Pattern VERSION =
        java.util.regex.Pattern.compile("([0-9][^-]*)-((?:[A-Za-z][A-Za-z0-9_]*)-[0-9][0-9a-z.]*)(?:-.*)?");
  }
}
