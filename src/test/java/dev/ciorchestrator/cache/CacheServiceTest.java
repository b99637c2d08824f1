package dev.ciorchestrator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.Job;
import dev.ciorchestrator.config.model.JobQuality;
import dev.ciorchestrator.config.model.JobQuality.Cache;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.executor.local.Jobs;
import dev.ciorchestrator.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scopes (cache poisoning), key files and the restore/save cycle, on real folders. */
class CacheServiceTest {
  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
  private final List<String> events = new ArrayList<>();
  private CacheService caches;
  private int workspaces;

  private static final Job JOB = withCaches(new Cache("gobuild", "", "GOCACHE", List.of("go.sum")));

  @BeforeEach
  void setUp() throws Exception {
    CacheStore store = new CacheStore(tmp.resolve("caches"), clock);
    caches =
        new CacheService(
            store, new Eviction(store, clock), new Recorder(), 1L << 30, Duration.ofDays(7));
  }

  @Test
  void anUntrustedChangeReadsTheTrustedCacheButItsSaveReachesNobodyElse() throws Exception {
    run(RunKey.forPush("demo/app", "main", "aaa", "test"), true, "trusted content");

    // a change by an untrusted author: restores the trusted cache, then plants poison
    RunKey evil = RunKey.forChange("demo/app", 7, "bbb", "test", 1);
    assertThat(run(evil, false, "POISON")).isEqualTo("trusted content");

    // the next push, and another untrusted change, still get the trusted content
    assertThat(run(RunKey.forPush("demo/app", "main", "ccc", "test"), true, null))
        .isEqualTo("trusted content");
    assertThat(run(RunKey.forChange("demo/app", 8, "ddd", "test", 1), false, null))
        .isEqualTo("trusted content");
    // a trusted author's change too
    assertThat(run(RunKey.forChange("demo/app", 9, "eee", "test", 1), true, null))
        .isEqualTo("trusted content");
    // only change 7 itself reads back what it saved
    assertThat(run(RunKey.forChange("demo/app", 7, "fff", "test", 1), false, null))
        .isEqualTo("POISON");
  }

  @Test
  void keyFilesChangeTheKey() throws Exception {
    run(RunKey.forPush("demo/app", "main", "aaa", "test"), true, "for sum 1");
    Path ws = workspace("sum 2");
    caches.restore(RunKey.forPush("demo/app", "main", "b", "test"), JOB, CacheScope.TRUSTED, ws);
    assertThat(ws.resolve(".ci-cache/gobuild")).isEmptyDirectory();
    assertThat(events).endsWith("miss");
  }

  @Test
  void aCheckedOutFolderIsNotOverwritten() throws Exception {
    Job job = withCaches(new Cache("deps", "vendor", "", List.of()));
    Path ws = workspace("sum 1");
    Files.createDirectories(ws.resolve("vendor"));
    Files.writeString(ws.resolve("vendor/a"), "from the repository");
    RunKey push = RunKey.forPush("demo/app", "main", "a", "test");
    caches.save(push, caches.restore(push, job, CacheScope.TRUSTED, ws), ws);
    Path next = workspace("sum 1");
    caches.restore(push, job, CacheScope.TRUSTED, next);
    assertThat(next.resolve("vendor/a")).hasContent("from the repository");
  }

  /** One run: restore, read what it found, write {@code write} (unless null), save. */
  private String run(RunKey key, boolean trusted, String write) throws Exception {
    Path ws = workspace("sum 1");
    var planned = caches.restore(key, JOB, CacheService.scope(key, trusted), ws);
    Path file = ws.resolve(".ci-cache/gobuild/entry");
    String found = Files.exists(file) ? Files.readString(file) : "";
    if (write != null) {
      Files.writeString(file, write);
    }
    caches.save(key, planned, ws);
    return found;
  }

  private Path workspace(String goSum) throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws" + workspaces++));
    Files.writeString(ws.resolve("go.sum"), goSum);
    return ws;
  }

  private static Job withCaches(Cache... caches) {
    Job j = Jobs.job("test", "true");
    return Jobs.withQuality(j, new JobQuality(null, JobQuality.Reports.NONE, List.of(caches)));
  }

  private final class Recorder implements CacheEvents {
    @Override
    public void hit(String repo, String job, long bytes) {
      events.add("hit");
    }

    @Override
    public void miss(String repo, String job) {
      events.add("miss");
    }

    @Override
    public void saved(String repo, String job, long bytes) {
      events.add("saved");
    }

    @Override
    public void evicted(int byAge, int bySize) {
      events.add("evicted");
    }
  }
}
