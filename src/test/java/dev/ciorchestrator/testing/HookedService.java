package dev.ciorchestrator.testing;

import dev.ciorchestrator.e2e.ServiceFolders;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.forge.webhook.WebhookSignature;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The packaged service with one GitHub connection, {@code gh}, whose webhook secret signs test
 * deliveries, and one local repository so it is ready: what the intake's integration test and
 * benchmark send their bodies to.
 */
public final class HookedService {
  public static final String SECRET = "webhook secret of the hooked service";

  private HookedService() {}

  /** Starts it in {@code dir} with {@code jvmOptions} (such as {@code -Xmx192m}). */
  public static ServiceProcess start(Path dir, List<String> jvmOptions) throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        config.resolve("repos.yaml"),
        """
        apiVersion: ci-orchestrator/v1
        kind: Repository
        name: octo-org/hello-world
        forge: local
        """);
    try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
      work.commit("main", "main", TestGitRepo.files("README", "hello\n"));
      work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), "octo-org/hello-world"));
    }
    Map<String, String> settings = new LinkedHashMap<>(ServiceFolders.settings(dir, config));
    settings.put("ci.forge.github.gh.webhook-secret", SECRET);
    settings.put("ci.forge.github.gh.token", "not-used");
    settings.put("ci.forge.github.gh.api-url", "http://127.0.0.1:9");
    return ServiceProcess.of(dir, settings, Map.of(), jvmOptions).start();
  }

  /** Sends {@code body} as a delivery of {@code event}, signed with {@link #SECRET}. */
  public static HttpResponse<String> deliver(ServiceProcess service, String event, byte[] body)
      throws Exception {
    return service.send(
        service
            .request("/hooks/github")
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", UUID.randomUUID().toString())
            .header("X-Hub-Signature-256", WebhookSignature.sign(SECRET, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }
}
