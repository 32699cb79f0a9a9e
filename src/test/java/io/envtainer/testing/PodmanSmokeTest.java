package io.envtainer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/** Testcontainers runs the python-base image on podman's Docker API (DOCKER_HOST is set in pom.xml). */
@Tag("integration")
class PodmanSmokeTest {

  @Test
  void runsPythonInPythonBaseContainer() {
    Tools.requirePodmanImage(Tools.PYTHON_BASE_IMAGE);
    try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(Tools.PYTHON_BASE_IMAGE))
        .withCommand("python3", "-c", "import sys, numpy; print(sys.version_info[:2], numpy.__version__[:4])")
        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(1)))) {
      container.start();
      assertEquals("(3, 11) 1.24", container.getLogs(OutputType.STDOUT).strip());
    }
  }
}
