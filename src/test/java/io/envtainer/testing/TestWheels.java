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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds wheels for tests (PyPI is out of reach): small pure-Python ones made up here, and wheels repacked from a
 * distribution already installed by Debian (its files and metadata as they are), with METADATA, WHEEL and a RECORD
 * of sha256 hashes, as pip expects.
 */
public final class TestWheels {
  /** The platform tag of CPython 3.13 extension modules on x86-64 Linux (Debian trixie's python3). */
  public static final String CP313_LINUX = "cp313-cp313-linux_x86_64";
  public static final String PURE = "py3-none-any";

  private TestWheels() {}

  /** Writes {@code dir/<name>-<version>-py3-none-any.whl} and returns it; name uses underscores (PEP 427). */
  public static Path build(Path dir, String projectName, String version) throws IOException {
    String dist = projectName.replaceAll("[-_.]+", "_");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(dist + "/__init__.py", utf8("__version__ = \"" + version + "\"\n"));
    String metadata = "Metadata-Version: 2.1\nName: " + projectName + "\nVersion: " + version
        + "\nSummary: test package built by envtainer's tests\n";
    return write(dir, dist, version, PURE, metadata, files);
  }

  /**
   * Repacks the distribution whose metadata is {@code siteDir/infoDir} ({@code *.egg-info} or {@code *.dist-info}, as
   * Debian installs them) into {@code dir/<name>-<version>-<tag>.whl}: every file of the top-level packages and
   * modules its top_level.txt names (compiled {@code __pycache__} left out), its PKG-INFO/METADATA unchanged.
   *
   * @param tag {@link #PURE}, or a platform tag such as {@link #CP313_LINUX} when it carries extension modules
   */
  public static Path fromInstalled(Path siteDir, String infoDir, String tag, Path dir) throws IOException {
    Path info = siteDir.resolve(infoDir);
    Path metaFile = Files.isRegularFile(info.resolve("METADATA")) ? info.resolve("METADATA") : info.resolve("PKG-INFO");
    String metadata = Files.readString(metaFile, StandardCharsets.UTF_8);
    String name = header(metadata, "Name");
    String version = header(metadata, "Version");
    List<String> topLevel = Files.readString(info.resolve("top_level.txt")).lines().map(String::strip)
        .filter(s -> !s.isEmpty()).toList();
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String top : topLevel) {
      Path pkg = siteDir.resolve(top);
      if (Files.isDirectory(pkg)) {
        try (Stream<Path> walk = Files.walk(pkg)) {
          for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
            if (siteDir.relativize(f).toString().contains("__pycache__")) continue;
            files.put(siteDir.relativize(f).toString(), Files.readAllBytes(f));
          }
        }
      }
      try (Stream<Path> s = Files.list(siteDir)) {
        for (Path f : s.filter(p -> Files.isRegularFile(p) && (p.getFileName().toString().equals(top + ".py")
            || p.getFileName().toString().startsWith(top + ".") && p.getFileName().toString().endsWith(".so"))).sorted().toList()) {
          files.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
      }
    }
    if (files.isEmpty()) throw new IOException("no files for " + topLevel + " in " + siteDir);
    String dist = name.replaceAll("[-_.]+", "_");
    files.put(dist + "-" + version + ".dist-info/top_level.txt", utf8(String.join("\n", topLevel) + "\n"));
    return write(dir, dist, version, tag, metadata, files);
  }

  private static Path write(Path dir, String dist, String version, String tag, String metadata, Map<String, byte[]> content)
      throws IOException {
    String info = dist + "-" + version + ".dist-info";
    Map<String, byte[]> files = new LinkedHashMap<>(content);
    files.put(info + "/METADATA", utf8(metadata));
    files.put(info + "/WHEEL", utf8("Wheel-Version: 1.0\nGenerator: envtainer-tests\nRoot-Is-Purelib: "
        + tag.equals(PURE) + "\nTag: " + tag + "\n"));
    StringBuilder record = new StringBuilder();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      record.append(f.getKey()).append(",sha256=").append(sha256(f.getValue())).append(',').append(f.getValue().length)
          .append('\n');
    }
    record.append(info).append("/RECORD,,\n");
    files.put(info + "/RECORD", utf8(record.toString()));
    Files.createDirectories(dir);
    Path wheel = dir.resolve(dist + "-" + version + "-" + tag + ".whl");
    try (OutputStream out = Files.newOutputStream(wheel); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        ZipEntry e = new ZipEntry(f.getKey());
        e.setTime(315532800000L);
        zip.putNextEntry(e);
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
    return wheel;
  }

  private static String header(String metadata, String key) throws IOException {
    Matcher m = Pattern.compile("(?m)^" + key + ":\\s*(\\S+)\\s*$").matcher(metadata);
    if (!m.find()) throw new IOException("metadata has no " + key + ": header");
    return m.group(1);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] b) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
