package io.envtainer.oci.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envtainer.oci.layer.LayerBlob;
import io.envtainer.plan.EnvEntry;
import io.envtainer.util.Sha256;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base image + new layers + settings → config and manifest. The base's config is kept, fields envtainer does not
 * know included; Env and Labels are merged over it, the entrypoint replaced, rootfs and history extended.
 */
public final class ImageAssembler {
  private ImageAssembler() {}

  public static AssembledImage assemble(String refName, SourceImage base, List<LayerBlob> added, ImageSettings s)
      throws IOException {
    List<ImageBlob> layers = new ArrayList<>(base.layers());
    for (LayerBlob b : added) {
      layers.add(new ImageBlob(b.digest(), b.size(), b.mediaType(), b.diffId(), BlobSource.of(b.file()),
          b.uncompressedSize()));
    }
    byte[] configBytes = Json.bytes(config(base, added, s));
    ImageBlob config = new ImageBlob(Sha256.of(configBytes), configBytes.length, MediaTypes.OCI_CONFIG, null,
        BlobSource.of(configBytes));
    byte[] manifest = manifest(config, layers);
    return new AssembledImage(refName, layers, config, manifest, Sha256.of(manifest));
  }

  static ObjectNode config(SourceImage base, List<LayerBlob> added, ImageSettings s) {
    ObjectNode c = base.config() == null ? Json.object() : base.config().deepCopy();
    c.put("created", s.created());
    Platform host = Platform.host();
    if (!c.has("architecture")) c.put("architecture", host.architecture());
    if (!c.has("os")) c.put("os", host.os());
    ObjectNode cfg = c.path("config") instanceof ObjectNode o ? o : c.putObject("config");
    cfg.set("Env", env(cfg.path("Env"), s.environment()));
    ArrayNode entrypoint = cfg.putArray("Entrypoint");
    s.entrypoint().forEach(entrypoint::add);
    cfg.remove("Cmd");
    ObjectNode labels = cfg.path("Labels") instanceof ObjectNode l ? l : cfg.putObject("Labels");
    s.labels().forEach(labels::put);

    ObjectNode rootfs = c.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    for (ImageBlob b : base.layers()) ids.add(b.diffId());
    for (LayerBlob b : added) ids.add(b.diffId());

    ArrayNode history;
    if (c.path("history") instanceof ArrayNode h) {
      history = h;
    } else {
      // Tools match history entries to layers: a base without history gets one entry per layer.
      history = c.putArray("history");
      for (int i = 0; i < base.layers().size(); i++) history.addObject().put("created_by", "base image " + base.reference());
    }
    for (LayerBlob b : added) {
      ObjectNode h = history.addObject();
      h.put("created", s.created());
      h.put("created_by", s.createdBy());
      h.put("comment", b.name());
    }
    return c;
  }

  /** The base's Env ("K=V" strings) with the plan's entries applied; new names go at the end in plan order. */
  static ArrayNode env(JsonNode baseEnv, List<EnvEntry> entries) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode kv : baseEnv) {
      String t = kv.asText();
      int eq = t.indexOf('=');
      if (eq > 0) env.put(t.substring(0, eq), t.substring(eq + 1));
    }
    for (EnvEntry e : entries) {
      String old = env.get(e.name());
      String value = switch (e.op()) {
        case SET -> e.value();
        case PREPEND -> old == null || old.isEmpty() ? e.value() : e.value() + ":" + old;
        case APPEND -> old == null || old.isEmpty() ? e.value() : old + ":" + e.value();
      };
      env.put(e.name(), value);
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  /**
   * The OCI manifest. Its bytes are exactly those jib's registry client pushes (it re-serializes what it is given,
   * in the same field order; a unit test holds the two together), so archives and registries agree on the digest.
   */
  static byte[] manifest(ImageBlob config, List<ImageBlob> layers) {
    ObjectNode m = Json.object();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    m.set("config", descriptor(config));
    ArrayNode ls = m.putArray("layers");
    for (ImageBlob l : layers) ls.add(descriptor(l));
    return Json.bytes(m);
  }

  private static ObjectNode descriptor(ImageBlob b) {
    ObjectNode d = Json.object();
    d.put("mediaType", b.mediaType());
    d.put("digest", b.digest());
    d.put("size", b.size());
    return d;
  }
}
