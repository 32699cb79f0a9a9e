package io.envtainer.plan;

import io.envtainer.spec.JsonWriter;
import io.envtainer.spec.Spec;
import io.envtainer.spec.SpecTree;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@code sha256:} of the normalised spec: the same environment gives the same digest however it was written. */
public final class SpecDigest {
  private SpecDigest() {}

  public static String of(Spec spec) {
    return "sha256:" + sha256(JsonWriter.write(SpecTree.of(spec)));
  }

  public static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
