package io.envtainer.oci.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Compact JSON in insertion order, so that the same image gives the same bytes. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** Sets up the mapper (class loading, caches) ahead of use; safe from any thread. */
  public static void warmUp() {
    bytes(object().put("warm", 1));
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode read(byte[] bytes, String what) throws IOException {
    try {
      return MAPPER.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(what + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }
}
