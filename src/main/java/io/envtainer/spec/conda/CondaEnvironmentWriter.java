package io.envtainer.spec.conda;

import java.util.Map;

/**
 * Writes a {@link CondaEnvironment} as an environment.yml that conda reads the same way: each MatchSpec's text as
 * written (quoted where YAML needs it), its trailing comment, the pip sub-list one requirement line per entry,
 * variables and prefix, in {@code conda env export}'s key order.
 */
public final class CondaEnvironmentWriter {
  private static final String ITEM = "  - ";
  private static final String PIP_ITEM = "      - ";

  private CondaEnvironmentWriter() {}

  public static String write(CondaEnvironment env) {
    StringBuilder b = new StringBuilder();
    if (env.name() != null) b.append("name: ").append(YamlScalars.scalar(env.name())).append('\n');
    if (!env.channels().isEmpty()) {
      b.append("channels:\n");
      for (Channel c : env.channels()) b.append(ITEM).append(YamlScalars.scalar(c.name())).append('\n');
    }
    if (env.dependencies().isEmpty()) {
      b.append("dependencies: []\n");
    } else {
      b.append("dependencies:\n");
      for (CondaDependency d : env.dependencies()) {
        if (d instanceof MatchSpec m) {
          b.append(ITEM).append(YamlScalars.scalar(m.raw()));
          comment(b, m.comment());
          b.append('\n');
        } else if (d instanceof PipDependencies p) {
          pip(b, p);
        }
      }
    }
    if (!env.variables().isEmpty()) {
      b.append("variables:\n");
      for (Map.Entry<String, String> v : env.variables().entrySet()) {
        b.append("  ").append(YamlScalars.scalar(v.getKey())).append(": ").append(YamlScalars.scalar(v.getValue()))
            .append('\n');
      }
    }
    if (env.prefix() != null) b.append("prefix: ").append(YamlScalars.scalar(env.prefix())).append('\n');
    return b.toString();
  }

  private static void pip(StringBuilder b, PipDependencies p) {
    var lines = PipLines.of(p.requirements());
    if (lines.isEmpty()) {
      b.append(ITEM).append("pip: []\n");
      return;
    }
    b.append(ITEM).append("pip:\n");
    for (PipLines.Line line : lines) {
      b.append(PIP_ITEM).append(YamlScalars.scalar(line.text()));
      comment(b, line.comment());
      b.append('\n');
    }
  }

  private static void comment(StringBuilder b, String comment) {
    if (comment != null && !comment.isBlank()) b.append("  # ").append(comment.strip());
  }
}
