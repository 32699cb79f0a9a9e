package io.envtainer.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real tools that scripts/setup.sh installs, builds and starts, as integration tests see them.
 *
 * <p>A missing tool aborts the test (it is reported as skipped) unless {@code ENVTAINER_REQUIRE_TOOLS=1},
 * where it fails the test instead. Paths follow setup.sh: the cache is {@code $ENVTAINER_CACHE} or
 * {@code <repo>/.cache}; {@code scripts/apptainer} runs Apptainer as user {@link #ROOT_UID} inside its root.
 */
public final class Tools {

  public static final String REQUIRE_TOOLS_ENV = "ENVTAINER_REQUIRE_TOOLS";
  /** The unprivileged user that runs apptainer inside the Apptainer root (see scripts/lib/common.sh). */
  public static final int ROOT_UID = 1500;
  public static final int ROOT_GID = 1500;
  public static final String PYTHON_BASE_IMAGE = "localhost/envtainer/python-base:test";
  public static final String MPI_BASE_IMAGE = "localhost/envtainer/mpi-base:test";
  public static final String PYTHON_TRIXIE_IMAGE = "localhost/envtainer/python-trixie:test";
  public static final String REGISTRY = "127.0.0.1:5000";
  /** A registry that wants the login {@link #AUTH_REGISTRY_USER} (scripts/setup.sh). */
  public static final String AUTH_REGISTRY = "127.0.0.1:5001";
  public static final String AUTH_REGISTRY_USER = "envtainer";
  public static final Path PODMAN_SOCKET = Path.of("/run/podman/podman.sock");
  private static final String SETUP_HINT = "run `bash scripts/setup.sh` as root first";

  private static Boolean apptainerWorks;

  private Tools() {}

  /** True when missing tools must fail tests instead of skipping them (CI). */
  public static boolean toolsRequired() {
    return "1".equals(System.getenv(REQUIRE_TOOLS_ENV));
  }

  /** Skips the test, or fails it when {@link #toolsRequired()}. */
  public static void missing(String what) {
    String message = what + " (" + SETUP_HINT + ")";
    if (toolsRequired()) {
      fail(REQUIRE_TOOLS_ENV + "=1 but " + message);
    }
    Assumptions.abort(message);
  }

  /** The repository's top directory: the nearest parent of the working directory with scripts/setup.sh. */
  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("scripts/setup.sh")) && Files.isRegularFile(d.resolve("pom.xml"))) {
        return d;
      }
    }
    throw new IllegalStateException("no repository (scripts/setup.sh) above " + dir);
  }

  public static Path cacheDir() {
    String env = System.getenv("ENVTAINER_CACHE");
    return env == null || env.isBlank() ? repoRoot().resolve(".cache") : Path.of(env).toAbsolutePath();
  }

  /** scripts/apptainer: the real apptainer, same command line. */
  public static Path apptainerCommand() {
    return repoRoot().resolve("scripts/apptainer");
  }

  /** scripts/in-root: any command inside the Apptainer root as its unprivileged user (e.g. mpirun). */
  public static Path inRootCommand() {
    return repoRoot().resolve("scripts/in-root");
  }

  /** Requires a host file (a tool from scripts/setup.sh), e.g. /usr/bin/mpichversion. */
  public static void requireFile(String path, String installHint) {
    if (!Files.exists(Path.of(path))) missing(path + " is missing (" + installHint + ")");
  }

  public static void requireApptainer() {
    if (!Files.isRegularFile(cacheDir().resolve("apptainer-root/.ready"))) {
      missing("no Apptainer root at " + cacheDir().resolve("apptainer-root"));
    }
    synchronized (Tools.class) {
      if (apptainerWorks == null) {
        ProcessResult version =
            run(List.of(apptainerCommand().toString(), "version"), repoRoot(), Duration.ofSeconds(60));
        apptainerWorks = version.succeeded() && version.stdout().strip().matches("\\d+\\.\\d+.*");
      }
    }
    if (!apptainerWorks) {
      missing("`scripts/apptainer version` does not work");
    }
  }

  public static void requirePodman() {
    if (!Files.exists(PODMAN_SOCKET)) {
      missing("no podman API socket at " + PODMAN_SOCKET);
    }
    ProcessResult ping = run(List.of("curl", "-fsS", "--max-time", "10", "--unix-socket",
        PODMAN_SOCKET.toString(), "http://d/_ping"), repoRoot(), Duration.ofSeconds(20));
    if (!ping.succeeded() || !ping.stdout().strip().equals("OK")) {
      missing("podman API on " + PODMAN_SOCKET + " does not answer /_ping");
    }
  }

  /** Requires the podman API and IMAGE in podman's store (nothing can be pulled here). */
  public static void requirePodmanImage(String image) {
    requirePodman();
    ProcessResult inspect = run(List.of("curl", "-fsS", "--max-time", "10", "--unix-socket",
        PODMAN_SOCKET.toString(), "http://d/v1.41/images/" + image + "/json"), repoRoot(), Duration.ofSeconds(20));
    if (!inspect.succeeded()) {
      missing("podman has no image " + image);
    }
  }

  public static void requireRegistry() {
    try {
      HttpResponse<Void> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://" + REGISTRY + "/v2/")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        return;
      }
      missing("registry " + REGISTRY + " answered /v2/ with HTTP " + response.statusCode());
    } catch (IOException e) {
      missing("no registry at " + REGISTRY + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The password of {@link #AUTH_REGISTRY}, after checking that it answers and wants a login. */
  public static String authRegistryPassword() {
    Path file = cacheDir().resolve("registry-auth/password");
    if (!Files.isRegularFile(file)) missing("no password for the registry " + AUTH_REGISTRY + " at " + file);
    try {
      HttpResponse<Void> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://" + AUTH_REGISTRY + "/v2/")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 401) {
        missing("registry " + AUTH_REGISTRY + " answered /v2/ with HTTP " + response.statusCode() + ", not 401");
      }
      return Files.readString(file).strip();
    } catch (IOException e) {
      missing("no registry at " + AUTH_REGISTRY + ": " + e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Bookworm + python3, venv, pip, numpy, in docker-save format (a jib TarImage base, apptainer docker-archive:). */
  public static Path pythonBaseDockerArchive() {
    return imageFile("python-base", "docker-archive.tar");
  }

  public static Path pythonBaseOciArchive() {
    return imageFile("python-base", "oci-archive.tar");
  }

  /** Trixie + python3, mpi4py and Open MPI 5 (the Apptainer root's family and major), docker-save format. */
  public static Path mpiBaseDockerArchive() {
    return imageFile("mpi-base", "docker-archive.tar");
  }

  public static Path mpiBaseOciArchive() {
    return imageFile("mpi-base", "oci-archive.tar");
  }

  /** The unpacked root of the MPI base (Debian's mpi4py for python 3.13 is in its usr/lib/python3/dist-packages). */
  public static Path mpiBaseRootfs() {
    return imageFile("mpi-base", "rootfs");
  }

  /** Trixie + python3 (3.13), venv, pip and no MPI at all, docker-save format: the runtime base of bind-mode images. */
  public static Path pythonTrixieDockerArchive() {
    return imageFile("python-trixie", "docker-archive.tar");
  }

  /** The Apptainer root on this host (files inside it are under this directory). */
  public static Path apptainerRootDir() {
    return cacheDir().resolve("apptainer-root");
  }

  private static Path imageFile(String image, String file) {
    Path dir = cacheDir().resolve("images").resolve(image);
    if (!Files.isRegularFile(dir.resolve(".ready"))) {
      missing("test image " + image + " was not built in " + dir);
    }
    return dir.resolve(file);
  }

  /**
   * A new empty directory under target/scratch/ that apptainer's unprivileged user owns, so it can write
   * its outputs there. The test itself (root) can write there too.
   */
  public static Path scratchDir(String name) {
    try {
      Path parent = Files.createDirectories(repoRoot().resolve("target/scratch"));
      Path dir = Files.createTempDirectory(parent, name + "-");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      try {
        Files.setAttribute(dir, "unix:uid", ROOT_UID);
        Files.setAttribute(dir, "unix:gid", ROOT_GID);
      } catch (IOException | UnsupportedOperationException e) {
        // Not root (a laptop with its own apptainer): the directory stays the caller's.
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs scripts/apptainer with ARGS in CWD. */
  public static ProcessResult apptainer(Path cwd, Duration timeout, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(apptainerCommand().toString());
    cmd.addAll(List.of(args));
    return run(cmd, cwd, timeout);
  }

  public static ProcessResult run(List<String> cmd, Path cwd, Duration timeout) {
    return run(cmd, cwd, timeout, Map.of());
  }

  /**
   * Runs CMD in CWD with ENV added to this process's environment and no standard input. A command still
   * running after TIMEOUT is killed (with its children) and fails the test with what it printed.
   */
  public static ProcessResult run(List<String> cmd, Path cwd, Duration timeout, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(cmd).directory(cwd.toFile());
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new ProcessResult(cmd, 127, "", e.toString());
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<String> out = readAsync(process.getInputStream());
      CompletableFuture<String> err = readAsync(process.getErrorStream());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        // The streams of a killed process may close under the readers: keep what they got, or nothing.
        String printed = out.completeOnTimeout("", 5, TimeUnit.SECONDS).exceptionally(e -> "").join();
        String complained = err.completeOnTimeout("", 5, TimeUnit.SECONDS).exceptionally(e -> "").join();
        fail("timed out after " + timeout.toSeconds() + " s: "
            + new ProcessResult(cmd, -1, printed, complained).describe());
      }
      return new ProcessResult(cmd, process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + cmd, e);
    }
  }

  /** Reads a stream to its end on a thread of its own (a shared pool could starve and block the process). */
  private static CompletableFuture<String> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, task -> {
      Thread thread = new Thread(task, "process-output");
      thread.setDaemon(true);
      thread.start();
    });
  }
}
