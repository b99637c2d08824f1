package dev.ciorchestrator.runtime;

import dev.ciorchestrator.report.RunLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The address people reach this service at ({@code ci.reconcile.public-url}); unset, {@code
 * http://localhost:<port>} with the port the service actually listens on, so the links of a service
 * started with {@code -Dquarkus.http.port=9090} (or a random port) lead to it.
 */
@ApplicationScoped
public class PublicUrl {
  private final Optional<String> configured;

  @Inject
  public PublicUrl(ReconcileSettings settings) {
    this.configured = settings.publicUrl();
  }

  /** The base URL, without a trailing slash. */
  public String get() {
    return configured.orElseGet(() -> "http://localhost:" + listeningPort());
  }

  /**
   * Read at each call: Quarkus publishes the port it bound (also a random one) under {@code
   * quarkus.http.port} once the HTTP server is up; before that it is the configured one.
   */
  private static int listeningPort() {
    return ConfigProvider.getConfig()
        .getOptionalValue("quarkus.http.port", Integer.class)
        .orElse(8080);
  }

  /**
   * Links under this address, for the beans that write them (callbacks) without knowing where the
   * address comes from.
   */
  @Produces
  @Singleton
  RunLinks runLinks() {
    return RunLinks.under(this::get);
  }
}
