package io.envtainer.oci.image;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blob;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.image.json.OciManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes an image with jib's registry client: blobs the registry lacks (a base from the same registry is mounted,
 * not uploaded), then the manifest under the tag, last, so that the tag never names an incomplete image.
 */
public final class RegistryPusher {
  private RegistryPusher() {}

  /** What a push did. */
  public record Pushed(List<String> uploaded, List<String> present, String manifestDigest) {}

  public static Pushed push(AssembledImage image, String sourceRepository, String reference, RegistryAccess access,
      PushListener listener) throws IOException {
    ImageReference ref = RegistryBase.parse(reference);
    try {
      RegistryClient client = access.client(ref, true);
      List<String> uploaded = new ArrayList<>();
      List<String> present = new ArrayList<>();
      String mountFrom = sourceRepository != null && sourceRepository.startsWith(ref.getRegistry() + "/")
          ? sourceRepository.substring(ref.getRegistry().length() + 1) : null;
      List<ImageBlob> blobs = image.uniqueBlobs();
      listener.start(blobs.size(), blobs.stream().mapToLong(ImageBlob::size).sum());
      for (ImageBlob b : blobs) {
        DescriptorDigest d = digest(b.digest());
        boolean existed = client.checkBlob(d).isPresent()
            || client.pushBlob(d, jibBlob(b), b.diffId() != null ? mountFrom : null, listener::bytes);
        (existed ? present : uploaded).add(b.digest());
        listener.pushed(b, !existed);
      }
      OciManifestTemplate manifest = JsonTemplateMapper.readJson(image.manifest(), OciManifestTemplate.class);
      String tag = ref.getTag().orElse("latest");
      DescriptorDigest pushed = client.pushManifest(manifest, tag);
      if (!pushed.toString().equals(image.manifestDigest())) {
        throw new IOException("the registry stored manifest " + pushed + ", expected " + image.manifestDigest());
      }
      return new Pushed(uploaded, present, pushed.toString());
    } catch (RegistryException e) {
      throw new IOException("pushing to " + ref + " failed: " + access.explain(ref, e), e);
    }
  }

  private static Blob jibBlob(ImageBlob b) {
    return Blobs.from(out -> {
      try (InputStream in = b.source().open()) {
        in.transferTo(out);
      }
    }, true);
  }

  private static DescriptorDigest digest(String d) throws IOException {
    try {
      return DescriptorDigest.fromDigest(d);
    } catch (DigestException e) {
      throw new IOException("not a digest: " + d, e);
    }
  }
}
