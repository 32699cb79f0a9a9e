package io.envtainer.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the venv named by {@code $VIRTUAL_ENV}: its pyvenv.cfg and its own site-packages, without running it. */
public final class VenvProbe {
  private VenvProbe() {}

  public static Optional<VenvInfo> fromEnvironment(Map<String, String> env) throws IOException {
    String v = env.get("VIRTUAL_ENV");
    if (v == null || v.isBlank()) return Optional.empty();
    return Optional.of(read(Path.of(v)));
  }

  public static VenvInfo read(Path venv) throws IOException {
    Path cfgFile = venv.resolve("pyvenv.cfg");
    if (!Files.isRegularFile(cfgFile)) throw new IOException(venv + " is not a venv: it has no pyvenv.cfg");
    PyvenvCfg cfg = PyvenvCfg.read(cfgFile);
    Path site = sitePackages(venv, cfg.version());
    return new VenvInfo(venv, cfg, site, site == null ? List.of() : InstalledDistributions.read(site));
  }

  /** {@code lib/pythonX.Y/site-packages} (the version's one when known), or null. */
  static Path sitePackages(Path prefix, String version) throws IOException {
    if (version != null) {
      String[] p = version.split("\\.");
      if (p.length >= 2) {
        Path exact = prefix.resolve("lib/python" + p[0] + "." + p[1] + "/site-packages");
        if (Files.isDirectory(exact)) return exact;
      }
    }
    for (String lib : new String[] {"lib", "lib64"}) {
      Path dir = prefix.resolve(lib);
      if (!Files.isDirectory(dir)) continue;
      try (Stream<Path> s = Files.list(dir)) {
        Optional<Path> found = s.filter(d -> d.getFileName().toString().matches("python\\d+\\.\\d+t?"))
            .map(d -> d.resolve("site-packages")).filter(Files::isDirectory).sorted().findFirst();
        if (found.isPresent()) return found.get();
      }
    }
    return null;
  }
}
