package io.envtainer.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds small pure-Python wheels for tests (PyPI is out of reach): one module {@code <import_name>} whose
 * {@code __version__} is the version, with METADATA, WHEEL and a RECORD of sha256 hashes, as pip expects.
 */
public final class TestWheels {
  private TestWheels() {}

  /** Writes {@code dir/<name>-<version>-py3-none-any.whl} and returns it; name uses underscores (PEP 427). */
  public static Path build(Path dir, String projectName, String version) throws IOException {
    String dist = projectName.replaceAll("[-_.]+", "_");
    String info = dist + "-" + version + ".dist-info";
    Map<String, String> files = new LinkedHashMap<>();
    files.put(dist + "/__init__.py", "__version__ = \"" + version + "\"\n");
    files.put(info + "/METADATA", "Metadata-Version: 2.1\nName: " + projectName + "\nVersion: " + version
        + "\nSummary: test package built by envtainer's tests\n");
    files.put(info + "/WHEEL", "Wheel-Version: 1.0\nGenerator: envtainer-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
    StringBuilder record = new StringBuilder();
    for (Map.Entry<String, String> f : files.entrySet()) {
      byte[] b = f.getValue().getBytes(StandardCharsets.UTF_8);
      record.append(f.getKey()).append(",sha256=").append(sha256(b)).append(',').append(b.length).append('\n');
    }
    record.append(info).append("/RECORD,,\n");
    files.put(info + "/RECORD", record.toString());
    Files.createDirectories(dir);
    Path wheel = dir.resolve(dist + "-" + version + "-py3-none-any.whl");
    try (OutputStream out = Files.newOutputStream(wheel); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        ZipEntry e = new ZipEntry(f.getKey());
        e.setTime(315532800000L);
        zip.putNextEntry(e);
        zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return wheel;
  }

  private static String sha256(byte[] b) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
