package dev.ciorchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.review.ConfigRepository;
import dev.ciorchestrator.config.review.ConfigReviewer;
import dev.ciorchestrator.config.review.HeadConfig;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.command.Review;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes to the config repository on the embedded forge, end to end: acme/app holds the running
 * config ({@code ci.yaml} at its root) and is found as the config repository by its folder. Each
 * change's head is loaded from real Git objects; nothing of it runs.
 */
class ConfigReviewTest {
  private static final String CONFIG = "src/test/resources/e2e/config-review.yaml";

  @TempDir Path dir;
  private OneComputer ci;
  private String running;
  // impacts run at once, on the pass, unless a test holds them here to run them itself
  private final Queue<Runnable> heldImpacts = new ConcurrentLinkedQueue<>();
  private final List<String> wakes = new CopyOnWriteArrayList<>();
  private volatile boolean holdImpacts;

  @BeforeEach
  void setUp() throws Exception {
    running = Files.readString(Path.of(CONFIG));
    ci =
        new OneComputer(
            dir,
            CONFIG,
            c ->
                List.of(
                    new ConfigReviewer(
                        Map.of("local", c.forge),
                        new ConfigRepository(Optional.empty(), "file://" + c.bare),
                        new HeadConfig(
                            new ConfigLoader(new CelPolicyEngine()), "", c.dir.resolve("cache")),
                        c.clock,
                        50,
                        () -> "http://ci.example.org",
                        task -> {
                          if (holdImpacts) {
                            heldImpacts.add(task);
                          } else {
                            task.run();
                          }
                        },
                        wakes::add)),
            "ci.yaml",
            running);
  }

  @AfterEach
  void tearDown() throws IOException {
    ci.close();
  }

  @Test
  void aConfigChangeWithAnErrorFailsCiConfigWithTheFileAndLine() throws Exception {
    String broken = running.replace("size(change.approvals) >= 1", "size(change.aprovals) >= 1");
    long n = open("broken", "ci.yaml", broken);
    approve(n, "bob");

    ci.passUntil("ci/config reported", () -> status(n).isPresent());
    ci.pass();

    CommitStatus config = status(n).orElseThrow();
    assertThat(config.state()).isEqualTo(CommitStatus.State.FAILURE);
    assertThat(config.description()).contains("does not load").contains("ci.yaml:17:");
    assertThat(summary(n))
        .contains("**Config change**")
        .contains("ci.yaml:17:")
        .contains("did you mean 'approvals'");
    assertThat(ci.change(n).state())
        .as("an invalid config never merges")
        .isEqualTo(LocalChange.State.OPEN);
    assertThat(summary(n)).contains("config-review");
  }

  @Test
  void aFailingPolicyTestFailsCiConfig() throws Exception {
    String withTest =
        running
            + "tests:\n"
            + "  - name: wrongly expects one approval to fail\n"
            + "    input: {change: {approvals: [bob]}}\n"
            + "    expect: fail\n";
    long n = open("bad-test", "ci.yaml", withTest);

    ci.passUntil("ci/config reported", () -> status(n).isPresent());

    CommitStatus config = status(n).orElseThrow();
    assertThat(config.state()).isEqualTo(CommitStatus.State.FAILURE);
    assertThat(config.description())
        .isEqualTo(
            "1 of 1 policy tests fail at head; second-approver-when-relaxed / wrongly expects one"
                + " approval to fail");
    assertThat(summary(n)).contains("expected fail, got");
  }

  @Test
  void aValidChangeShowsItsEffectiveDiffAndItsImpactOnOpenChanges() throws Exception {
    long other = open("docs", "README.md", "more docs\n");
    String withLint = withLint();
    long n = open("lint", "ci.yaml", withLint);

    ci.passUntil("ci/config reported", () -> status(n).isPresent());

    CommitStatus config = status(n).orElseThrow();
    assertThat(config.state()).isEqualTo(CommitStatus.State.SUCCESS);
    assertThat(config.description()).startsWith("valid; 1 job added; no gate flips");
    String summary = summary(n);
    assertThat(summary)
        .contains("Effective diff against the running config: 1 job added")
        .contains("Job lint: added")
        .contains("run: echo lint")
        .contains("acme/app#" + other + ": starts lint");
    assertThat(ci.change(n).labels()).doesNotContain(ConfigReviewer.RELAXED_LABEL);
  }

