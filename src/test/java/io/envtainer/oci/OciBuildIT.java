package io.envtainer.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.envtainer.oci.image.Json;
import io.envtainer.testing.ProcessResult;
import io.envtainer.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * envtainer build with the real tools: umoci unpacks what it wrote (every entry compared with the venv), skopeo
 * reads it, Apptainer builds and runs SIFs from the OCI and docker archives, podman runs it through Testcontainers,
 * and the local registry takes and gives back the same digest.
 */
@Tag("integration")
class OciBuildIT {
  static final String NAME = "oci-it";
  static Path dir;
  static Path venv;
  static Path spec;
  static Path cache;

  @BeforeAll
  static void environment() throws Exception {
    dir = Tools.scratchDir("oci-build");
    venv = OciFixture.venv(dir, "2.0");
    OciFixture.fidelityTree(venv);
    spec = OciFixture.spec(dir, NAME);
    cache = dir.resolve("cache");
  }

  @Test
  void umociUnpacksEveryEntryAsTheVenvHasIt() throws Exception {
    Path archive = dir.resolve("fidelity.tar");
    OciFixture.Run r = OciFixture.build(spec, venv, "oci-archive:" + archive, cache, "-q");
    assertEquals(0, r.exit(), r.err());
    Path layout = Files.createDirectories(dir.resolve("fidelity-layout"));
    OciFixture.ok(List.of("tar", "-xf", archive.toString(), "-C", layout.toString()), dir);
    Path bundle = dir.resolve("fidelity-bundle");
    OciFixture.ok(List.of("umoci", "unpack", "--rootless", "--image", layout + ":" + NAME + ":latest",
        bundle.toString()), dir);
    Path root = bundle.resolve("rootfs");
    Path image = root.resolve("opt/env");

    List<String> compared = new ArrayList<>();
    try (Stream<Path> s = Files.walk(venv)) {
      for (Path p : s.toList()) {
        Path rel = venv.relativize(p);
        Path q = image.resolve(rel.toString());
        String what = "/opt/env/" + rel;
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,ino,nlink", LinkOption.NOFOLLOW_LINKS);
        assertTrue(Files.exists(q, LinkOption.NOFOLLOW_LINKS), what + " is in the image");
        Map<String, Object> b = Files.readAttributes(q, "unix:mode,ino,nlink", LinkOption.NOFOLLOW_LINKS);
        int modeA = (Integer) a.get("mode");
        int modeB = (Integer) b.get("mode");
        assertEquals(modeA & 0170000, modeB & 0170000, what + ": type");
        if (!Files.isSymbolicLink(p)) assertEquals(Integer.toOctalString(modeA & 07777), Integer.toOctalString(modeB & 07777), what + ": mode");
        if (Files.isSymbolicLink(p)) {
          assertEquals(Files.readSymbolicLink(p), Files.readSymbolicLink(q), what + ": link target");
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          assertEquals(sha256(expectedContent(p)), sha256(Files.readAllBytes(q)), what + ": content");
          assertEquals(a.get("nlink"), b.get("nlink"), what + ": number of hard links");
        }
        compared.add(what);
      }
    }
    try (Stream<Path> s = Files.walk(image)) {
      assertEquals(compared.size(), s.count(), "the image has no entry the venv lacks");
    }
    Object data = Files.getAttribute(image.resolve("share/fidelity/data.txt"), "unix:ino");
    assertEquals(data, Files.getAttribute(image.resolve("share/fidelity/data-hardlink.txt"), "unix:ino"));
    assertEquals(data, Files.getAttribute(image.resolve("share/fidelity/other/third-name.txt"), "unix:ino"));
    assertTrue(compared.contains("/opt/env/share/fidelity/fifo") && compared.contains("/opt/env/share/fidelity/empty/nested-empty"));
    assertEquals("a,b\n1,2\n", Files.readString(root.resolve("data/input.csv")), "the spec's files");
    assertTrue(Files.isDirectory(root.resolve("scratch")), "bind mount point");
    assertTrue(Files.isExecutable(root.resolve(".singularity.d/env/85-envtainer.sh")));
  }

  @Test
  void apptainerBuildsTheOciArchiveAndRunsPythonWithTheEnvironmentActive() throws Exception {
    Tools.requireApptainer();
    Path archive = dir.resolve("apptainer.tar");
    OciFixture.Run r = OciFixture.build(spec, venv, "oci-archive:" + archive, cache);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("the venv was made at " + venv), r.err());
    ProcessResult inspect = OciFixture.ok(List.of("skopeo", "inspect", "oci-archive:" + archive), dir);
    assertTrue(inspect.stdout().contains("\"org.opencontainers.image.base.name\": \"docker-archive:"), inspect.stdout());

