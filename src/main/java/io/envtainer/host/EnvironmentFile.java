package io.envtainer.host;

import io.envtainer.spec.SourceLocation;
import io.envtainer.spec.SpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A shell's environment saved with {@code env -0 > FILE}: NAME=value entries, each ended by a NUL byte. NUL is the
 * only safe separator (values such as bash's exported functions span several lines), so plain {@code env} output is
 * refused rather than guessed at.
 */
public final class EnvironmentFile {
  private EnvironmentFile() {}

  public static Map<String, String> read(Path file) throws SpecException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SpecException(SourceLocation.of(file, 0), "expected a readable file, found " + e.getMessage(), null);
    }
    return parse(file, new String(bytes, StandardCharsets.UTF_8));
  }

  static Map<String, String> parse(Path file, String text) throws SpecException {
    if (text.isEmpty() || text.charAt(text.length() - 1) != '\0') {
      throw new SpecException(SourceLocation.of(file, 1), "expected NUL-terminated NAME=value entries (the output of "
          + "'env -0'), found " + (text.isEmpty() ? "an empty file" : "text that does not end with a NUL byte"),
          "save the shell's environment with: env -0 > " + file.getFileName());
    }
    Map<String, String> env = new LinkedHashMap<>();
    int line = 1;
    int start = 0;
    for (int end = text.indexOf('\0'); end >= 0; start = end + 1, end = text.indexOf('\0', start)) {
      String entry = text.substring(start, end);
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new SpecException(new SourceLocation(file, line, 1), "expected NAME=value, found '"
            + (entry.length() > 40 ? entry.substring(0, 40) + "..." : entry) + "'", "the file must hold 'env -0' output");
      }
      env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
      line += (int) entry.chars().filter(c -> c == '\n').count();
    }
    return env;
  }
}
