package io.envtainer.oci.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envtainer.oci.layer.ImagePaths;
import io.envtainer.oci.layer.LayerCache;
import io.envtainer.util.AtomicFiles;
import io.envtainer.util.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Base images from local archives, read in place: docker-save archives ({@code manifest.json} at the top) and OCI
 * image layouts in a tar. Layers are not copied; the output reads them from the archive.
 */
public final class ArchiveBases {
  private ArchiveBases() {}

  public static SourceImage dockerArchive(Path archive, LayerCache cache) throws IOException {
    try (TarFile tar = open(archive)) {
      Map<String, TarArchiveEntry> entries = entries(tar);
      JsonNode manifest = Json.read(bytes(tar, entries, archive, "manifest.json"), archive + ": manifest.json");
      if (!manifest.isArray() || manifest.size() != 1) {
        throw new IOException(archive + ": expected a docker archive with one image, found "
            + (manifest.isArray() ? manifest.size() + " images" : "no image list") + " in manifest.json");
      }
      JsonNode image = manifest.get(0);
      ObjectNode config = config(bytes(tar, entries, archive, image.path("Config").asText()), archive);
      List<String> diffIds = diffIds(config, archive);
      JsonNode layerPaths = image.path("Layers");
      if (layerPaths.size() != diffIds.size()) {
        throw new IOException(archive + ": manifest.json lists " + layerPaths.size() + " layers, the config "
            + diffIds.size());
      }
      List<String[]> known = knownDigests(archive, cache, layerPaths.size());
      List<String[]> computed = new ArrayList<>();
      List<ImageBlob> layers = new ArrayList<>();
      for (int i = 0; i < layerPaths.size(); i++) {
        TarArchiveEntry e = resolve(entries, layerPaths.get(i).asText(), archive);
        BlobSource source = BlobSource.slice(archive, e.getDataOffset(), e.getSize());
        String[] digestAndType = known != null ? known.get(i) : digestOf(source);
        computed.add(digestAndType);
        String diffId = diffIds.get(i);
        if (digestAndType[1].equals(MediaTypes.LAYER_TAR) && !digestAndType[0].equals(diffId)) {
          throw new IOException(archive + ": layer " + layerPaths.get(i).asText() + " has digest " + digestAndType[0]
              + " but the config says " + diffId);
        }
        layers.add(new ImageBlob(digestAndType[0], e.getSize(), digestAndType[1], diffId, source));
      }
      if (known == null) rememberDigests(archive, cache, computed);
      return new SourceImage("docker-archive:" + archive, null, config, layers, null);
    }
  }

  public static SourceImage ociArchive(Path archive) throws IOException {
    try (TarFile tar = open(archive)) {
      Map<String, TarArchiveEntry> entries = entries(tar);
      JsonNode index = Json.read(bytes(tar, entries, archive, "index.json"), archive + ": index.json");
      JsonNode descriptor = Platform.host().pick(index, archive);
      while (MediaTypes.OCI_INDEX.equals(descriptor.path("mediaType").asText())
          || MediaTypes.DOCKER_LIST.equals(descriptor.path("mediaType").asText())) {
        descriptor = Platform.host().pick(Json.read(blob(tar, entries, archive, descriptor),
            archive + ": nested index"), archive);
      }
      String manifestDigest = descriptor.path("digest").asText();
      JsonNode manifest = Json.read(blob(tar, entries, archive, descriptor), archive + ": manifest");
      ObjectNode config = config(blob(tar, entries, archive, manifest.path("config")), archive);
      List<String> diffIds = diffIds(config, archive);
      JsonNode layerDescriptors = manifest.path("layers");
      if (layerDescriptors.size() != diffIds.size()) {
        throw new IOException(archive + ": the manifest lists " + layerDescriptors.size() + " layers, the config "
            + diffIds.size());
      }
      List<ImageBlob> layers = new ArrayList<>();
      for (int i = 0; i < layerDescriptors.size(); i++) {
        JsonNode d = layerDescriptors.get(i);
        TarArchiveEntry e = resolve(entries, blobPath(d, archive), archive);
        layers.add(new ImageBlob(d.path("digest").asText(), e.getSize(), MediaTypes.ociLayer(d.path("mediaType").asText()),
            diffIds.get(i), BlobSource.slice(archive, e.getDataOffset(), e.getSize())));
      }
      return new SourceImage("oci-archive:" + archive, manifestDigest, config, layers, null);
    }
  }

