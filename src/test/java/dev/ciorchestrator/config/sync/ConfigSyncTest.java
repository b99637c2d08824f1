package dev.ciorchestrator.config.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.GitConfigSource;
import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.SourcePosition;
import dev.ciorchestrator.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync state machine against a real repository: Synced, Error, and back. */
class ConfigSyncTest {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @TempDir Path tmp;
  TestRepo repo;
  GitConfigSource git;
  CountingSource source;
  FakeLoader loader = new FakeLoader();
  MutableClock clock = new MutableClock(T0);
  ConfigSync sync;

  @BeforeEach
  void repository() throws Exception {
    repo = TestRepo.init(tmp.resolve("config"));
    repo.write("README.md", "not config\n").commit("init");
    git = new GitConfigSource(repo.dir().toString(), "main", "ci", tmp.resolve("cache"));
    source = new CountingSource(git);
    sync = new ConfigSync(source, loader, clock);
  }

  @AfterEach
  void close() {
    git.close();
    repo.close();
  }

  @Test
  void beforeTheFirstSyncNothingRuns() {
    assertThat(sync.status()).isEqualTo(SyncStatus.initial(git.describe()));
    assertThat(sync.current().revision()).isEmpty();
  }

  @Test
  void firstGoodLoadIsSynced() throws Exception {
    String sha = commit("repo: a/b\n");
    SyncStatus status = sync.sync();
    assertThat(status)
        .isEqualTo(
            new SyncStatus(
                SyncState.SYNCED,
                repo.dir() + "@main:ci/",
                sha,
                sha,
                T0,
                T0,
                java.util.List.of(),
                "1 repositories, 0 jobs, 0 policies"));
    assertThat(sync.current().revision()).isEqualTo(sha);
    assertThat(sync.current().repository("a/b")).isPresent();
    assertThat(sync.status()).isSameAs(status);
  }

  @Test
  void theSameShaAgainIsNeitherReadNorLoaded() throws Exception {
    commit("repo: a/b\n");
    sync.sync();
    clock.advance(Duration.ofSeconds(30));
    SyncStatus again = sync.sync();
    sync.sync();
    assertThat(loader.loads()).isEqualTo(1);
    assertThat(source.reads()).isEqualTo(1);
    assertThat(again.state()).isEqualTo(SyncState.SYNCED);
    assertThat(again.checkedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(again.lastSyncedAt()).as("still the snapshot of T0").isEqualTo(T0);
    assertThat(sync.loggedTransitions()).isEqualTo(1);
  }

  @Test
  void aNewGoodCommitReplacesTheRunningSnapshot() throws Exception {
    String first = commit("repo: a/b\n");
    sync.sync();
    clock.advance(Duration.ofMinutes(1));
    String second = commit("repo: a/b\nrepo: c/d\n");
    SyncStatus status = sync.sync();
    assertThat(status.state()).isEqualTo(SyncState.SYNCED);
    assertThat(status.runningRevision()).isEqualTo(second).isNotEqualTo(first);
    assertThat(status.lastSyncedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(sync.current().repositories()).hasSize(2);
  }

  @Test
  void aBadCommitIsAnErrorAndTheLastGoodKeepsRunning() throws Exception {
    String good = commit("repo: a/b\n");
    sync.sync();
    repo.write("ci/more.yaml", "bad\nrepo: x/y\nbad\n");
    String bad = commit("repo: a/b\nbad\n");
    SyncStatus status = sync.sync();
    assertThat(status.state()).isEqualTo(SyncState.ERROR);
    assertThat(status.resolvedRevision()).isEqualTo(bad);
    assertThat(status.runningRevision()).isEqualTo(good);
    assertThat(status.lastSyncedAt()).isEqualTo(T0);
    assertThat(status.summary()).isEqualTo("1 repositories, 0 jobs, 0 policies");
    assertThat(status.errors())
        .extracting(ConfigError::format)
        .containsExactly(
            "config.yaml:2:1: kind: bad line",
            "more.yaml:1:1: kind: bad line",
            "more.yaml:3:1: kind: bad line");
    assertThat(sync.current().revision()).isEqualTo(good);
  }

  @Test
  void aKnownBadShaIsNotLoadedAgainAndLogsOnce() throws Exception {
    commit("repo: a/b\n");
    sync.sync();
    commit("bad\n");
    sync.sync();
    SyncStatus again = sync.sync();
    assertThat(again.state()).isEqualTo(SyncState.ERROR);
    assertThat(again.errors()).hasSize(1);
    assertThat(loader.loads()).isEqualTo(2);
    assertThat(source.reads()).isEqualTo(2);
    assertThat(sync.loggedTransitions()).isEqualTo(2);
  }

  @Test
  void aFixSyncsAgain() throws Exception {
    commit("repo: a/b\n");
    sync.sync();
    commit("bad\n");
    sync.sync();
    String fixed = commit("repo: e/f\n");
    SyncStatus status = sync.sync();
    assertThat(status.state()).isEqualTo(SyncState.SYNCED);
    assertThat(status.errors()).isEmpty();
    assertThat(sync.current().revision()).isEqualTo(fixed);
  }

  @Test
  void goingBackToAKnownShaUsesTheCache() throws Exception {
    String first = commit("repo: a/b\n");
    sync.sync();
    commit("repo: c/d\n");
    sync.sync();
    repo.git().reset().setMode(ResetType.HARD).setRef(first).call();
    SyncStatus back = sync.sync();
    assertThat(back.state()).isEqualTo(SyncState.SYNCED);
    assertThat(back.runningRevision()).isEqualTo(first);
    assertThat(sync.current().repository("a/b")).isPresent();
    assertThat(loader.loads()).isEqualTo(2);
    assertThat(source.reads()).isEqualTo(2);
  }

  @Test
  void anUnknownRevisionIsAnErrorAtTheSource() throws Exception {
    commit("repo: a/b\n");
    try (GitConfigSource nope =
        new GitConfigSource(repo.dir().toString(), "nope", "ci", tmp.resolve("cache"))) {
      ConfigSync broken = new ConfigSync(nope, loader, clock);
      SyncStatus status = broken.sync();
      assertThat(status.state()).isEqualTo(SyncState.ERROR);
      assertThat(status.resolvedRevision()).isEmpty();
      assertThat(status.errors())
          .containsExactly(
              new ConfigError(
                  new SourcePosition(repo.dir() + "@nope:ci/", 1, 1),
                  "revision",
                  "revision 'nope' not found in " + repo.dir() + " (branches: main; tags: none)"));
      assertThat(loader.loads()).isZero();
    }
  }

  @Test
  void aMissingPathIsAnErrorAndTheLastGoodKeepsRunning() throws Exception {
    String good = commit("repo: a/b\n");
    sync.sync();
    repo.delete("ci/config.yaml");
    String gone = repo.commit("remove ci/");
    SyncStatus status = sync.sync();
    assertThat(status.state()).isEqualTo(SyncState.ERROR);
    assertThat(status.resolvedRevision()).isEqualTo(gone);
    assertThat(status.runningRevision()).isEqualTo(good);
    assertThat(status.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("path");
              assertThat(e.message()).isEqualTo("path 'ci' not found at commit " + gone);
            });
  }

  private String commit(String content) throws Exception {
    return repo.write("ci/config.yaml", content).commit("config");
  }
}
