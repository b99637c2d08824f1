package dev.ciorchestrator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.sync.ConfigSync;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The embedded default's files for the loop benchmarks, laid out as the service keeps them under
 * one folder ({@code config/}, {@code repos/}, {@code local-forge.json}, {@code runs/}), so the
 * same folder can also be handed to the real service to measure its memory.
 */
final class LoopBenchSetup {
  static final String REPO = "bench/app";
  static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: bench/app
      forge: local
      defaultBranch: main
      trust: {users: [alice]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: build
      repos: [bench/app]
      triggers: {pullRequest: {branches: [main]}}
      run: "true"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: require-approval
      type: gate
      repos: ["*"]
      rule: "size(change.approvals) >= 1"
      message: "'needs 1 approval from someone other than ' + change.author"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: required-jobs-green
      type: gate
      repos: ["*"]
      rule: "jobs.all(j, !jobs[j].required || jobs[j].status in ['success', 'skipped'])"
      """;

  private LoopBenchSetup() {}

  /** The config folder and a bare repository with {@code main} and {@code feature}. */
  static String init(Path dir) throws IOException, GitAPIException {
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/ci.yaml"), CONFIG);
    try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
      work.commit("main", "main", TestGitRepo.files("app.txt", "ok\n"));
      String head = work.commit("feature", "main", TestGitRepo.files("feature.txt", "new\n"));
      work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), REPO));
      return head;
    }
  }

  /**
   * Branches {@code change-1 … change-<count>}, each one commit on {@code main} adding its own
   * file, written straight into the bare repository: every change gets its own head SHA, as real
   * changes have (statuses are per commit, so shared heads would share statuses).
   *
   * @return the head SHA of each branch, by change number (index 0 is change 1)
   */
  static List<String> branches(Path dir, int count) throws IOException {
    Path bare = LocalRepos.bareRepoPath(dir.resolve("repos"), REPO);
    return TestGitRepo.branchesOnMain(bare, count);
  }

  static ConfigSnapshot config(Path dir) {
    ConfigSync sync =
        new ConfigSync(
            new DirectoryConfigSource(dir.resolve("config")),
            new ConfigLoader(new CelPolicyEngine()),
            Clock.systemUTC());
    sync.sync();
    return sync.current();
  }

  /**
   * Writes a local forge state file with {@code count} open changes from {@code feature}, in the
   * store's own format; opening them one by one through the store would rewrite the whole file each
   * time.
   */
  static void writeForge(Path file, List<String> heads) throws IOException {
    String now = Instant.parse("2026-11-25T12:00:00Z").toString();
    List<Map<String, Object>> changes = new ArrayList<>();
    int count = heads.size();
    for (int n = 1; n <= count; n++) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("number", n);
      c.put("repo", REPO);
      c.put("title", "Change " + n);
      c.put("author", "alice");
      c.put("sourceBranch", "change-" + n);
      c.put("targetBranch", "main");
      c.put("draft", false);
      c.put("state", "OPEN");
      c.put("headSha", heads.get(n - 1));
      c.put("headPushedAt", now);
      c.put("createdAt", now);
      c.put("updatedAt", now);
      changes.add(c);
    }
    Map<String, Object> repo = new LinkedHashMap<>();
    repo.put("lastNumber", count);
    repo.put("changes", changes);
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("version", 2);
    state.put("lastCommentId", 0);
    state.put("repos", Map.of(REPO, repo));
    new ObjectMapper().writeValue(file.toFile(), state);
  }

  /** Resident memory of this process from {@code /proc/self/status}, in MiB; -1 elsewhere. */
  static long rssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }
}