  private static TarFile open(Path archive) throws IOException {
    if (!Files.isRegularFile(archive)) throw new IOException(archive + ": no such archive");
    try {
      return new TarFile(archive);
    } catch (IOException e) {
      throw new IOException(archive + ": not a tar archive (" + e.getMessage() + ")", e);
    }
  }

  private static Map<String, TarArchiveEntry> entries(TarFile tar) {
    Map<String, TarArchiveEntry> m = new HashMap<>();
    for (TarArchiveEntry e : tar.getEntries()) m.put(clean(e.getName()), e);
    return m;
  }

  private static String clean(String name) {
    String n = name;
    while (n.startsWith("./")) n = n.substring(2);
    while (n.startsWith("/")) n = n.substring(1);
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }

  /** The entry NAME, following symlink entries (docker save links repeated layers). */
  private static TarArchiveEntry resolve(Map<String, TarArchiveEntry> entries, String name, Path archive)
      throws IOException {
    String n = clean(name);
    for (int hops = 0; hops < 10; hops++) {
      TarArchiveEntry e = entries.get(n);
      if (e == null) throw new IOException(archive + ": expected an entry " + n + ", found none");
      if (!e.isSymbolicLink()) return e;
      String target = e.getLinkName();
      String dir = n.contains("/") ? n.substring(0, n.lastIndexOf('/') + 1) : "";
      n = clean(target.startsWith("/") ? target : ImagePaths.normalize(dir + target));
    }
    throw new IOException(archive + ": too many symlinks at " + name);
  }

  private static byte[] bytes(TarFile tar, Map<String, TarArchiveEntry> entries, Path archive, String name)
      throws IOException {
    TarArchiveEntry e = resolve(entries, name, archive);
    try (InputStream in = tar.getInputStream(e)) {
      return in.readAllBytes();
    }
  }

  private static String blobPath(JsonNode descriptor, Path archive) throws IOException {
    String digest = descriptor.path("digest").asText();
    if (!digest.matches("[a-z0-9]+:[a-f0-9]{32,}")) {
      throw new IOException(archive + ": expected a blob digest, found '" + digest + "'");
    }
    return "blobs/" + digest.replace(':', '/');
  }

  private static byte[] blob(TarFile tar, Map<String, TarArchiveEntry> entries, Path archive, JsonNode descriptor)
      throws IOException {
    return bytes(tar, entries, archive, blobPath(descriptor, archive));
  }

  private static ObjectNode config(byte[] bytes, Path archive) throws IOException {
    JsonNode node = Json.read(bytes, archive + ": image config");
    if (!(node instanceof ObjectNode o)) throw new IOException(archive + ": the image config is not a JSON object");
    return o;
  }

  static List<String> diffIds(ObjectNode config, Object where) throws IOException {
    JsonNode ids = config.path("rootfs").path("diff_ids");
    if (!(ids instanceof ArrayNode)) throw new IOException(where + ": the image config has no rootfs.diff_ids");
    List<String> out = new ArrayList<>();
    for (JsonNode id : ids) out.add(id.asText());
    return out;
  }

  private static String[] digestOf(BlobSource source) throws IOException {
    MessageDigest md = Sha256.newDigest();
    String type;
    try (InputStream in = source.open(); DigestInputStream din = new DigestInputStream(in, md)) {
      type = MediaTypes.sniffLayer(din);
      din.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return new String[] {Sha256.format(md.digest()), type};
  }

  /** Layer digests of a docker archive are costly to compute (a full read): kept per archive identity. */
  private static Path digestRecord(Path archive, LayerCache cache) throws IOException {
    Map<String, Object> a = Files.readAttributes(archive, "unix:ino,dev,size,ctime,lastModifiedTime",
        LinkOption.NOFOLLOW_LINKS);
    String identity = archive.toAbsolutePath() + " " + a.get("dev") + " " + a.get("ino") + " " + a.get("size") + " "
        + ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS) + " "
        + ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
    String key = Sha256.of(identity.getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
    return cache.root().resolve("archives").resolve(key);
  }

  private static List<String[]> knownDigests(Path archive, LayerCache cache, int count) throws IOException {
    Path record = digestRecord(archive, cache);
    if (!Files.isRegularFile(record)) return null;
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) out.add(line.split(" "));
    return out.size() == count ? out : null;
  }

  private static void rememberDigests(Path archive, LayerCache cache, List<String[]> digests) throws IOException {
    Path record = digestRecord(archive, cache);
    Files.createDirectories(record.getParent());
    StringBuilder b = new StringBuilder();
    for (String[] d : digests) b.append(d[0]).append(' ').append(d[1]).append('\n');
    AtomicFiles.writeString(record, b.toString());
  }
}
