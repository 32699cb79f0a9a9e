package io.envtainer.host;

/** Dotted version numbers ({@code 2.36}, {@code 4.1.4}, {@code 2021.10.0}) compared part by part. */
public final class Versions {
  private Versions() {}

  /** Negative, zero or positive as {@code a} is older, equal or newer; non-numeric parts compare as text. */
  public static int compare(String a, String b) {
    String[] x = a.split("[.]");
    String[] y = b.split("[.]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c = p.matches("\\d+") && q.matches("\\d+") ? Long.compare(Long.parseLong(p), Long.parseLong(q)) : p.compareTo(q);
      if (c != 0) return c;
    }
    return 0;
  }

  /** The first number: 4 of "4.1.4"; -1 when there is none. */
  public static int major(String v) {
    if (v == null) return -1;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)").matcher(v.trim());
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** "4.1" of "4.1.4"; the whole text when it has no second part. */
  public static String majorMinor(String v) {
    String[] p = v.split("[.]");
    return p.length >= 2 ? p[0] + "." + p[1] : v;
  }
}
