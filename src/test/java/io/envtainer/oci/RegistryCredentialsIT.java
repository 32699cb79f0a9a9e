package io.envtainer.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envtainer.oci.layer.TarReader;
import io.envtainer.testing.ProcessResult;
import io.envtainer.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pushing to a registry that wants a login, with credentials from each usual place; the secret never shows in the
 * output, the report or the image. envtainer runs as a process of its own here, so that its environment is the
 * test's to choose.
 */
@Tag("integration")
class RegistryCredentialsIT {
  static Path dir;
  static Path spec;
  static Path env;
  static String password;

  @BeforeAll
  static void setUp() throws Exception {
    password = Tools.authRegistryPassword();
    dir = Tools.scratchDir("credentials");
    env = Files.createDirectories(dir.resolve("env/bin"));
    Files.writeString(env.resolve("tool"), "#!/bin/sh\necho tool\n");
    env = env.getParent();
    spec = dir.resolve("creds.yaml");
    Files.writeString(spec, "name: creds\nbase: scratch\npython: {source: venv}\nenv: {MODE: test}\n");
    Files.createDirectories(dir.resolve("home"));
  }

  @Test
  void withoutCredentialsThePushIsRefusedWithAHint() {
    ProcessResult r = build(Map.of(), "none");
    assertEquals(1, r.exitCode(), r::describe);
    assertTrue(r.stderr().contains("refused access to envtainer/creds") && r.stderr().contains("podman login"),
        r::describe);
  }

  @Test
  void environmentVariables() throws Exception {
    ProcessResult r = build(Map.of("ENVTAINER_REGISTRY_USERNAME", Tools.AUTH_REGISTRY_USER,
        "ENVTAINER_REGISTRY_PASSWORD", password), "variables");
    assertPushedAndSecret(r, "variables", "$ENVTAINER_REGISTRY_USERNAME");
  }

  @Test
  void dockerConfigJson() throws Exception {
    Path config = Files.createDirectories(dir.resolve("docker-config"));
    Files.writeString(config.resolve("config.json"), auths());
    ProcessResult r = build(Map.of("DOCKER_CONFIG", config.toString()), "docker-config");
    assertPushedAndSecret(r, "docker-config", config.resolve("config.json").toString());
  }

  @Test
  void podmanAuthFile() throws Exception {
    Path auth = Files.writeString(dir.resolve("auth.json"), auths());
    ProcessResult r = build(Map.of("REGISTRY_AUTH_FILE", auth.toString()), "podman-auth");
    assertPushedAndSecret(r, "podman-auth", auth.toString());
  }

  @Test
  void aDockerCredentialHelper() throws Exception {
    // A credential helper is a program on PATH that speaks the docker-credential protocol: "get" reads the
    // registry on stdin and prints the login as JSON. This one is a shell script; docker's are the same to jib.
    Path bin = Files.createDirectories(dir.resolve("helper-bin"));
    Path helper = bin.resolve("docker-credential-envtainer-test");
    Files.writeString(helper, String.join("\n",
        "#!/bin/sh",
        "[ \"$1\" = get ] || exit 1",
        "read -r server",
        "echo \"$server\" >> " + dir.resolve("helper-asked-for"),
        "printf '{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\"%s\"}\\n' \"$server\" " + Tools.AUTH_REGISTRY_USER
            + " \"$(cat " + dir.resolve("helper-secret") + ")\"",
        ""));
    Files.writeString(dir.resolve("helper-secret"), password);
    Files.setPosixFilePermissions(helper, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path config = Files.createDirectories(dir.resolve("helper-config"));
    Files.writeString(config.resolve("config.json"),
        "{\"credHelpers\": {\"" + Tools.AUTH_REGISTRY + "\": \"envtainer-test\"}}");
    ProcessResult r = build(Map.of("DOCKER_CONFIG", config.toString(), "PATH", bin + ":" + System.getenv("PATH")),
        "helper");
    assertPushedAndSecret(r, "helper", config.resolve("config.json").toString());
    assertTrue(Files.readString(dir.resolve("helper-asked-for")).contains(Tools.AUTH_REGISTRY), "the helper was asked");
  }

  private static String auths() {
    String token = Base64.getEncoder().encodeToString((Tools.AUTH_REGISTRY_USER + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
    return "{\"auths\": {\"" + Tools.AUTH_REGISTRY + "\": {\"auth\": \"" + token + "\"}}}";
  }

  private void assertPushedAndSecret(ProcessResult r, String tag, String source) throws Exception {
    assertEquals(0, r.exitCode(), r::describe);
    assertTrue(r.stderr().contains("credentials for " + Tools.AUTH_REGISTRY + " from " + source), r::describe);
    String report = Files.readString(dir.resolve(tag + ".json"));
    String pulled = dir.resolve("pulled-" + tag).toString();
    OciFixture.ok(List.of("skopeo", "copy", "--preserve-digests", "--src-tls-verify=false", "--src-creds",
        Tools.AUTH_REGISTRY_USER + ":" + password, "docker://" + ref(tag), "oci:" + pulled + ":x"), dir);
    List<String> places = new ArrayList<>(List.of(r.stdout(), r.stderr(), report));
    try (Stream<Path> blobs = Files.list(Path.of(pulled, "blobs/sha256"))) {
      for (Path b : blobs.toList()) {
        byte[] raw = Files.readAllBytes(b);
        places.add(new String(raw, StandardCharsets.ISO_8859_1));
        if (raw.length > 2 && (raw[0] & 0xff) == 0x1f) {
          for (TarReader.Item i : TarReader.read(b).values()) places.add(new String(i.content(), StandardCharsets.ISO_8859_1));
        }
      }
    }
    String encoded = Base64.getEncoder().encodeToString((Tools.AUTH_REGISTRY_USER + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
    for (String p : places) {
      assertFalse(p.contains(password) || p.contains(encoded), "the secret shows in: " + p.substring(0,
          Math.min(200, p.length())));
    }
  }

  private static String ref(String tag) {
    return Tools.AUTH_REGISTRY + "/envtainer/creds:" + tag;
  }

  /** envtainer build as a process, with only ADDED of the credential settings and a HOME of its own. */
  private static ProcessResult build(Map<String, String> added, String tag) {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "io.envtainer.cli.Main", "build", spec.toString(), "--env-dir",
        env.toString(), "--to", "docker://" + ref(tag), "--insecure-registry", "--cache", dir.resolve("cache").toString(),
        "--report", dir.resolve(tag + ".json").toString());
    Map<String, String> vars = new HashMap<>(System.getenv());
    for (String v : List.of("DOCKER_CONFIG", "REGISTRY_AUTH_FILE", "XDG_RUNTIME_DIR", "ENVTAINER_REGISTRY_USERNAME",
        "ENVTAINER_REGISTRY_PASSWORD")) {
      vars.remove(v);
    }
    vars.put("HOME", dir.resolve("home").toString());
    vars.putAll(added);
    List<String> full = new ArrayList<>(List.of("env", "-i"));
    vars.forEach((k, v) -> full.add(k + "=" + v));
    full.addAll(cmd);
    return Tools.run(full, dir, OciFixture.RUN);
  }
}
