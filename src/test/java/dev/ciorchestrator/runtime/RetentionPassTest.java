package dev.ciorchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import dev.ciorchestrator.run.ControllerMemory.ToldAnswer;
import dev.ciorchestrator.run.MemoryRetention;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.postgres.PostgresControllerMemory;
import dev.ciorchestrator.run.postgres.PostgresRunStore;
import dev.ciorchestrator.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retention pass against a real PostgreSQL store and a real local forge: old finished runs go,
 * and the memory of the changes the forge lists as closed, never of an open one.
 */
class RetentionPassTest {
  private static final String REPO = "demo/app";
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private static final Instant CUTOFF = T0.plus(Duration.ofDays(1));
  private static final String HEAD = "a".repeat(40);

  @TempDir Path dir;
  private DataSource db;
  private Forge forge;
  private long open;
  private long closed;

  @BeforeEach
  void setUp() throws Exception {
    db = PostgresServer.dataSource(PostgresServer.shared().newDatabase());
    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
      work.commit("main", "main", TestGitRepo.files("README", "hello\n"));
      String one = work.commit("one", "main", TestGitRepo.files("a", "1\n"));
      String two = work.commit("two", "main", TestGitRepo.files("b", "2\n"));
      work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), REPO));
      Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
      LocalForgeStore store = new LocalForgeStore(dir.resolve("forge.json"), clock);
      open = store.open(REPO, "One", "alice", "one", "main", false, one, T0).number();
      closed = store.open(REPO, "Two", "alice", "two", "main", false, two, T0).number();
      store.close(REPO, closed);
      Repository repo =
          new Repository(
              REPO, "local", "main", true, MergeMethod.MERGE, List.of(), true, List.of(), null);
      forge = new LocalForge(store, dir.resolve("repos"), "bot", clock, r -> Optional.of(repo));
    }
  }

  private ForgeOpenChanges configured(boolean withRepo) {
    return configured(withRepo, (repo, change) -> false);
  }

  private ForgeOpenChanges configured(boolean withRepo, BiPredicate<String, Long> planned) {
    List<Repository> repos =
        withRepo
            ? List.of(
                new Repository(
                    REPO,
                    "local",
                    "main",
                    true,
                    MergeMethod.MERGE,
                    List.of(),
                    true,
                    List.of(),
                    null))
            : List.of();
    ConfigSnapshot snapshot = new ConfigSnapshot("rev", repos, List.of(), List.of(), Map.of());
    return new ForgeOpenChanges(() -> snapshot, Map.of("local", forge), planned);
  }

  private PostgresControllerMemory rememberBoth(WriteFence fence) throws Exception {
    PostgresControllerMemory memory =
        new PostgresControllerMemory(db, WriteFence.open(), Clock.fixed(T0, ZoneOffset.UTC));
    for (long change : List.of(open, closed)) {
      memory.answered(REPO, change, new ToldAnswer("c1", HEAD, T0, "started"));
      memory.refused(REPO, change, new MergeRefusal(HEAD, "base", "conflict"));
    }
    return new PostgresControllerMemory(db, fence, Clock.fixed(T0, ZoneOffset.UTC));
  }

  private PostgresRunStore runsFinishedAt(Instant... finished) throws Exception {
    PostgresRunStore runs = new PostgresRunStore(db);
    for (int i = 0; i < finished.length; i++) {
      RunKey key = RunKey.forChange(REPO, open, HEAD, "job" + i, 1);
      RunRecord r = TestRuns.pending(key, T0);
      runs.create(r);
      runs.update(r.withState(RunState.SUCCESS, finished[i], ""));
    }
    return runs;
  }

  @Test
  void oldFinishedRunsAndTheMemoryOfClosedChangesGoInBatches() throws Exception {
    PostgresRunStore runs = runsFinishedAt(T0, T0.plusSeconds(1), T0, CUTOFF.plusSeconds(1));
    MemoryRetention memory = rememberBoth(WriteFence.open());

    RetentionPass.Deleted deleted =
        new RetentionPass(runs, 1).run(CUTOFF, Optional.of(memory), configured(true));

    assertThat(deleted).isEqualTo(new RetentionPass.Deleted(3, 1));
    assertThat(runs.all()).hasSize(1);
    PostgresControllerMemory after = new PostgresControllerMemory(db, WriteFence.open());
    assertThat(after.answers(REPO, open, HEAD)).hasSize(1);
    assertThat(after.refusal(REPO, open)).isPresent();
    assertThat(after.answers(REPO, closed, HEAD)).isEmpty();
    assertThat(after.refusal(REPO, closed)).isEmpty();
  }

  @Test
  void aRepositoryTheConfigNoLongerNamesKeepsItsMemory() throws Exception {
    MemoryRetention memory = rememberBoth(WriteFence.open());

    RetentionPass.Deleted deleted =
        new RetentionPass(runsFinishedAt(), 10).run(CUTOFF, Optional.of(memory), configured(false));

    assertThat(deleted).isEqualTo(new RetentionPass.Deleted(0, 0));
    assertThat(new PostgresControllerMemory(db, WriteFence.open()).refusal(REPO, closed))
        .isPresent();
  }

  @Test
  void aChangeTheLoopStillShowsAsOpenIsKeptWhateverTheForgeSays() throws Exception {
    MemoryRetention memory = rememberBoth(WriteFence.open());
    // the board of a replica that followed while the change was closed: the loop retains it next
    BiPredicate<String, Long> planned = (repo, change) -> change == closed;

    RetentionPass.Deleted deleted =
        new RetentionPass(runsFinishedAt(), 10)
            .run(CUTOFF, Optional.of(memory), configured(true, planned));

    assertThat(deleted.changes()).isZero();
    assertThat(new PostgresControllerMemory(db, WriteFence.open()).refusal(REPO, closed))
        .isPresent();
  }

  @Test
  void runsStillGoWhenTheMemoryMayNotBeWrittenByAFollower() throws Exception {
    PostgresRunStore runs = runsFinishedAt(T0);
    MemoryRetention follower = rememberBoth(WriteFence.closed());

    RetentionPass.Deleted deleted =
        new RetentionPass(runs, 10).run(CUTOFF, Optional.of(follower), configured(true));

    assertThat(deleted).isEqualTo(new RetentionPass.Deleted(1, 0));
    assertThat(new PostgresControllerMemory(db, WriteFence.open()).refusal(REPO, closed))
        .isPresent();
  }
}
