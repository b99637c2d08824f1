package dev.ciorchestrator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The schema is a second description of the format; these rows pin the edges where it could drift
 * from the loader, which stays the authority.
 */
class SchemaAgreesWithLoaderTest {
  private static final String REPO =
      "apiVersion: ci-orchestrator/v1\nkind: Repository\nname: demo/app\nforge: local\n";
  private static final String JOB =
      "apiVersion: ci-orchestrator/v1\nkind: Job\nname: build\nrepos: [demo/app]\nrun: make\n";
  private static final String POLICY =
      "apiVersion: ci-orchestrator/v1\nkind: Policy\nname: p\ntype: gate\nrule: 'true'\n";

  @ParameterizedTest(name = "[{index}] {0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          JOB    | 'triggers: {push: }'
          JOB    | 'triggers: {pullRequest: , command: /build}'
          JOB    | 'timeout: 1.5h'
          JOB    | 'timeout: 500ms'
          JOB    | 'resources: {cpu: 2, memory: 1Gi}'
          JOB    | 'resources: {cpu: 0.5}'
          JOB    | 'retries: 10'
          JOB    | 'env: {GOFLAGS: -mod=mod}'
          JOB    | 'executor: container'
          JOB    | 'executor: kubernetes'
          POLICY | 'repos: [demo/app]'
          POLICY | 'tests: [{name: t, input: {jobs: {build: {status: success}}}, expect: pass}]'
          POLICY | 'tests: [{name: t, input: {now: 2026-02-01T00:00:00Z}, expect: pass}]'
          REPO   | 'merge: {method: fast-forward}'
          REPO   | 'merge: {auto: true, queue: {maxBatch: 8, branches: [main, "release/*"]}}'
          REPO   | 'merge: {auto: true, method: rebase, queue: }'
          REPO   | 'name: demo/.github'
          REPO   | 'name: group/sub..group/x.y'
          REPO   | 'callbacks: [{url: "https://hooks.example.com/ci", secret: hooks}]'
          REPO   | 'callbacks: [{url: "http://127.0.0.1:9000/x", events: [gate], secret: a-1}]'
          JOB    | 'callbacks: [{url: "https://hooks.example.com/ci", events: [run], secret: h}]'
          JOB    | 'tier: e2e'
          JOB    | 'reports: {junit: ["out/*.xml", "**/TEST-*.xml"], sarif: [lint.sarif]}'
          JOB    | 'reports: {junit: []}'
          JOB    | 'caches: [{name: gobuild, env: GOCACHE, key: [go.sum]}, {name: deps, path: vendor}]'
          JOB    | 'caches: [{name: ccache, env: CCACHE_DIR}]'
          JOB    | 'uses: go/vet\nwith: {packages: ./cmd/...}'
          JOB    | 'uses: go/vet\nwith: {packages: 42}'
          """)
  void bothAccept(String kind, String extra) {
    String doc = document(kind, extra);
    assertThat(ConfigSchema.errors(new Yaml().load(doc))).as("schema").isEmpty();
    assertThat(load(doc)).as("loader").isInstanceOf(LoadResult.Loaded.class);
  }

  @ParameterizedTest(name = "[{index}] {0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          JOB    | 'image: golang:1.23\nimages: [gcc:14]'
          JOB    | 'triggers: {pullRequest: {branch: [main]}}'
          JOB    | 'timeout: 5 minutes'
          JOB    | 'resources: {cpu: lots}'
          JOB    | 'retries: 11'
          JOB    | 'maxConcurrency: -1'
          JOB    | 'triggers: {command: /retest}'
          JOB    | 'triggers: {schedule: {cron: "every day"}}'
          JOB    | 'env: {1BAD: x}'
          JOB    | 'required: maybe'
          JOB    | 'executor: docker'
          JOB    | 'executor: [process]'
          POLICY | 'type: veto'
          POLICY | 'tests: [{name: t, expect: maybe}]'
          POLICY | 'tests: [{name: t, input: {jobs: {build: {status: green}}}, expect: pass}]'
          POLICY | 'tests: [{name: t, input: {change: {reviewers: [a]}}, expect: pass}]'
          REPO   | 'merge: {method: octopus}'
          REPO   | 'merge: {queue: {maxBatch: 4}}'
          REPO   | 'merge: {auto: false, queue: {maxBatch: 4}}'
          REPO   | 'merge: {auto: true, queue: {maxBatch: 0}}'
          REPO   | 'merge: {auto: true, queue: {maxBatch: 65}}'
          REPO   | 'merge: {auto: true, queue: {batch: 2}}'
          REPO   | 'kind: Repo'
          REPO   | 'name: ../../etc/passwd'
          REPO   | 'name: /etc/passwd'
          REPO   | 'name: demo/..'
          REPO   | 'name: demo/-x'
          REPO   | 'callbacks: [{url: "ftp://hooks.example.com/ci", secret: hooks}]'
          REPO   | 'callbacks: [{url: "https://u:p@hooks.example.com/ci", secret: hooks}]'
          REPO   | 'callbacks: [{url: "https://hooks.example.com/ci"}]'
          REPO   | 'callbacks: [{url: "https://hooks.example.com/ci", secret: Hooks_1}]'
          REPO   | 'callbacks: [{url: "https://hooks.example.com/ci", secret: h, events: []}]'
          REPO   | 'callbacks: [{url: "https://hooks.example.com/ci", secret: h, events: [push]}]'
          REPO   | 'callbacks: [{url: "https://hooks.example.com/ci", secret: h, token: x}]'
          JOB    | 'callbacks: [{url: "https://hooks.example.com/ci", events: [gate], secret: h}]'
          JOB    | 'tier: smoke'
          JOB    | 'reports: {junit: [/tmp/junit.xml]}'
          JOB    | 'reports: {sarif: ["../out.sarif"]}'
          JOB    | 'reports: {sarif: ["a/../../b.sarif"]}'
          JOB    | 'reports: {xunit: [a.xml]}'
          JOB    | 'reports: {junit: out.xml}'
          JOB    | 'caches: [{name: c, path: x, env: X}]'
          JOB    | 'caches: [{name: c}]'
          JOB    | 'caches: [{path: x}]'
          JOB    | 'caches: [{name: Go_Cache, path: x}]'
          JOB    | 'caches: [{name: c, path: ~/.cache}]'
          JOB    | 'caches: [{name: c, env: 1X}]'
          JOB    | 'caches: [{name: c, env: X, keys: [go.sum]}]'
          JOB    | 'caches: {name: c, env: X}'
          JOB    | 'with: {packages: ./...}'
          JOB    | 'uses: Go/Vet'
          JOB    | 'uses: go/vet\nwith: {packages: [a, b]}'
          JOB    | 'uses: go/vet\nwith: {Bad Name: x}'
          """)
  void bothReject(String kind, String extra) {
    String doc = document(kind, extra);
    assertThat(ConfigSchema.errors(new Yaml().load(doc))).as("schema").isNotEmpty();
    assertThat(load(doc)).as("loader").isInstanceOf(LoadResult.Failed.class);
  }

  /** Later keys replace earlier ones, so a row can override a base field such as kind or type. */
  private static String document(String kind, String extra) {
    String base =
        switch (kind) {
          case "JOB" -> JOB;
          case "POLICY" -> POLICY;
          default -> REPO;
        };
    StringBuilder doc = new StringBuilder();
    for (String line : base.split("\n")) {
      String key = line.substring(0, line.indexOf(':') + 1);
      if (!extra.startsWith(key) && !extra.contains("\n" + key)) {
        doc.append(line).append('\n');
      }
    }
    return doc.append(extra.replace("\\n", "\n")).append('\n').toString();
  }

  private static LoadResult load(String document) {
    // The repository the job names must exist for the loader; it is not part of the row.
    String file = document.contains("kind: Repository") ? document : REPO + "---\n" + document;
    ConfigFile config = new ConfigFile("x.yaml", "id", file.getBytes(StandardCharsets.UTF_8));
    return new ConfigLoader(new CelPolicyEngine()).load("test", List.of(config));
  }
}
