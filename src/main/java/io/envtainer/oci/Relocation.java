package io.envtainer.oci;

import io.envtainer.oci.layer.Entry;
import io.envtainer.oci.layer.ImagePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A venv made at one path (say $VIRTUAL_ENV=/home/u/venvs/sci) goes into the image at the plan's prefix (/opt/env).
 * A venv names its own path only in its scripts' {@code #!} lines and in the {@code activate} scripts, so those are
 * rewritten, as venv-pack does; the rest of the venv is path-independent. Conda environments hold their prefix in
 * many text and binary files: they must be made at the image's prefix, and a mismatch is an error.
 */
final class Relocation {
  private static final int MAX_SCRIPT = 1 << 20;

  private Relocation() {}

  /** Where the venv or conda environment in DIR was made, when it says so; empty when it does not or is neither. */
  static Optional<String> origin(Path dir) throws IOException {
    Path cfg = dir.resolve("pyvenv.cfg");
    if (!Files.isRegularFile(cfg) && !isConda(dir)) return Optional.empty();
    if (Files.isRegularFile(cfg)) {
      for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
        // Python 3.11+: "command = /usr/bin/python3 -m venv [options] /path/to/venv"
        String l = line.strip();
        if (l.startsWith("command") && l.contains("=") && l.contains(" -m venv ")) {
          String[] words = l.substring(l.indexOf('=') + 1).strip().split("\\s+");
          String last = words[words.length - 1];
          if (last.startsWith("/")) return Optional.of(stripSlash(last));
        }
      }
    }
    for (String script : List.of("bin/pip", "bin/pip3", "bin/python-config", "bin/conda", "bin/f2py")) {
      Optional<String> o = shebangPrefix(dir.resolve(script));
      if (o.isPresent()) return o;
    }
    return Optional.empty();
  }

  static boolean isConda(Path dir) {
    return Files.isDirectory(dir.resolve("conda-meta"));
  }

  /** Rewrites ORIGIN to PREFIX in the #! lines of bin/ scripts and in bin/activate*. */
  static List<Entry> relocate(List<Entry> entries, String origin, String prefix) throws IOException {
    String bin = ImagePaths.join(ImagePaths.relative(prefix), "bin") + "/";
    byte[] from = origin.getBytes(StandardCharsets.UTF_8);
    List<Entry> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      if (e.type() == Entry.Type.FILE && e.path().startsWith(bin) && e.path().indexOf('/', bin.length()) < 0
          && e.size() <= MAX_SCRIPT && e.source() instanceof Entry.Source.HostFile host) {
        byte[] data = Files.readAllBytes(host.path());
        String name = e.path().substring(bin.length());
        byte[] fixed = name.startsWith("activate") ? replaceAll(data, origin, prefix)
            : startsWith(data, ("#!" + origin + "/").getBytes(StandardCharsets.UTF_8)) ? replaceFirstLine(data, from,
                prefix) : null;
        if (fixed != null && fixed != data) {
          out.add(e.withSource(new Entry.Source.Bytes(fixed), fixed.length));
          continue;
        }
      }
      out.add(e);
    }
    return out;
  }

  private static Optional<String> shebangPrefix(Path script) throws IOException {
    if (!Files.isRegularFile(script)) return Optional.empty();
    byte[] head;
    try (InputStream in = Files.newInputStream(script)) {
      head = in.readNBytes(512);
    }
    String first = new String(head, StandardCharsets.UTF_8).split("\n", 2)[0];
    if (!first.startsWith("#!/")) return Optional.empty();
    String interpreter = first.substring(2).strip().split("\\s+")[0];
    int bin = interpreter.lastIndexOf("/bin/python");
    return bin > 0 ? Optional.of(interpreter.substring(0, bin)) : Optional.empty();
  }

  private static byte[] replaceFirstLine(byte[] data, byte[] from, String to) {
    int nl = 0;
    while (nl < data.length && data[nl] != '\n') nl++;
    String first = new String(data, 0, nl, StandardCharsets.UTF_8);
    String fixed = first.replace(new String(from, StandardCharsets.UTF_8), to);
    byte[] head = fixed.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + data.length - nl];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(data, nl, out, head.length, data.length - nl);
    return out;
  }

  private static byte[] replaceAll(byte[] data, String from, String to) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    String f = new String(from.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    if (!text.contains(f)) return data;
    String t = new String(to.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    return text.replace(f, t).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if (data[i] != prefix[i]) return false;
    return true;
  }

  private static String stripSlash(String p) {
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