    Path sif = dir.resolve("oci.sif");
    ProcessResult build = Tools.apptainer(dir, Duration.ofMinutes(10), "build", sif.toString(), "oci-archive:" + archive);
    assertEquals(0, build.exitCode(), build::describe);
    assertRunsWithTheEnvironment(sif);

    ProcessResult test = Tools.apptainer(dir, OciFixture.RUN, "test", sif.toString());
    assertEquals(0, test.exitCode(), test::describe);
    assertTrue(test.stdout().contains("ok      import envtainer_extra (envtainer-extra)"), test::describe);
    ProcessResult run = Tools.apptainer(dir, OciFixture.RUN, "run", sif.toString(), "-c", "import sys; print(sys.executable)");
    assertEquals("/opt/env/bin/python", run.stdout().strip(), run::describe);
    ProcessResult help = Tools.apptainer(dir, OciFixture.RUN, "run-help", sif.toString());
    assertTrue(help.stdout().contains("/scratch -> /scratch"), help::describe);
    ProcessResult labels = Tools.apptainer(dir, OciFixture.RUN, "inspect", "--labels", sif.toString());
    assertTrue(labels.stdout().contains("io.envtainer.spec.digest: sha256:"), labels::describe);
  }

  @Test
  void apptainerBuildsTheDockerArchiveToo() throws Exception {
    Tools.requireApptainer();
    Path archive = dir.resolve("docker.tar");
    assertEquals(0, OciFixture.build(spec, venv, "docker-archive:" + archive, cache, "-q").exit());
    Path sif = dir.resolve("docker.sif");
    ProcessResult build = Tools.apptainer(dir, Duration.ofMinutes(10), "build", sif.toString(), "docker-archive:" + archive);
    assertEquals(0, build.exitCode(), build::describe);
    assertRunsWithTheEnvironment(sif);
  }

  private static void assertRunsWithTheEnvironment(Path sif) {
    ProcessResult exec = Tools.apptainer(dir, OciFixture.RUN, "exec", sif.toString(), "python", "-c", String.join("; ",
        "import sys, os, numpy, envtainer_extra, envtainer_other",
        "print(sys.prefix, envtainer_extra.__version__, envtainer_other.__version__, numpy.__version__[:2])",
        "print(os.environ['VIRTUAL_ENV'], os.environ['PATH'].split(':')[0], os.environ['GREETING'])",
        "print(os.environ['LITERAL'])"));
    assertEquals(0, exec.exitCode(), exec::describe);
    assertEquals(List.of("/opt/env 1.4.2 2.0 1.", "/opt/env /opt/env/bin hello", "$(echo ran) `x` \"q\""),
        exec.stdout().strip().lines().toList(), exec::describe);
    assertFalse(exec.stderr().contains("not found"), "no value of the environment ran as a command: " + exec.stderr());
  }

  @Test
  void podmanRunsItThroughTestcontainers() throws Exception {
    Tools.requirePodman();
    Path archive = dir.resolve("podman.tar");
    assertEquals(0, OciFixture.build(spec, venv, "docker-archive:" + archive, cache, "-q").exit());
    OciFixture.ok(List.of("podman", "load", "-i", archive.toString()), dir);
    try (GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("localhost/" + NAME + ":latest"))
        .withCommand("-c", "import sys, os, numpy, envtainer_extra; print(sys.prefix, envtainer_extra.__version__, "
            + "os.environ['GREETING'], os.environ['LITERAL'])")
        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
      c.start();
      assertEquals("/opt/env 1.4.2 hello $(echo ran) `x` \"q\"", c.getLogs(OutputType.STDOUT).strip());
    } finally {
      Tools.run(List.of("podman", "rmi", "-f", "localhost/" + NAME + ":latest"), dir, OciFixture.RUN);
    }
  }

  @Test
  void theRegistryGivesBackTheDigestAndRebuildsAreByteIdentical() throws Exception {
    Tools.requireRegistry();
    String ref = Tools.REGISTRY + "/envtainer/" + NAME + ":" + System.nanoTime();
    Path report = dir.resolve("push.json");
    JsonNode pushed = OciFixture.build(spec, venv, "docker://" + ref, cache, "-q", "--insecure-registry",
        "--report", report.toString()).report(report);
    String digest = pushed.path("manifestDigest").asText();
    ProcessResult inspect = OciFixture.ok(List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + ref), dir);
    assertEquals(digest, Json.read(inspect.stdout().getBytes(StandardCharsets.UTF_8), "inspect").path("Digest").asText());
    Path pulled = dir.resolve("pulled");
    OciFixture.ok(List.of("skopeo", "copy", "--preserve-digests", "--src-tls-verify=false", "docker://" + ref,
        "oci:" + pulled + ":x"), dir);
    assertEquals(digest, Json.read(Files.readAllBytes(pulled.resolve("index.json")), "index").at("/manifests/0/digest")
        .asText(), "pulled back with the same digest");

    Path a = dir.resolve("again-1.tar");
    Path b = dir.resolve("again-2.tar");
    assertEquals(0, OciFixture.build(spec, venv, "oci-archive:" + a, dir.resolve("fresh-cache-1"), "-q").exit());
    assertEquals(0, OciFixture.build(spec, venv, "oci-archive:" + b, dir.resolve("fresh-cache-2"), "-q", "-j", "1").exit());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "two cold builds give the same bytes");
    ProcessResult archived = OciFixture.ok(List.of("skopeo", "inspect", "oci-archive:" + a), dir);
    assertEquals(digest, Json.read(archived.stdout().getBytes(StandardCharsets.UTF_8), "inspect").path("Digest").asText(),
        "the archive and the registry hold the same image");
  }

  @Test
  void aRegistryBaseIsPinnedInTheLabelsAndMountedNotUploaded() throws Exception {
    Tools.requireRegistry();
    String baseRef = Tools.REGISTRY + "/envtainer/python-base:test";
    OciFixture.ok(List.of("skopeo", "copy", "--dest-tls-verify=false", "docker-archive:" + Tools.pythonBaseDockerArchive(),
        "docker://" + baseRef), dir);
    ProcessResult baseInspect = OciFixture.ok(List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + baseRef), dir);
    String baseDigest = Json.read(baseInspect.stdout().getBytes(StandardCharsets.UTF_8), "inspect").path("Digest").asText();
    Path registrySpec = dir.resolve("from-registry.yaml");
    Files.writeString(registrySpec, Files.readString(spec).replaceFirst("base: .*", "base: docker://" + baseRef));
    String ref = Tools.REGISTRY + "/envtainer/" + NAME + "-on-registry:1";
    Path report = dir.resolve("registry-base.json");
    JsonNode r = OciFixture.build(registrySpec, venv, "docker://" + ref, cache, "-q", "--insecure-registry",
        "--report", report.toString()).report(report);
    assertEquals(baseDigest, r.path("baseDigest").asText());
    assertEquals(1, r.path("baseLayers").asInt());
    ProcessResult config = OciFixture.ok(List.of("skopeo", "inspect", "--config", "--tls-verify=false", "docker://" + ref), dir);
    assertTrue(config.stdout().contains("\"org.opencontainers.image.base.digest\": \"" + baseDigest + "\""), config.stdout());
    String baseLayer = Json.read(OciFixture.ok(List.of("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://"
        + baseRef), dir).stdout().getBytes(StandardCharsets.UTF_8), "manifest").at("/layers/0/digest").asText();
    List<String> uploaded = new ArrayList<>();
    r.path("uploaded").forEach(u -> uploaded.add(u.asText()));
    assertFalse(uploaded.contains(baseLayer), "the base layer is mounted from its repository, not uploaded");
  }

  private static byte[] expectedContent(Path p) throws Exception {
    byte[] data = Files.readAllBytes(p);
    String text = new String(data, StandardCharsets.ISO_8859_1);
    Path rel = venv.relativize(p);
    if (rel.startsWith("bin") && (rel.getFileName().toString().startsWith("activate") || text.startsWith("#!" + venv + "/"))) {
      String venvPath = new String(venv.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      if (rel.getFileName().toString().startsWith("activate")) return text.replace(venvPath, "/opt/env").getBytes(StandardCharsets.ISO_8859_1);
      int nl = text.indexOf('\n');
      return (text.substring(0, nl).replace(venvPath, "/opt/env") + text.substring(nl)).getBytes(StandardCharsets.ISO_8859_1);
    }
    return data;
  }

  private static String sha256(byte[] data) {
    return io.envtainer.util.Sha256.of(data);
  }
}
