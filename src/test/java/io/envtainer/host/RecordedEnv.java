package io.envtainer.host;

import java.util.LinkedHashMap;
import java.util.Map;

/** An environment recorded from a real shell ({@code env} output, KEY=VALUE lines, values without newlines). */
final class RecordedEnv {
  private RecordedEnv() {}

  static Map<String, String> load(String resource) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : RecordedHost.resource(resource).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) env.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return env;
  }
}
