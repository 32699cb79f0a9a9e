package io.envtainer.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envtainer.oci.image.Json;
import io.envtainer.oci.layer.LayerBlob;
import java.util.List;

/**
 * What a build did, for people (a summary) and for scripts ({@code --report FILE}, JSON).
 *
 * @param baseLayers layers taken from the base image as they are
 * @param layers the layers this build made or found in the cache, in image order
 * @param uploaded for registry targets, digests uploaded (others were already there); else empty
 */
public record BuildReport(String target, String manifestDigest, String configDigest, String base,
    String baseDigest, int baseLayers, List<LayerBlob> layers, List<String> uploaded, List<String> skipped,
    double seconds) {

  public long built() {
    return layers.stream().filter(l -> l.status() == LayerBlob.Status.BUILT).count();
  }

  public String summary() {
    long bytes = layers.stream().mapToLong(LayerBlob::size).sum();
    return String.format("%s %s: %d layers built, %d cached, %d from the base; %s compressed; %.1f s", target,
        manifestDigest, built(), layers.size() - built(), baseLayers, BuildProgress.size(bytes), seconds);
  }

  public byte[] json() {
    ObjectNode r = Json.object();
    r.put("target", target);
    r.put("manifestDigest", manifestDigest);
    r.put("configDigest", configDigest);
    r.put("base", base);
    if (baseDigest != null) r.put("baseDigest", baseDigest);
    r.put("baseLayers", baseLayers);
    ArrayNode ls = r.putArray("layers");
    for (LayerBlob l : layers) {
      ObjectNode o = ls.addObject();
      o.put("name", l.name());
      o.put("status", l.status().name().toLowerCase(java.util.Locale.ROOT));
      o.put("digest", l.digest());
      o.put("diffId", l.diffId());
      o.put("mediaType", l.mediaType());
      o.put("size", l.size());
      o.put("uncompressedSize", l.uncompressedSize());
      o.put("files", l.files());
    }
    ArrayNode up = r.putArray("uploaded");
    uploaded.forEach(up::add);
    ArrayNode sk = r.putArray("skipped");
    skipped.forEach(sk::add);
    r.put("seconds", Math.round(seconds * 1000) / 1000.0);
    return Json.bytes(r);
  }
}
