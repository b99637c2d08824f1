package dev.ciorchestrator.web;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A small intake, so tests reach its bounds with a few hundred bytes and a few seconds: 8 bodies at
 * once, 1 MiB held, 2 s per body, saturated after 500 ms; Quarkus' own limit (256 KiB) below the
 * API's (512 KiB), so the 413 names it. One GitHub connection, {@code gh}, signs deliveries.
 */
public class IntakeProfile implements QuarkusTestProfile {
  static final String SECRET = "webhook secret of the intake tests";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.ofEntries(
        Map.entry("ci.forge.github.gh.webhook-secret", SECRET),
        Map.entry("ci.forge.github.gh.token", "not-used-by-the-hook"),
        Map.entry("ci.forge.github.gh.api-url", "http://127.0.0.1:9"),
        Map.entry("ci.webhooks.github.max-body-size", "64K"),
        Map.entry("ci.intake.max-body-size", "512K"),
        Map.entry("quarkus.http.limits.max-body-size", "256K"),
        Map.entry("ci.intake.max-concurrent-reads", "8"),
        Map.entry("ci.intake.max-in-flight-bytes", "1M"),
        Map.entry("ci.intake.body-timeout", "2s"),
        Map.entry("ci.intake.retry-after", "1s"),
        Map.entry("ci.intake.saturated-after", "500ms"));
  }
}
