package io.envtainer.oci.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.envtainer.oci.layer.LayerCache;
import io.envtainer.util.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A base image from a registry, through jib's registry client: the manifest (a list or index resolves to its
 * image for this host's platform), the config, and layers downloaded into the cache only when an output needs their bytes.
 */
public final class RegistryBase {
  private RegistryBase() {}

  /**
   * @param reference {@code host/repo:tag}
   * @param pinned {@code sha256:...} the manifest must have, or null
   */
  public static SourceImage read(String reference, String pinned, LayerCache cache, RegistryAccess access)
      throws IOException {
    ImageReference ref = parse(pinned == null ? reference : reference.replaceFirst(":[^:/@]+$", "") + "@" + pinned);
    try {
      RegistryClient client = access.client(ref, false);
      ManifestAndDigest<?> m = client.pullManifest(ref.getQualifier());
      JsonNode manifest = Json.read(JsonTemplateMapper.toByteArray(m.getManifest()), ref + ": manifest");
      String digest = m.getDigest().toString();
      if (pinned != null && !pinned.equals(digest)) {
        throw new IOException(ref + ": expected manifest " + pinned + ", the registry gave " + digest);
      }
      if (manifest.has("manifests")) {
        JsonNode chosen = Platform.host().pick(manifest, ref);
        m = client.pullManifest(chosen.path("digest").asText());
        manifest = Json.read(JsonTemplateMapper.toByteArray(m.getManifest()), ref + ": manifest");
        digest = m.getDigest().toString();
      }
      if (!manifest.has("layers") || !manifest.has("config")) {
        throw new IOException(ref + ": expected an image manifest with a config and layers (schema 2 or OCI)");
      }
      byte[] configBytes = download(client, manifest.path("config").path("digest").asText());
      JsonNode configNode = Json.read(configBytes, ref + ": config");
      if (!(configNode instanceof ObjectNode config)) throw new IOException(ref + ": the config is not a JSON object");
      List<String> diffIds = ArchiveBases.diffIds(config, ref);
      JsonNode layerNodes = manifest.path("layers");
      if (layerNodes.size() != diffIds.size()) {
        throw new IOException(ref + ": the manifest lists " + layerNodes.size() + " layers, the config " + diffIds.size());
      }
      List<ImageBlob> layers = new ArrayList<>();
      for (int i = 0; i < layerNodes.size(); i++) {
        JsonNode l = layerNodes.get(i);
        String layerDigest = l.path("digest").asText();
        long size = l.path("size").asLong();
        layers.add(new ImageBlob(layerDigest, size, MediaTypes.ociLayer(l.path("mediaType").asText()), diffIds.get(i),
            new Download(access, ref, layerDigest, size, cache)));
      }
      return new SourceImage(ref.getRegistry() + "/" + ref.getRepository() + ref.getTag().map(t -> ":" + t).orElse(""),
          digest, config, layers, ref.getRegistry() + "/" + ref.getRepository());
    } catch (RegistryException e) {
      throw new IOException("pulling the base image failed: " + access.explain(ref, e), e);
    }
  }

  static ImageReference parse(String reference) throws IOException {
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new IOException("expected an image reference HOST/REPOSITORY:TAG, found '" + reference + "'", e);
    }
  }

  private static byte[] download(RegistryClient client, String digest) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fetch(client, digest, out);
    return out.toByteArray();
  }

  /** Writes the blob DIGEST to OUT, checking its digest. */
  static void fetch(RegistryClient client, String digest, OutputStream out) throws IOException {
    MessageDigest md = Sha256.newDigest();
    try {
      client.pullBlob(DescriptorDigest.fromDigest(digest), size -> { }, n -> { })
          .writeTo(new DigestOutputStream(out, md));
    } catch (DigestException e) {
      throw new IOException("not a digest: " + digest, e);
    }
    String got = Sha256.format(md.digest());
    if (!got.equals(digest)) throw new IOException("blob " + digest + " arrived with digest " + got);
  }

  /** A base layer fetched into the cache the first time something reads it. */
  private static final class Download implements BlobSource {
    private final RegistryAccess access;
    private final ImageReference ref;
    private final String digest;
    private final long size;
    private final LayerCache cache;

    Download(RegistryAccess access, ImageReference ref, String digest, long size, LayerCache cache) {
      this.access = access;
      this.ref = ref;
      this.digest = digest;
      this.size = size;
      this.cache = cache;
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(file().orElseThrow());
    }

    @Override
    public synchronized Optional<Path> file() throws IOException {
      if (!cache.hasBlob(digest, size)) {
        Path temp = cache.newTemp("base-layer");
        try {
          try (OutputStream out = Files.newOutputStream(temp)) {
            fetch(access.client(ref, false), digest, out);
          }
          cache.storeBlob(temp, digest);
        } catch (RegistryException e) {
          throw new IOException("pulling base layer " + digest + " failed: " + access.explain(ref, e), e);
        } finally {
          cache.discard(temp);
        }
      }
      return Optional.of(cache.blob(digest));
    }
  }
}
