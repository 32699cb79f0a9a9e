package io.envtainer.spec.pip;

import io.envtainer.spec.SpecException;
import java.util.ArrayList;
import java.util.List;

/** The options pip accepts in a requirements file ({@code SUPPORTED_OPTIONS} and {@code SUPPORTED_OPTIONS_REQ}). */
enum OptionSpec {
  INDEX_URL("--index-url", "-i", Scope.GLOBAL, "URL", OptionSpec::nonEmpty),
  EXTRA_INDEX_URL("--extra-index-url", null, Scope.GLOBAL, "URL", OptionSpec::nonEmpty),
  NO_INDEX("--no-index", null, Scope.GLOBAL, null, null),
  FIND_LINKS("--find-links", "-f", Scope.GLOBAL, "URL or directory", OptionSpec::nonEmpty),
  NO_BINARY("--no-binary", null, Scope.GLOBAL, ":all:, :none: or project names", OptionSpec::formatControl),
  ONLY_BINARY("--only-binary", null, Scope.GLOBAL, ":all:, :none: or project names", OptionSpec::formatControl),
  PREFER_BINARY("--prefer-binary", null, Scope.GLOBAL, null, null),
  REQUIRE_HASHES("--require-hashes", null, Scope.GLOBAL, null, null),
  PRE("--pre", null, Scope.GLOBAL, null, null),
  TRUSTED_HOST("--trusted-host", null, Scope.GLOBAL, "HOSTNAME[:PORT]", OptionSpec::noBlanks),
  USE_FEATURE("--use-feature", null, Scope.GLOBAL, "feature name", OptionSpec::nonEmpty),
  REQUIREMENT("--requirement", "-r", Scope.INCLUDE, "requirements file", OptionSpec::nonEmpty),
  CONSTRAINT("--constraint", "-c", Scope.INCLUDE, "constraints file", OptionSpec::nonEmpty),
  EDITABLE("--editable", "-e", Scope.EDITABLE, "local project path or VCS URL", OptionSpec::nonEmpty),
  HASH("--hash", null, Scope.REQUIREMENT, "ALGORITHM:HEXDIGEST", OptionSpec::hash),
  CONFIG_SETTINGS("--config-settings", "-C", Scope.REQUIREMENT, "KEY=VALUE", OptionSpec::keyValue),
  GLOBAL_OPTION("--global-option", null, Scope.REQUIREMENT, "setup.py option", null),
  /** Removed from pip in 23.1; still read so that old files give a clear picture rather than an error. */
  INSTALL_OPTION("--install-option", null, Scope.REQUIREMENT, "setup.py install option", null);

  /** Where an option may appear. */
  enum Scope {
    /** On a line of options only; affects the whole install. */
    GLOBAL,
    /** {@code -r}/{@code -c}: alone on its line. */
    INCLUDE,
    /** {@code -e}: the requirement of its line. */
    EDITABLE,
    /** After a requirement, for that requirement only. */
    REQUIREMENT
  }

  /** Checks an option's value; {@code site.at(i)} locates character i of the value. */
  interface ValueCheck {
    void check(String value, Site site) throws SpecException;
  }

  interface Site {
    SpecException error(int index, String problem, String hint);
  }

  final String longName;
  final String shortName;
  final Scope scope;
  /** What the value is, or null for a flag. */
  final String metavar;
  private final ValueCheck check;

  OptionSpec(String longName, String shortName, Scope scope, String metavar, ValueCheck check) {
    this.longName = longName;
    this.shortName = shortName;
    this.scope = scope;
    this.metavar = metavar;
    this.check = check;
  }

  boolean takesValue() {
    return metavar != null;
  }

  void check(String value, Site site) throws SpecException {
    if (check != null) check.check(value, site);
  }

  /** {@code --pypi-url} is an old alias pip still accepts for {@code --index-url}. */
  private static final String PYPI_URL = "--pypi-url";

  static OptionSpec byShort(String name) {
    for (OptionSpec o : values()) if (name.equals(o.shortName)) return o;
    return null;
  }

