package dev.ciorchestrator.web.ui;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers that keep a page of this service from being turned against its users, on every response
 * of the HTTP server (pages, static files, the API), set before any handler writes. The policy
 * allows scripts, styles, images and connections from this origin only: no inline script or style
 * at all, so markup smuggled into a page could not run even if escaping failed. Quarkus' own {@code
 * /q/} pages (dev UI, health) keep theirs.
 */
@ApplicationScoped
public class SecurityHeaders {
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src"
          + " 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  void register(@Observes Filters filters) {
    filters.register(
        rc -> {
          if (!rc.normalizedPath().startsWith("/q/")) {
            add(rc.response().headers());
          }
          rc.next();
        },
        100);
  }

  static void add(MultiMap headers) {
    headers.set("Content-Security-Policy", CSP);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "same-origin");
    headers.set("X-Frame-Options", "DENY");
  }
}
