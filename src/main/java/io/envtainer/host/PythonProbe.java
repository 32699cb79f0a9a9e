package io.envtainer.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Asks an interpreter for its version, prefixes and site-packages directories (one {@code python -c}, JSON out). */
public final class PythonProbe {
  /** Runs on Python 2.7 and 3.x alike, so that an old module python still answers. */
  static final String SCRIPT = String.join("\n",
      "import json, os, platform, site, sys",
      "sp = site.getsitepackages() if hasattr(site, 'getsitepackages') else []",
      "print(json.dumps({'version': platform.python_version(), 'implementation': platform.python_implementation(),",
      "  'executable': sys.executable, 'prefix': sys.prefix,",
      "  'base_prefix': getattr(sys, 'base_prefix', getattr(sys, 'real_prefix', sys.prefix)),",
      "  'site_packages': [p for p in sp if os.path.isdir(p)], 'path': [p for p in sys.path if p]}))");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final CommandRunner runner;

  public PythonProbe(CommandRunner runner) {
    this.runner = runner;
  }

  /** Runs {@code interpreter} with {@code env} (the captured shell's environment). */
  public PythonInfo probe(Path interpreter, Map<String, String> env) throws IOException {
    CommandRunner.Result r = runner.run(List.of(interpreter.toString(), "-c", SCRIPT), env);
    if (!r.ok()) {
      throw new IOException(interpreter + " failed (exit " + r.exitCode() + "): " + firstLine(r.stderr()));
    }
    return parse(r.stdout());
  }

  static PythonInfo parse(String json) throws IOException {
    JsonNode n = JSON.readTree(json.trim());
    if (n == null || !n.path("version").isTextual()) throw new IOException("python probe printed no version: " + firstLine(json));
    return new PythonInfo(Path.of(n.path("executable").asText()), n.path("version").asText(),
        n.path("implementation").asText("CPython"), Path.of(n.path("prefix").asText()),
        Path.of(n.path("base_prefix").asText()), paths(n.path("site_packages")), paths(n.path("path")));
  }

  private static List<Path> paths(JsonNode array) {
    List<Path> out = new ArrayList<>();
    for (JsonNode e : array) out.add(Path.of(e.asText()));
    return out;
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
