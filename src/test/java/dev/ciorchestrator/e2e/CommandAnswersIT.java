package dev.ciorchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command gets its answer in the summary, on the embedded default with real runs: the answers
 * are the same after a restart (the summary is not even edited) and go once a new head is pushed.
 * alice and bob are trusted; mallory is not.
 */
class CommandAnswersIT {
  @TempDir Path dir;
  private OneComputer ci;

  @BeforeEach
  void setUp() throws Exception {
    ci = new OneComputer(dir);
  }

  @AfterEach
  void tearDown() throws IOException {
    ci.close();
  }

  @Test
  void everyCommandIsAnsweredAndTheAnswersOutliveARestartButNotANewHead() throws Exception {
    String head = ci.push("feature", "main", "feature.txt", "new\n");
    long n = ci.open("alice", "feature", head).number();
    ci.passUntil("both jobs finish", () -> ci.allFinished(n, 2));
    ci.comment(n, "bob", "/test nosuchjob");
    ci.comment(n, "bob", "/test buld");
    ci.comment(n, "bob", "/test c-lint");
    ci.comment(n, "mallory", "/test all");
    ci.comment(n, "bob", "/retest");
    ci.comment(n, "bob", "/hold");
    ci.comment(n, "mallory", "/unhold");
    ci.comment(n, "mallory", "/ok-to-test");
    ci.comment(n, "bob", "/tset all");

    ci.pass();
    ci.pass();

    String summary = summary(ci.change(n)).body();
    assertThat(summary)
        .contains(
            "❌ `/test nosuchjob` by bob: no job 'nosuchjob' for acme/app",
            "❌ `/test buld` by bob: no job 'buld' for acme/app (did you mean 'build'?)",
            "❌ `/test c-lint` by bob: job 'c-lint' does not run on acme/app (its repos: acme/c-*)",
            "❌ `/test all` by mallory: only a trusted user or the change's author may /test it",
            "➖ `/retest` by bob: nothing to retest: no failed job on " + Names.shortSha(head),
            "✅ `/hold` by bob: held: the change does not merge until /unhold",
            "❌ `/unhold` by mallory: only a trusted user or the one who placed the hold may lift it",
            "❌ `/ok-to-test` by mallory: only a trusted user can /ok-to-test",
            "❌ `/tset all` by bob: not a ci-orchestrator command (did you mean 'test'?)");
    assertThat(ci.change(n).labels()).as("the forge's labels, as CEL sees them").contains("hold");
    assertThat(ci.statuses(head).get("ci/gate").description()).contains("no-hold: on hold");
    assertThat(ci.runsOf(n)).as("no bad command started anything").hasSize(2);

    Comment before = summary(ci.change(n));
    ci.restart();
    ci.pass();
    ci.pass();
    assertThat(summary(ci.change(n))).as("not even edited").isEqualTo(before);
    assertThat(ci.change(n).labels()).containsOnlyOnce("hold");

    String next = ci.push("feature", "feature", "feature.txt", "newer\n");
    ci.passUntil(
        "the summary speaks of the new head",
        () -> summary(ci.change(n)).body().contains("at `" + Names.shortSha(next) + "`"));
    String after = summary(ci.change(n)).body();
    assertThat(after).doesNotContain("nosuchjob", "/tset", "mallory");
    assertThat(ci.change(n).labels()).as("a hold outlives a push").contains("hold");
    assertThat(summaries(ci.change(n))).hasSize(1);
  }

  private static Comment summary(LocalChange change) {
    List<Comment> all = summaries(change);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private static List<Comment> summaries(LocalChange change) {
    return change.comments().stream()
        .filter(c -> c.author().equals("ci-orchestrator"))
        .filter(c -> c.body().startsWith(LocalForge.SUMMARY_MARKER))
        .toList();
  }
}