  @Test
  void anImpactComputedOffTheLoopIsReportedByThePassAfterItIsReady() throws Exception {
    holdImpacts = true;
    long other = open("docs", "README.md", "more docs\n");
    String withLint = withLint();
    long n = open("lint", "ci.yaml", withLint);

    ci.passUntil("ci/config reported", () -> status(n).isPresent());
    ci.pass();
    assertThat(status(n).orElseThrow().description())
        .as("the gate's inputs are known at once; only the impact waits")
        .isEqualTo("valid; 1 job added; impact being computed");
    assertThat(summary(n)).contains("Impact on the open changes: being computed");
    assertThat(heldImpacts)
        .as("one ask per change (both change the config repository), however many passes")
        .hasSize(2);

    heldImpacts.forEach(Runnable::run);
    assertThat(wakes).containsExactly(OneComputer.REPO, OneComputer.REPO);
    ci.pass();

    assertThat(status(n).orElseThrow().description())
        .startsWith("valid; 1 job added; no gate flips");
    assertThat(summary(n))
        .doesNotContain("being computed")
        .contains("acme/app#" + other + ": starts lint");
  }

  @Test
  void aChangeThatDeletesItsOwnGateCannotMergeItself() throws Exception {
    int start = running.indexOf("---\napiVersion: ci-orchestrator/v1\nkind: Policy\nname: needs");
    int end = running.indexOf("---", start + 3);
    long n = open("no-gate", "ci.yaml", running.substring(0, start) + running.substring(end));

    ci.passUntil(
        "labelled policy-relaxed",
        () -> ci.change(n).labels().contains(ConfigReviewer.RELAXED_LABEL));
    ci.pass();
    ci.pass();
    assertThat(status(n).orElseThrow().state()).isEqualTo(CommitStatus.State.SUCCESS);
    assertThat(summary(n)).contains("gate policy `needs-approval` removed");
    assertThat(ci.change(n).state())
        .as("the gate comes from the running config, which still needs an approval")
        .isEqualTo(LocalChange.State.OPEN);
    assertThat(ci.statuses(ci.change(n).headSha()).get("ci/gate").description())
        .contains("needs an approval");

    approve(n, "bob");
    ci.pass();
    ci.pass();
    assertThat(ci.change(n).state())
        .as("one approval is not enough for a change that relaxes a gate")
        .isEqualTo(LocalChange.State.OPEN);
    assertThat(ci.statuses(ci.change(n).headSha()).get("ci/gate").description())
        .contains("needs 2 approvals, has 1");

    approve(n, "carol");
    ci.passUntil(
        "merged with two approvals", () -> ci.change(n).state() == LocalChange.State.MERGED);
  }

  /** The running config plus a job {@code lint} on every change. */
  private String withLint() {
    return running
        + """
        ---
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: lint
        repos: [acme/app]
        triggers: {pullRequest: {branches: [main]}}
        run: echo lint
        """;
  }

  private long open(String branch, String path, String content) throws Exception {
    String head = ci.push(branch, "main", path, content);
    return ci.open("alice", branch, head).number();
  }

  private void approve(long n, String who) throws IOException {
    ci.store.review(OneComputer.REPO, n, who, Review.State.APPROVED, null, ci.clock.instant());
  }

  private Optional<CommitStatus> status(long n) {
    return Optional.ofNullable(ci.statuses(ci.change(n).headSha()).get("ci/config"));
  }

  private String summary(long n) {
    return ci.change(n).comments().stream()
        .filter(c -> c.body().startsWith("<!-- ci-orchestrator:summary -->"))
        .findFirst()
        .orElseThrow()
        .body();
  }
}
