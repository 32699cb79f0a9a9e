package io.envtainer.oci.layer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a layer blob (tar or tar+gzip) back: entry name → header and content. */
public final class TarReader {
  public record Item(TarArchiveEntry header, byte[] content) {}

  private TarReader() {}

  public static Map<String, Item> read(Path blob) throws IOException {
    Map<String, Item> out = new LinkedHashMap<>();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(blob))) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new GZIPInputStream(raw) : raw)) {
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
          out.put(e.getName(), new Item(e, tar.readAllBytes()));
        }
      }
    }
    return out;
  }
}
