package dev.ciorchestrator.report;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where people read a run, under the service's public address: its page in the web UI, and the
 * API's plain-text log.
 */
public final class RunLinks {
  private final Supplier<String> baseUrl;

  /** Links under a fixed address, such as {@code https://ci.example.org}. */
  public RunLinks(String baseUrl) {
    String fixed = trim(baseUrl);
    this.baseUrl = () -> fixed;
  }

  private RunLinks(Supplier<String> baseUrl) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /**
   * Links under an address known only once the service runs (its actual HTTP port), asked each time
   * a link is made.
   */
  public static RunLinks under(Supplier<String> baseUrl) {
    return new RunLinks(() -> trim(baseUrl.get()));
  }

  /** The run's page: its metadata and its log, live while it runs. */
  public String page(String runId) {
    return baseUrl.get() + "/runs/" + runId;
  }

  public String log(String runId) {
    return baseUrl.get() + "/api/v1/runs/" + runId + "/log";
  }

  /** {@code /api/v1/runs/<id>/<what>}: {@code tests}, {@code findings}. */
  public String api(String runId, String what) {
    return baseUrl.get() + "/api/v1/runs/" + runId + "/" + what;
  }

  /** The manifest of what the run collected ({@code artifacts.paths}). */
  public String artifacts(String runId) {
    return baseUrl.get() + "/api/v1/runs/" + runId + "/artifacts";
  }

  /** The download of one collected file, by its {@code sha256:<hex>} digest. */
  public String artifact(String digest) {
    return baseUrl.get() + "/api/v1/artifacts/" + digest;
  }

  private static String trim(String url) {
    return url == null ? "" : url.replaceAll("/+$", "");
  }
}
