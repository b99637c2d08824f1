package dev.ciorchestrator.supply.oci;

import java.net.http.HttpClient;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Clients of the configured registries, by id. */
public final class Registries {
  private final Map<String, RegistrySettings.Registry> registries;
  private final Function<String, String> env;

  /**
   * @param env reads an environment variable ({@code System::getenv} outside tests)
   */
  public Registries(
      Map<String, RegistrySettings.Registry> registries, Function<String, String> env) {
    this.registries = Map.copyOf(registries);
    this.env = env;
  }

  /**
   * A client of registry {@code id}.
   *
   * @throws RegistryException when no such registry is configured, its password variable is unset,
   *     or a plain-http URL is not marked insecure
   */
  public OciClient client(String id) {
    RegistrySettings.Registry r = registries.get(id);
    if (r == null) {
      throw new RegistryException(
          "no registry '"
              + id
              + "' (ci.registries."
              + id
              + ".url); configured: "
              + registries.keySet().stream().sorted().toList());
    }
    if ("http".equals(r.url().getScheme()) && !r.insecure()) {
      throw new RegistryException(
          "ci.registries."
              + id
              + ".url is plain http: set ci.registries."
              + id
              + ".insecure=true for a registry on this machine");
    }
    Optional<RegistryAuth.Credentials> credentials =
        r.username()
            .map(
                user -> {
                  String variable =
                      r.passwordEnv()
                          .orElseThrow(
                              () ->
                                  new RegistryException(
                                      "ci.registries."
                                          + id
                                          + ".username is set but password-env is not"));
                  String password = env.apply(variable);
                  if (password == null || password.isEmpty()) {
                    throw new RegistryException(
                        "ci.registries."
                            + id
                            + ".password-env names "
                            + variable
                            + ", which is unset");
                  }
                  return new RegistryAuth.Credentials(user, password);
                });
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (r.insecure() && "https".equals(r.url().getScheme())) {
      http.sslContext(trustingEveryCertificate());
    }
    return new OciClient(r.url(), http.build(), credentials);
  }

  /** The {@code host[:port]} of registry {@code id}, as image references name it. */
  public String host(String id) {
    RegistrySettings.Registry r = registries.get(id);
    return r == null ? id : r.url().getAuthority();
  }

  private static SSLContext trustingEveryCertificate() {
    TrustManager trustAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // insecure: explicitly asked for by the deployment
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // insecure: explicitly asked for by the deployment
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustAll}, null);
      return context;
    } catch (NoSuchAlgorithmException | KeyManagementException e) {
      throw new IllegalStateException(e);
    }
  }
}
