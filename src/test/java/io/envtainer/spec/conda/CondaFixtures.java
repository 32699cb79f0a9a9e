package io.envtainer.spec.conda;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The fixture files under src/test/resources/conda. */
final class CondaFixtures {
  private CondaFixtures() {}

  static Path path(String name) {
    try {
      return Path.of(CondaFixtures.class.getResource("/conda/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + name, e);
    }
  }
}
