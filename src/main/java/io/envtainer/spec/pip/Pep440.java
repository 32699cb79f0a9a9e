package io.envtainer.spec.pip;

import java.util.Locale;

/**
 * Checks a version in a version specifier against PEP 440 (as {@code packaging}'s specifier grammar does):
 * {@code [v][N!]N(.N)*[{a|b|rc|...}N][.postN][.devN][+local]}, {@code .*} and {@code +local} only after
 * {@code ==}/{@code !=}, at least two release numbers after {@code ~=}, anything after {@code ===}.
 */
final class Pep440 {
  private Pep440() {}

  /** Where in the version text something is wrong, and what was expected there. */
  record Problem(int index, String expected, String hint) {}

  private static final String[] PRE = {"alpha", "beta", "preview", "pre", "rc", "a", "b", "c"};
  private static final String[] POST = {"post", "rev", "r"};

  /** Null when {@code version} is fine after {@code op}. */
  static Problem check(String op, String version) {
    if (op.equals("===")) return null;
    if (hasEnvironmentVariable(version)) return null; // pip expands ${VAR} at install time
    String v = version.toLowerCase(Locale.ROOT);
    int[] p = {0};
    if (v.startsWith("v")) p[0]++;
    int epochStart = p[0];
    if (digits(v, p) > 0 && p[0] < v.length() && v.charAt(p[0]) == '!') p[0]++;
    else p[0] = epochStart;
    int releaseStart = p[0];
    if (digits(v, p) == 0) return new Problem(releaseStart, "a version number like 1.2 or 2.0.1", null);
    int parts = 1;
    while (p[0] + 1 < v.length() && v.charAt(p[0]) == '.' && isDigit(v.charAt(p[0] + 1))) {
      p[0]++;
      digits(v, p);
      parts++;
    }
    boolean equality = op.equals("==") || op.equals("!=");
    if (v.startsWith(".*", p[0]) && p[0] + 2 == v.length()) {
      if (equality) return null;
      return new Problem(p[0], "no '.*' after '" + op + "'", "a '.*' wildcard only works with == and !=");
    }
    if (op.equals("~=") && parts < 2) {
      return new Problem(0, "at least two release numbers after '~=' (like ~=1.4)", null);
    }
    optionalLabel(v, p, PRE);
    if (p[0] + 1 < v.length() && v.charAt(p[0]) == '-' && isDigit(v.charAt(p[0] + 1))) {
      p[0]++;
      digits(v, p);
    } else {
      optionalLabel(v, p, POST);
    }
    optionalLabel(v, p, new String[] {"dev"});
    if (p[0] < v.length() && v.charAt(p[0]) == '+') {
      if (!equality) {
        return new Problem(p[0], "no local version label after '" + op + "'",
            "a local label like +cu121 only works with == and !=");
      }
      int labelStart = ++p[0];
      if (!localLabel(v, p)) return new Problem(labelStart, "a local version label like cu121 or ubuntu.1", null);
    }
    if (p[0] != v.length()) {
      String hint = version.contains("--") ? "put a space before each option: 'pkg==1.0 --hash=...'"
          : version.contains("[") ? "extras go right after the name: 'pkg[extra]==1.0'"
          : null;
      return new Problem(0,
          "a PEP 440 version (like 1.2, 1.2.3rc1, 1.0.post1, 2.1.0+cu121)", hint);
    }
    return null;
  }

  /** pip expands {@code ${NAME}} (upper case, digits, underscore) before parsing. */
  static boolean hasEnvironmentVariable(String text) {
    int i = text.indexOf("${");
    while (i >= 0) {
      int j = i + 2;
      while (j < text.length() && (Character.isUpperCase(text.charAt(j)) && text.charAt(j) < 128
          || isDigit(text.charAt(j)) || text.charAt(j) == '_')) j++;
      if (j > i + 2 && j < text.length() && text.charAt(j) == '}') return true;
      i = text.indexOf("${", i + 2);
    }
    return false;
  }

  /** [-_.]? LABEL [-_.]? digits*, or nothing (position unchanged). */
  private static void optionalLabel(String v, int[] p, String[] labels) {
    int save = p[0];
    if (p[0] < v.length() && isSeparator(v.charAt(p[0]))) p[0]++;
    for (String l : labels) {
      if (v.startsWith(l, p[0])) {
        p[0] += l.length();
        int afterLabel = p[0];
        if (p[0] < v.length() && isSeparator(v.charAt(p[0]))) p[0]++;
        if (digits(v, p) == 0) p[0] = afterLabel;
        return;
      }
    }
    p[0] = save;
  }

  private static boolean localLabel(String v, int[] p) {
    if (alnums(v, p) == 0) return false;
    while (p[0] + 1 < v.length() && isSeparator(v.charAt(p[0])) && isAlnum(v.charAt(p[0] + 1))) {
      p[0]++;
      alnums(v, p);
    }
    return true;
  }

  private static int digits(String v, int[] p) {
    int start = p[0];
    while (p[0] < v.length() && isDigit(v.charAt(p[0]))) p[0]++;
    return p[0] - start;
  }

  private static int alnums(String v, int[] p) {
    int start = p[0];
    while (p[0] < v.length() && isAlnum(v.charAt(p[0]))) p[0]++;
    return p[0] - start;
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == '_' || c == '.';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z');
  }
}
