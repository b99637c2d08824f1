package dev.ciorchestrator.web.ui;

import dev.ciorchestrator.e2e.ServiceFolders;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The service the UI tests look at: one repository on the embedded forge with a quick job whose log
 * tries to inject markup, a slow job that runs while a file exists, and one gate policy. Its folder
 * is fixed under {@code target/}, so the tests can reach the hold file.
 */
public class UiWorld implements QuarkusTestProfile {
  static final Path DIR = Path.of("target/ui-world").toAbsolutePath();
  static final Path HOLD = DIR.resolve("hold");
  static final String REPO = "acme/web";
  static final String EVIL = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

  /** A branch name with markup; Git takes it (no space, no control character). */
  static final String EVIL_BRANCH = "x\"><img/src=x/onerror=alert(4)><script>alert(5)</script>";

  /** One per test that opens a change: a branch has at most one open change. */
  static final String[] BRANCHES = {
    "feature",
    "change-page",
    "run-page",
    "job-history",
    "actions",
    "abort",
    "anonymous",
    EVIL_BRANCH
  };

  static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/web
      forge: local
      defaultBranch: main
      trust: {users: [alice, bob]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: unit
      repos: [acme/web]
      when: "!change.title.startsWith('slow')"
      run: |
        printf '\\033[1;31mred bold\\033[0m plain\\n'
        printf '%s\\n' '<script>alert(1)</script> "><img src=x onerror=alert(2)>'
        printf '\\033[31;"><img src=x onerror=alert(3)>m after\\n'
        printf '\\033]8;;javascript:alert(6)\\033\\\\link\\033]8;;\\033\\\\ done\\n'
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: slow
      repos: [acme/web]
      when: "change.title.startsWith('slow')"
      run: |
        i=0
        while [ -e "$HOLD" ]; do i=$((i+1)); echo "tick $i"; sleep 0.1; done
        echo done
      env: {HOLD: HOLD_PATH}
      timeout: 2m
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: require-approval
      type: gate
      repos: ["*"]
      rule: "size(change.approvals) >= 1"
      message: "'needs 1 approval from someone other than ' + change.author"
      """;

  /** The slow job runs while this file exists; for a test of the running service. */
  static Path hold() {
    String config = ConfigProvider.getConfig().getValue("ci.config.repo-url", String.class);
    return Path.of(config).resolveSibling("hold");
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    try {
      Path dir = Files.createTempDirectory("ui-world");
      Path config = Files.createDirectories(dir.resolve("config"));
      Path hold = dir.resolve("hold");
      Files.writeString(config.resolve("ci.yaml"), CONFIG.replace("HOLD_PATH", hold.toString()));
      try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
        work.commit("main", "main", TestGitRepo.files("app.txt", "ok\n"));
        for (String branch : BRANCHES) {
          work.commit(
              branch, "main", TestGitRepo.files("file-" + branch.length() + ".txt", branch + "\n"));
          work.checkout("main");
        }
        work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), REPO));
      }
      return ServiceFolders.settings(dir, config);
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the UI tests' world", e);
    }
  }
}
