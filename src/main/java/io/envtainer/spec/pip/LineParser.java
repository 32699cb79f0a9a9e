package io.envtainer.spec.pip;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * One logical line to requirements-file lines, following pip's {@code break_args_options}: the words before the
 * first word starting with '-' are the requirement, the rest are options (split like a shell would).
 */
final class LineParser {
  private LineParser() {}

  /** Loads the file an {@code -r}/{@code -c} line names. */
  interface IncludeLoader {
    Requirements load(Include.Kind kind, String target, SourceLocation option, SourceLocation value)
        throws SpecException;
  }

  /** An option as found on a line: its value (null for flags) and where option and value were written. */
  record Found(OptionSpec spec, String value, int offset, LogicalLine valueText, SourceLocation at) {}

  static List<RequirementsLine> parse(LogicalLine line, IncludeLoader includes) throws SpecException {
    String s = line.text();
    int commentAt = commentStart(s);
    int start = 0;
    int end = commentAt < 0 ? s.length() : commentAt;
    while (start < end && Character.isWhitespace(s.charAt(start))) start++;
    while (end > start && Character.isWhitespace(s.charAt(end - 1))) end--;
    String comment = commentAt < 0 ? null : s.substring(commentAt + 1);
    List<RequirementsLine> out = new ArrayList<>();
    if (start == end) {
      if (comment != null) out.add(new Comment(comment, line.at(commentAt)));
      return out;
    }
    int optionsAt = optionsStart(s, start, end);
    List<Found> options = options(line, optionsAt, end);
    if (optionsAt > start) {
      int reqEnd = optionsAt;
      while (reqEnd > start && Character.isWhitespace(s.charAt(reqEnd - 1))) reqEnd--;
      RequirementReader.Parts parts = RequirementReader.read(line, start, reqEnd);
      out.add(requirement(parts, false, options, comment, line.at(start)));
      return out;
    }
    Found editable = first(options, OptionSpec.Scope.EDITABLE);
    Found include = first(options, OptionSpec.Scope.INCLUDE);
    if (editable != null) {
      List<Found> rest = new ArrayList<>(options);
      rest.remove(editable);
      for (Found f : rest) {
        if (f.spec() != OptionSpec.CONFIG_SETTINGS) {
          throw line.error(f.offset(), "expected only --config-settings with an editable requirement, found "
              + f.spec().longName, f.spec() == OptionSpec.EDITABLE ? "write one -e per line"
                  : "pip ignores " + f.spec().longName + " on an -e line");
        }
      }
      RequirementReader.Parts parts = RequirementReader.editable(editable.valueText());
      out.add(requirement(parts, true, rest, comment, line.at(start)));
    } else if (include != null) {
      for (Found f : options) {
        if (f != include) {
          throw line.error(f.offset(), "expected " + include.spec().shortName + " FILE alone on its line, found "
              + f.spec().longName, "put each option on its own line");
        }
      }
      Include.Kind kind = include.spec() == OptionSpec.REQUIREMENT ? Include.Kind.REQUIREMENTS
          : Include.Kind.CONSTRAINTS;
      Requirements included = includes.load(kind, include.value(), include.at(), include.valueText().at(0));
      out.add(new Include(kind, include.value(), included, include.at()));
      if (comment != null) out.add(new Comment(comment, line.at(commentAt)));
    } else {
      for (Found f : options) {
        if (f.spec().scope != OptionSpec.Scope.GLOBAL) {
          throw line.error(f.offset(), "expected only global options on a line without a requirement, found "
              + f.spec().longName, f.spec().longName + " needs a requirement before it on the same line"
                  + " (pip ignores it here)");
        }
        out.add(new PipOption(f.spec().longName, f.value(), f.at()));
      }
      if (comment != null) out.add(new Comment(comment, line.at(commentAt)));
    }
    return out;
  }

  private static Requirement requirement(RequirementReader.Parts p, boolean editable, List<Found> options,
      String comment, SourceLocation at) throws SpecException {
    List<String> hashes = new ArrayList<>();
    List<PipOption> others = new ArrayList<>();
    for (Found f : options) {
      if (f.spec().scope != OptionSpec.Scope.REQUIREMENT) {
        throw new SpecException(f.at(), "expected only per-requirement options (--hash, --config-settings,"
            + " --global-option) after a requirement, found " + f.spec().longName,
            "put " + f.spec().longName + " on its own line; pip ignores it after a requirement");
      }
      if (f.spec() == OptionSpec.HASH) hashes.add(f.value());
      else others.add(new PipOption(f.spec().longName, f.value(), f.at()));
    }
    return new Requirement(p.name(), p.extras(), p.specifier(), p.url(), p.kind(), editable, p.marker(), hashes,
        others, comment, at);
  }

