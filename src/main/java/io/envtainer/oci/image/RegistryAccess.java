package io.envtainer.oci.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.registry.RegistryClient;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import io.envtainer.Version;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Authenticated jib registry clients. Plain HTTP (and unverified TLS) only with {@code insecure}; credentials then
 * go over it too, which the user asked for by naming the registry insecure.
 */
public final class RegistryAccess {
  private final boolean insecure;
  private final Map<String, String> env;
  private final Consumer<String> log;

  public RegistryAccess(boolean insecure, Map<String, String> env, Consumer<String> log) {
    this.insecure = insecure;
    this.env = env;
    this.log = log;
  }

  /** A client for REF, authenticated for pulling, or for pushing and pulling. */
  public RegistryClient client(ImageReference ref, boolean push) throws IOException, RegistryException {
    Optional<RegistryCredentials.Found> found;
    try {
      found = RegistryCredentials.find(ref, env, log);
    } catch (CredentialRetrievalException e) {
      throw new IOException("reading registry credentials for " + ref.getRegistry() + " failed: " + e.getMessage(), e);
    }
    found.ifPresent(f -> log.accept("credentials for " + ref.getRegistry() + " from " + f.source()));
    FailoverHttpClient http = new FailoverHttpClient(insecure, insecure, e -> { });
    RegistryClient.Factory factory = RegistryClient.factory(EventHandlers.NONE, ref.getRegistry(), ref.getRepository(),
        http).setUserAgent("envtainer/" + Version.get());
    found.ifPresent(f -> factory.setCredential(f.credential()));
    RegistryClient client = factory.newRegistryClient();
    boolean bearer = push ? client.doPushBearerAuth() : client.doPullBearerAuth();
    if (!bearer && found.isPresent()) client.configureBasicAuth();
    return client;
  }

  /** A one-line reason for a registry failure, with the hint that usually fixes it. */
  public String explain(ImageReference ref, Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    if (!insecure && (m.contains("only secure connections are allowed") || m.contains("SSL")
        || m.contains("PKIX path"))) {
      return ref.getRegistry() + " does not answer verified HTTPS (" + m + "); for a plain-HTTP or self-signed "
          + "registry add --insecure-registry";
    }
    if (e instanceof com.google.cloud.tools.jib.api.RegistryUnauthorizedException
        || m.contains("401") || m.contains("403") || m.contains("nauthorized")) {
      return ref.getRegistry() + " refused access to " + ref.getRepository() + " (" + m + "); log in (podman login, "
          + "docker login) or set " + RegistryCredentials.USERNAME_ENV + " and " + RegistryCredentials.PASSWORD_ENV;
    }
    return m;
  }
}
