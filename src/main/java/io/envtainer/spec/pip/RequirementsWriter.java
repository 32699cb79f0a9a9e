package io.envtainer.spec.pip;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes requirements files that pip reads back to the same requirements: LF line endings, one requirement per
 * logical line, its options and hashes on {@code \} continuation lines, comments kept.
 */
public final class RequirementsWriter {
  private static final String CONTINUATION = " \\\n    ";

  private RequirementsWriter() {}

  /** The file as parsed: includes stay {@code -r FILE}/{@code -c FILE} lines, comments are kept. */
  public static String write(Requirements requirements) {
    StringBuilder out = new StringBuilder();
    for (RequirementsLine line : requirements.lines()) {
      if (line instanceof Comment c) out.append('#').append(c.text());
      else if (line instanceof PipOption o) out.append(option(o));
      else if (line instanceof Include i) out.append(i.kind().flag()).append(' ').append(quote(i.target()));
      else if (line instanceof Requirement r) out.append(requirementWithOptions(r));
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * One self-contained file for {@code pip install -r}: the global options of every included file (in order,
   * exact repeats dropped), then every requirement with its options and hashes; no comments, no includes.
   * Constraints are not in it: write them with {@link #writeConstraints} and pass {@code -c FILE} to pip.
   */
  public static String writeFlat(Requirements requirements) {
    StringBuilder out = new StringBuilder();
    Set<String> seen = new LinkedHashSet<>();
    for (PipOption o : requirements.options()) {
      String text = option(o);
      if (seen.add(text)) out.append(text).append('\n');
    }
    for (Requirement r : requirements.requirements()) out.append(withoutComment(r)).append('\n');
    return out.toString();
  }

  /** Every requirement of the constraints files, flattened, for {@code pip install -c FILE}; "" when none. */
  public static String writeConstraints(Requirements requirements) {
    StringBuilder out = new StringBuilder();
    for (Requirement r : requirements.constraints()) out.append(withoutComment(r)).append('\n');
    return out.toString();
  }

  /**
   * The requirement alone, as pip reads it on a requirements line or on its command line: {@code name[x]>=1 ;
   * marker}, {@code name @ URL}, a bare URL or path, {@code -e PATH}.
   */
  public static String requirementText(Requirement r) {
    if (r.editable()) return "-e " + quote(r.url() + extras(r));
    String marker = r.marker() == null ? "" : " ; " + r.marker();
    return switch (r.kind()) {
      case NAMED -> r.name() + extras(r) + r.specifier() + marker;
      case URL, VCS, PATH -> (directReference(r) ? r.name() + extras(r) + " @ " + r.url()
          : r.kind() == RequirementKind.PATH && !isUrl(r.url()) ? r.url() + extras(r) : r.url()) + marker;
    };
  }

  private static String withoutComment(Requirement r) {
    return requirementWithOptions(new Requirement(r.name(), r.extras(), r.specifier(), r.url(), r.kind(),
        r.editable(), r.marker(), r.hashes(), r.options(), null, r.location()));
  }

  private static String requirementWithOptions(Requirement r) {
    StringBuilder b = new StringBuilder(requirementText(r));
    List<String> tail = new ArrayList<>();
    for (PipOption o : r.options()) tail.add(option(o));
    for (String h : r.hashes()) tail.add("--hash=" + h);
    for (String t : tail) b.append(CONTINUATION).append(t);
    if (r.comment() != null) b.append(" #").append(r.comment());
    return b.toString();
  }

  /**
   * {@code name @ URL} unless a bare URL says the same: pip reads the name of a bare URL from its
   * {@code #egg=} fragment, and a bare path has no name.
   */
  private static boolean directReference(Requirement r) {
    if (r.name() == null || !isUrl(r.url())) return false;
    if (!r.extras().isEmpty()) return true;
    return !r.name().equals(eggName(r.url()));
  }

  private static String eggName(String url) {
    int e = Urls.eggStart(url);
    return e < 0 ? null : url.substring(e, Urls.eggEnd(url, e));
  }

  private static boolean isUrl(String url) {
    return url != null && Urls.isPipUrl(url);
  }

  private static String extras(Requirement r) {
    return r.extras().isEmpty() ? "" : "[" + String.join(",", r.extras()) + "]";
  }

  private static String option(PipOption o) {
    if (o.value() == null) return o.name();
    String v = quote(o.value());
    // A value starting with '-' would read as an option; the '=' form keeps it a value.
    return o.value().startsWith("-") || o.value().isEmpty() ? o.name() + "=" + v : o.name() + " " + v;
  }

  /** Quotes a word for pip's shlex split when it needs it. */
  static String quote(String word) {
    if (word.isEmpty()) return "''";
    boolean plain = true;
    for (int i = 0; i < word.length() && plain; i++) {
      char c = word.charAt(i);
      plain = !Character.isWhitespace(c) && c != '\'' && c != '"' && c != '\\';
    }
    if (plain) return word;
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }
}
