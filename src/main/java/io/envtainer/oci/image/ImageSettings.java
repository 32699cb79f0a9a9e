package io.envtainer.oci.image;

import io.envtainer.plan.EnvEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the image config says beyond its layers.
 *
 * @param environment applied over the base's Env, in order
 * @param entrypoint replaces the base's; the base's Cmd is dropped with it
 * @param labels added over the base's labels
 * @param createdBy the history entries' {@code created_by} (pinned: it is part of the digest)
 * @param created RFC 3339 time of the image and its history entries
 */
public record ImageSettings(List<EnvEntry> environment, List<String> entrypoint, Map<String, String> labels,
    String createdBy, String created) {
  public ImageSettings {
    environment = List.copyOf(environment);
    entrypoint = List.copyOf(entrypoint);
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }
}
