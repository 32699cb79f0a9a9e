package io.envtainer.plan;

import java.util.List;

/** POSIX sh text from plan values: every value is quoted, so spec text can never run as code. */
public final class Shell {
  private Shell() {}

  /** A single-quoted word: {@code it's} → {@code 'it'"'"'s'}. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }

  /** A word that needs no quoting is left bare (for readability of generated scripts), else quoted. */
  public static String word(String s) {
    return !s.isEmpty() && s.matches("[A-Za-z0-9_./:=+@%,-]+") ? s : quote(s);
  }

  /** Space-joined words. */
  public static String words(List<String> ws) {
    StringBuilder b = new StringBuilder();
    for (String w : ws) {
      if (b.length() > 0) b.append(' ');
      b.append(word(w));
    }
    return b.toString();
  }

  /** {@code export} lines for environment entries; PREPEND/APPEND keep the current value, ':'-separated. */
  public static String exports(List<EnvEntry> entries) {
    StringBuilder b = new StringBuilder();
    for (EnvEntry e : entries) b.append(export(e)).append('\n');
    return b.toString();
  }

  public static String export(EnvEntry e) {
    String n = e.name();
    String v = quote(e.value());
    return switch (e.op()) {
      case SET -> "export " + n + "=" + v;
      case PREPEND -> n + "=" + v + "\"${" + n + ":+:${" + n + "}}\"; export " + n;
      case APPEND -> n + "=\"${" + n + ":+${" + n + "}:}\"" + v + "; export " + n;
    };
  }

  /**
   * Like {@link #exports}, but a PREPEND or APPEND whose value is already in the variable adds nothing: for scripts
   * that run after an engine already set the same variables (Apptainer's env from an OCI config).
   */
  public static String exportsOnce(List<EnvEntry> entries) {
    StringBuilder b = new StringBuilder();
    for (EnvEntry e : entries) {
      if (e.op() == EnvEntry.Op.SET) {
        b.append(export(e)).append('\n');
      } else {
        String n = e.name();
        b.append("case \":${").append(n).append(":-}:\" in *:").append(quote(e.value())).append(":*) ;; *) ")
            .append(export(e)).append(" ;; esac\n");
      }
    }
    return b.toString();
  }

  /** Writes {@code content} to {@code path} with a quoted here-document whose delimiter does not occur in it. */
  public static String heredoc(String path, String content, int mode) {
    String delimiter = "ENVTAINER_EOF";
    int n = 0;
    while (content.contains(delimiter)) delimiter = "ENVTAINER_EOF_" + (++n);
    String body = content.endsWith("\n") || content.isEmpty() ? content : content + "\n";
    return "mkdir -p " + quote(parent(path)) + "\ncat > " + quote(path) + " <<'" + delimiter + "'\n" + body + delimiter
        + "\nchmod " + Integer.toOctalString(mode) + " " + quote(path);
  }

  private static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i <= 0 ? "/" : path.substring(0, i);
  }
}
