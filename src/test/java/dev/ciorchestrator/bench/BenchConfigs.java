package dev.ciorchestrator.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a large, valid, realistic config tree for the benchmarks. */
final class BenchConfigs {
  static final int REPOS = 20;
  static final int JOB_FILES = 50;
  static final int POLICY_FILES = 20;

  private BenchConfigs() {}

  /** {@code jobs} jobs and {@code policies} policies, spread over several multi-document files. */
  static void write(Path root, int jobs, int policies) throws IOException {
    Files.createDirectories(root.resolve("jobs"));
    Files.createDirectories(root.resolve("policies"));
    StringBuilder repos = new StringBuilder();
    for (int r = 0; r < REPOS; r++) {
      repos.append(repository(r));
    }
    Files.writeString(root.resolve("repos.yaml"), repos, StandardCharsets.UTF_8);
    for (int f = 0; f < JOB_FILES; f++) {
      Files.writeString(root.resolve("jobs/jobs-" + f + ".yaml"), jobFile(f, jobs / JOB_FILES, 0));
    }
    for (int f = 0; f < POLICY_FILES; f++) {
      Files.writeString(
          root.resolve("policies/policies-" + f + ".yaml"), policyFile(f, policies, 0));
    }
  }

  /** Policy file {@code f} of {@code policies}; {@code variant} changes its first policy's rule. */
  static String policyFile(int f, int policies, int variant) {
    StringBuilder out = new StringBuilder();
    for (int p = f; p < policies; p += POLICY_FILES) {
      out.append(policy(p, p == f ? variant : 0));
    }
    return out.toString();
  }

  /** The content of job file {@code f}; {@code variant} changes one job's script. */
  static String jobFile(int f, int perFile, int variant) {
    StringBuilder out = new StringBuilder();
    for (int j = 0; j < perFile; j++) {
      out.append(job(f * perFile + j, variant));
    }
    return out.toString();
  }

  static String repository(int r) {
    return """
        ---
        apiVersion: ci-orchestrator/v1
        kind: Repository
        name: org/repo-%d
        forge: local
        defaultBranch: main
        merge: {auto: true, method: squash}
        trust: {users: [alice, bob]}
        approvals: {dismissOnPush: true}
        """
        .formatted(r);
  }

  static String job(int n, int variant) {
    return """
        ---
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: job-%d
        repos: [org/repo-%d]
        triggers:
          pullRequest: {branches: [main, "release/*"], paths: ["src/**", "pkg-%d/**"], pathsIgnore: ["docs/**"]}
          push: {branches: [main]}
        when: "!change.draft && !('skip-%d' in change.labels)"
        image: golang:1.23
        run: |
          echo variant %d
          go test ./pkg-%d/...
        env: {GOFLAGS: -mod=mod}
        timeout: 20m
        maxConcurrency: 2
        resources: {cpu: "1", memory: 1Gi}
        retries: 1
        """
        .formatted(n, n % REPOS, n, n % 7, variant, n);
  }

  static String policy(int n, int variant) {
    return """
        ---
        apiVersion: ci-orchestrator/v1
        kind: Policy
        name: policy-%d
        type: gate
        repos: ["org/*"]
        match: "change.baseRef == 'main' && size(change.files) > %d"
        rule: "size(change.approvals) >= %d && jobs.all(j, !jobs[j].required || jobs[j].status == 'success') && %d >= 0"
        message: "'policy %d needs %d approvals, has ' + string(size(change.approvals))"
        tests:
          - name: passes
            input: {change: {baseRef: main, files: [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p], approvals: [a, b, c]}}
            expect: pass
        """
        .formatted(n, n % 10, 1 + n % 3, variant, n, 1 + n % 3);
  }
}
