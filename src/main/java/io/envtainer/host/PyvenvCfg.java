package io.envtainer.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A venv's {@code pyvenv.cfg}: {@code key = value} lines.
 *
 * @param home the directory of the base interpreter
 * @param version {@code version} (venv) or {@code version_info} (virtualenv, uv), or null
 * @param includeSystemSitePackages whether the base interpreter's site-packages are visible
 * @param executable the base interpreter ({@code executable}, Python 3.11+), or null
 * @param values every key as written
 */
public record PyvenvCfg(Path file, Path home, String version, boolean includeSystemSitePackages, Path executable,
    Map<String, String> values) {

  public static PyvenvCfg read(Path file) throws IOException {
    Map<String, String> v = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq <= 0 || line.trim().startsWith("#")) continue;
      v.put(line.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), line.substring(eq + 1).trim());
    }
    String home = v.get("home");
    String version = v.containsKey("version") ? v.get("version") : v.get("version_info");
    String exe = v.get("executable");
    return new PyvenvCfg(file, home == null ? null : Path.of(home), version,
        "true".equalsIgnoreCase(v.getOrDefault("include-system-site-packages", "false")),
        exe == null ? null : Path.of(exe), v);
  }

  /** The base interpreter: {@code executable}, else {@code home/python3}. */
  public Path baseInterpreter() {
    if (executable != null) return executable;
    return home == null ? null : home.resolve("python3");
  }
}
