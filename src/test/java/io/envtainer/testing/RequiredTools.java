package io.envtainer.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test when a host tool is missing, or fails it when {@code ENVTAINER_REQUIRE_TOOLS=1} (CI).
 * Small stand-in until the harness's {@code Tools} is merged; same contract.
 */
public final class RequiredTools {
  private RequiredTools() {}

  public static void requireFile(String path, String installHint) {
    boolean present = Files.exists(Path.of(path));
    String why = path + " is missing (" + installHint + ")";
    if ("1".equals(System.getenv("ENVTAINER_REQUIRE_TOOLS"))) Assertions.assertTrue(present, why);
    else Assumptions.assumeTrue(present, why);
  }
}
