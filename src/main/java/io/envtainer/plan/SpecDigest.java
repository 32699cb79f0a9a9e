package io.envtainer.plan;

import io.envtainer.spec.JsonWriter;
import io.envtainer.spec.Spec;
import io.envtainer.spec.SpecTree;
import io.envtainer.util.Sha256;
import java.nio.charset.StandardCharsets;

/** {@code sha256:} of the normalised spec: the same environment gives the same digest however it was written. */
public final class SpecDigest {
  private SpecDigest() {}

  public static String of(Spec spec) {
    return Sha256.of(JsonWriter.write(SpecTree.of(spec)).getBytes(StandardCharsets.UTF_8));
  }
}