  /**
   * Like optparse: the exact long name, or an unambiguous prefix of one ({@code --extra-index} works).
   *
   * @return the matches: one for a hit, several for an ambiguous prefix, none for an unknown option
   */
  static List<OptionSpec> byLong(String name) {
    List<OptionSpec> hits = new ArrayList<>();
    for (OptionSpec o : values()) {
      if (o.longName.equals(name) || (o == INDEX_URL && PYPI_URL.equals(name))) return List.of(o);
    }
    for (OptionSpec o : values()) {
      if (o.longName.startsWith(name) || (o == INDEX_URL && PYPI_URL.startsWith(name))) hits.add(o);
    }
    return hits;
  }

  static String allNames() {
    StringBuilder b = new StringBuilder();
    for (OptionSpec o : values()) {
      if (o == INSTALL_OPTION) continue;
      if (b.length() > 0) b.append(", ");
      b.append(o.shortName == null ? o.longName : o.shortName + "/" + o.longName);
    }
    return b.toString();
  }

  private static void nonEmpty(String v, Site site) throws SpecException {
    if (v.isEmpty()) throw site.error(0, "expected a value, found an empty one", null);
  }

  private static void noBlanks(String v, Site site) throws SpecException {
    nonEmpty(v, site);
    for (int i = 0; i < v.length(); i++) {
      if (Character.isWhitespace(v.charAt(i))) throw site.error(i, "expected a host name, found a blank", null);
    }
  }

  private static void keyValue(String v, Site site) throws SpecException {
    if (v.indexOf('=') <= 0) {
      throw site.error(0, "expected KEY=VALUE, found '" + v + "'", "e.g. --config-settings=editable_mode=compat");
    }
  }

  /** pip's FormatControl: {@code :all:}, {@code :none:} or comma-separated project names. */
  private static void formatControl(String v, Site site) throws SpecException {
    int i = 0;
    for (String item : v.split(",", -1)) {
      if (!item.equals(":all:") && !item.equals(":none:") && !isName(item)) {
        throw site.error(i, "expected :all:, :none: or a project name, found '" + item + "'",
            "separate several project names with ',' and no spaces");
      }
      i += item.length() + 1;
    }
  }

  static boolean isName(String s) {
    if (s.isEmpty() || !Pep508.isAlnum(s.charAt(0)) || !Pep508.isAlnum(s.charAt(s.length() - 1))) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Pep508.isAlnum(c) && c != '.' && c != '-' && c != '_') return false;
    }
    return true;
  }

  /** Hash lengths in hex digits of the algorithms pip accepts (its {@code STRONG_HASHES}). */
  static int hexLength(String algorithm) {
    return switch (algorithm) {
      case "sha256" -> 64;
      case "sha384" -> 96;
      case "sha512" -> 128;
      default -> -1;
    };
  }

  private static void hash(String v, Site site) throws SpecException {
    int colon = v.indexOf(':');
    if (colon < 0) {
      throw site.error(0, "expected ALGORITHM:HEXDIGEST, found '" + v + "'",
          "write --hash=sha256:<64 hex digits>, as 'pip hash FILE' prints it");
    }
    String algo = v.substring(0, colon);
    int len = hexLength(algo);
    if (len < 0) {
      throw site.error(0, "expected a hash algorithm sha256, sha384 or sha512, found '" + algo + "'",
          "pip accepts only these strong hashes; compute one with 'pip hash --algorithm sha256 FILE'");
    }
    String digest = v.substring(colon + 1);
    for (int i = 0; i < digest.length(); i++) {
      char c = digest.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw site.error(colon + 1 + i, "expected a lower-case hexadecimal digit, found '" + c + "'",
            (c >= 'A' && c <= 'F') ? "pip compares digests in lower case"
                : "the digest is the hex form 'pip hash' prints, not base64");
      }
    }
    if (digest.length() != len) {
      throw site.error(colon + 1, "expected " + len + " hexadecimal digits for " + algo + ", found "
          + digest.length(), "copy the whole digest");
    }
  }
}
