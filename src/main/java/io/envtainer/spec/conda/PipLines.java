package io.envtainer.spec.conda;

import io.envtainer.spec.pip.Requirements;
import io.envtainer.spec.pip.RequirementsWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pip sub-list as YAML entries: the requirements file text from {@link RequirementsWriter}, one logical line
 * ({@code \} continuations joined) per entry, a trailing pip comment moved to a YAML comment (the reader puts it
 * back, and pip ignores it either way).
 */
final class PipLines {
  /** pip's comment rule: '#' at the start of a line or after whitespace. */
  private static final Pattern COMMENT = Pattern.compile("(^|\\s+)#");

  record Line(String text, String comment) {}

  private PipLines() {}

  static List<Line> of(Requirements requirements) {
    List<Line> out = new ArrayList<>();
    StringBuilder logical = new StringBuilder();
    for (String physical : RequirementsWriter.write(requirements).split("\r?\n")) {
      if (physical.endsWith("\\")) {
        logical.append(physical, 0, physical.length() - 1);
        continue;
      }
      logical.append(physical);
      String line = logical.toString().strip();
      logical.setLength(0);
      if (!line.isEmpty()) out.add(split(line));
    }
    if (!logical.toString().isBlank()) out.add(split(logical.toString().strip()));
    return out;
  }

  private static Line split(String line) {
    Matcher m = COMMENT.matcher(line);
    if (!m.find() || m.start() == 0) return new Line(line, null);
    String comment = line.substring(m.end()).strip();
    return new Line(line.substring(0, m.start()), comment.isEmpty() ? null : comment);
  }
}
