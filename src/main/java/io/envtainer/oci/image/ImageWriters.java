package io.envtainer.oci.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envtainer.util.AtomicFiles;
import io.envtainer.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an image as an OCI archive, a docker-save archive or an OCI layout directory. Each output appears whole or
 * not at all: it is written beside the target and moved into place at the end.
 */
public final class ImageWriters {
  private ImageWriters() {}

  /** An OCI image layout in a tar, with directory entries (Apptainer's reader needs them). */
  public static void ociArchive(AssembledImage image, Path target) throws IOException {
    AtomicFiles.write(target, out -> {
      try (ArchiveTar tar = new ArchiveTar(out)) {
        tar.directory("blobs");
        tar.directory("blobs/sha256");
        for (ImageBlob b : image.uniqueBlobs()) tar.blob("blobs/sha256/" + Sha256.hex(b.digest()), b);
        tar.file("blobs/sha256/" + Sha256.hex(image.manifestDigest()), image.manifest());
        tar.file("index.json", index(image));
        tar.file("oci-layout", OCI_LAYOUT);
      }
    });
  }

  /**
   * docker-save format: manifest.json, the config as HEX.json, layers uncompressed as DIFFID/layer.tar (as docker
   * save writes them; Apptainer's docker-archive reader takes no other).
   */
  public static void dockerArchive(AssembledImage image, Path target) throws IOException {
    Path scratch = target.toAbsolutePath().normalize().getParent();
    AtomicFiles.write(target, out -> {
      try (ArchiveTar tar = new ArchiveTar(out)) {
        ObjectNode m = Json.object();
        m.put("Config", Sha256.hex(image.config().digest()) + ".json");
        m.putArray("RepoTags").add(image.refName());
        ArrayNode layers = m.putArray("Layers");
        for (ImageBlob l : image.layers()) layers.add(layerFile(l));
        ArrayNode manifest = Json.MAPPER.createArrayNode().add(m);
        tar.file("manifest.json", Json.bytes(manifest));
        tar.blob(Sha256.hex(image.config().digest()) + ".json", image.config());
        Map<String, ImageBlob> seen = new LinkedHashMap<>();
        for (ImageBlob l : image.layers()) seen.putIfAbsent(layerFile(l), l);
        for (Map.Entry<String, ImageBlob> e : seen.entrySet()) {
          tar.directory(e.getKey().substring(0, e.getKey().indexOf('/')));
          tar.uncompressedLayer(e.getKey(), e.getValue(), scratch);
        }
      }
    });
  }

  /**
   * An OCI image layout directory; blobs are hard links to the cache's files where possible (no copy), else copies.
   * An existing directory at the target is replaced.
   */
  public static void ociLayout(AssembledImage image, Path target) throws IOException {
    AtomicFiles.writeDirectory(target, stage -> {
      Path blobs = Files.createDirectories(stage.resolve("blobs/sha256"));
      for (ImageBlob b : image.uniqueBlobs()) place(b, blobs.resolve(Sha256.hex(b.digest())));
      Files.write(blobs.resolve(Sha256.hex(image.manifestDigest())), image.manifest());
      Files.write(stage.resolve("index.json"), index(image));
      Files.write(stage.resolve("oci-layout"), OCI_LAYOUT);
    });
  }

  private static final byte[] OCI_LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  static byte[] index(AssembledImage image) {
    ObjectNode index = Json.object();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    ObjectNode d = index.putArray("manifests").addObject();
    d.put("mediaType", MediaTypes.OCI_MANIFEST);
    d.put("digest", image.manifestDigest());
    d.put("size", image.manifest().length);
    d.putObject("annotations").put("org.opencontainers.image.ref.name", image.refName());
    return Json.bytes(index);
  }

  private static String layerFile(ImageBlob l) {
    return Sha256.hex(l.diffId()) + "/layer.tar";
  }

  private static void place(ImageBlob b, Path target) throws IOException {
    Optional<Path> file = b.source().file();
    if (file.isPresent()) {
      try {
        Files.createLink(target, file.get());
        return;
      } catch (FileSystemException | UnsupportedOperationException e) {
        // another file system, or links not allowed: copy
      }
    }
    try (InputStream in = b.source().open()) {
      Files.copy(in, target);
    }
  }
}