  private static Found first(List<Found> options, OptionSpec.Scope scope) {
    for (Found f : options) if (f.spec().scope == scope) return f;
    return null;
  }

  /** pip's COMMENT_RE: the first '#' at the start of the line or after whitespace. */
  static int commentStart(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '#' && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) return i;
    }
    return -1;
  }

  /** Start of the first space-separated word beginning with '-', or {@code end}. */
  private static int optionsStart(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      if (s.charAt(i) == '-' && (i == start || s.charAt(i - 1) == ' ')) return i;
    }
    return end;
  }

  /** Reads options like optparse: {@code --name=value}, {@code --name value}, {@code -xvalue}, {@code -x value}. */
  private static List<Found> options(LogicalLine line, int start, int end) throws SpecException {
    List<ShellWords.Word> words = ShellWords.split(line, start, end);
    List<Found> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      ShellWords.Word w = words.get(i);
      String t = w.text();
      OptionSpec spec;
      String inlineValue = null;
      int inlineIndex = -1;
      if (t.startsWith("--") && t.length() > 2) {
        int eq = t.indexOf('=');
        String name = eq < 0 ? t : t.substring(0, eq);
        List<OptionSpec> hits = OptionSpec.byLong(name);
        if (hits.isEmpty()) throw unknown(line, w);
        if (hits.size() > 1) {
          StringBuilder names = new StringBuilder();
          for (OptionSpec h : hits) names.append(names.length() == 0 ? "" : ", ").append(h.longName);
          throw line.error(w.offset(), "expected one option, found '" + name + "' which could be " + names,
              "write the option name in full");
        }
        spec = hits.get(0);
        if (eq >= 0) {
          inlineValue = t.substring(eq + 1);
          inlineIndex = eq + 1;
        }
      } else if (t.startsWith("-") && t.length() > 1 && !t.startsWith("--")) {
        spec = OptionSpec.byShort(t.substring(0, 2));
        if (spec == null) throw unknown(line, w);
        if (t.length() > 2) {
          inlineValue = t.substring(2);
          inlineIndex = 2;
        }
      } else {
        throw line.error(w.offset(), "expected an option starting with '-', found '" + t + "'",
            "pip ignores words after options; write one requirement per line");
      }
      String value = null;
      LogicalLine valueText = null;
      if (!spec.takesValue()) {
        if (inlineValue != null) {
          throw line.error(w.sources()[inlineIndex - 1], "expected nothing after the flag " + spec.longName
              + ", found '" + t.substring(inlineIndex - 1) + "'", spec.longName + " takes no value");
        }
      } else if (inlineValue != null) {
        value = inlineValue;
        valueText = w.rest(line, inlineIndex);
      } else {
        if (i + 1 >= words.size()) {
          throw line.error(end, "expected a value (" + spec.metavar + ") after " + t + ", found end of line",
              "write " + spec.longName + " " + spec.metavar.toUpperCase(java.util.Locale.ROOT).replace(' ', '_'));
        }
        ShellWords.Word next = words.get(++i);
        if (next.text().startsWith("-") && next.text().length() > 1) {
          throw line.error(next.offset(), "expected a value (" + spec.metavar + ") after " + t + ", found option '"
              + next.text() + "'", null);
        }
        value = next.text();
        valueText = next.rest(line, 0);
      }
      if (value != null) {
        LogicalLine vt = valueText;
        spec.check(value, (index, problem, hint) -> vt.error(index, problem, hint));
      }
      out.add(new Found(spec, value, w.offset(), valueText, line.at(w.offset())));
    }
    return out;
  }

  private static SpecException unknown(LogicalLine line, ShellWords.Word w) {
    String t = w.text();
    int eq = t.indexOf('=');
    String name = eq < 0 ? t : t.substring(0, eq);
    return line.error(w.offset(), "expected an option pip accepts in requirements files, found unknown option '"
        + name + "'", "supported: " + OptionSpec.allNames());
  }
}
