package io.envtainer.oci.image;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Registry credentials from the usual places, first found wins:
 * <ol>
 *   <li>{@code ENVTAINER_REGISTRY_USERNAME} and {@code ENVTAINER_REGISTRY_PASSWORD} (CI secrets);
 *   <li>{@code $REGISTRY_AUTH_FILE} (podman, skopeo, buildah);
 *   <li>{@code $DOCKER_CONFIG/config.json};
 *   <li>{@code $XDG_RUNTIME_DIR/containers/auth.json}, {@code ~/.config/containers/auth.json} (podman login);
 *   <li>{@code ~/.docker/config.json} (docker login), with its credHelpers and credsStore;
 *   <li>the well-known credential helpers (gcr, ecr).
 * </ol>
 * Secrets are only handed to jib's registry client: never logged, never written anywhere.
 */
public final class RegistryCredentials {
  public static final String USERNAME_ENV = "ENVTAINER_REGISTRY_USERNAME";
  public static final String PASSWORD_ENV = "ENVTAINER_REGISTRY_PASSWORD";

  private RegistryCredentials() {}

  /** A credential and where it came from (for messages; never the secret). */
  public record Found(Credential credential, String source) {}

  public static Optional<Found> find(ImageReference ref, Map<String, String> env, Consumer<String> log)
      throws CredentialRetrievalException {
    String user = env.get(USERNAME_ENV);
    String password = env.get(PASSWORD_ENV);
    if (user != null && !user.isEmpty() && password != null) {
      return Optional.of(new Found(Credential.from(user, password), "$" + USERNAME_ENV + "/$" + PASSWORD_ENV));
    }
    // jib's warnings name the file they could not use (never a secret); its other messages repeat ours.
    Consumer<LogEvent> jibLog = e -> {
      if (e.getLevel() == LogEvent.Level.WARN) log.accept(e.getMessage());
    };
    CredentialRetrieverFactory factory = CredentialRetrieverFactory.forImage(ref, jibLog, env);
    List<Source> sources = new ArrayList<>();
    for (Path file : configFiles(env)) sources.add(new Source(file.toString(), factory.dockerConfig(file)));
    sources.add(new Source("~/.docker/config.json", factory.dockerConfig()));
    sources.add(new Source("a well-known credential helper", factory.wellKnownCredentialHelpers()));
    for (Source s : sources) {
      Optional<Credential> c = s.retriever().retrieve();
      if (c.isPresent()) return Optional.of(new Found(c.get(), s.name()));
    }
    return Optional.empty();
  }

  private record Source(String name, CredentialRetriever retriever) {}

  static List<Path> configFiles(Map<String, String> env) {
    List<Path> files = new ArrayList<>();
    addIf(files, env.get("REGISTRY_AUTH_FILE"), "");
    addIf(files, env.get("DOCKER_CONFIG"), "config.json");
    addIf(files, env.get("XDG_RUNTIME_DIR"), "containers/auth.json");
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    addIf(files, home, ".config/containers/auth.json");
    return files;
  }

  private static void addIf(List<Path> files, String dir, String rel) {
    if (dir == null || dir.isEmpty()) return;
    Path p = rel.isEmpty() ? Path.of(dir) : Path.of(dir).resolve(rel);
    if (Files.isRegularFile(p)) files.add(p);
  }
}
