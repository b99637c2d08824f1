package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.cache.CacheKey;
import dev.ciorchestrator.cache.CacheScope;
import dev.ciorchestrator.cache.CacheTally;
import dev.ciorchestrator.cache.PodCaches;
import dev.ciorchestrator.config.model.JobQuality.Cache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pod cache restore|save} as the pod runs them, on folders standing in for the claim and the
 * workspace: concurrent saves of one key, eviction on the claim, the exit code's rule, and the
 * counts in the termination message.
 */
class PodCacheCommandTest {
  static final String TOOLCHAIN = "kubernetes|golang:1.23";
  static final long FILES = 200;

  @TempDir Path tmp;

  static PodCaches.Request request(List<Cache> caches, long maxBytes) {
    return new PodCaches.Request(
        "demo/app", "unit", TOOLCHAIN, "trusted", caches, maxBytes, Duration.ofDays(7));
  }

  static Cache cache(String name) {
    return new Cache(name, name, "", List.of());
  }

  CliRun pod(String verb, PodCaches.Request request, Path ws, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "pod",
                "cache",
                verb,
                "--request",
                request.toJson(),
                "--claim",
                tmp.resolve("claim").toString(),
                "--workspace",
                ws.toString(),
                "--plan",
                ws.resolveSibling(ws.getFileName() + ".plan").toString(),
                "--message",
                ws.resolveSibling(ws.getFileName() + "." + verb + ".msg").toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** A workspace whose cache folder {@code name} holds {@link #FILES} files, all of {@code tag}. */
  Path workspace(String id, String name, String tag) throws Exception {
    Path ws = Files.createDirectories(tmp.resolve(id));
    Path folder = Files.createDirectories(ws.resolve(name));
    for (int i = 0; i < FILES; i++) {
      Files.writeString(folder.resolve("f" + i), tag.repeat(512));
    }
    return ws;
  }

  Path exited(Path ws, int code) throws Exception {
    Path file = ws.resolveSibling(ws.getFileName() + ".exit");
    Files.writeString(file, code + "\n");
    return file;
  }

  CliRun save(PodCaches.Request request, Path ws, int code) throws Exception {
    return pod("save", request, ws, "--exit-file", exited(ws, code).toString(), "--wait", "5");
  }

  @Test
  void twoConcurrentSavesOfOneKeyLeaveOneWholeVersion() throws Exception {
    PodCaches.Request request = request(List.of(cache("deps")), Long.MAX_VALUE);
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Files.createDirectories(a);
    Files.createDirectories(b);
    assertThat(pod("restore", request, a).exit()).isZero();
    assertThat(pod("restore", request, b).exit()).isZero();
    // the runs fill their (missed, hence empty) cache folders differently
    workspace("a", "deps", "A");
    workspace("b", "deps", "B");
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<CliRun> first = two.submit(() -> saveAfter(start, request, a));
      Future<CliRun> second = two.submit(() -> saveAfter(start, request, b));
      assertThat(first.get(60, TimeUnit.SECONDS).out()).contains("saved=1");
      assertThat(second.get(60, TimeUnit.SECONDS).out()).contains("saved=1");
    } finally {
      two.shutdownNow();
    }

    Path keyDir = tmp.resolve("claim").resolve(key("deps").id());
    try (Stream<Path> versions = Files.list(keyDir)) {
      assertThat(versions.filter(p -> p.getFileName().toString().startsWith("v-"))).hasSize(1);
    }
    Path fresh = Files.createDirectories(tmp.resolve("fresh"));
    assertThat(pod("restore", request, fresh).out()).contains("hits=1");
    try (Stream<Path> files = Files.list(fresh.resolve("deps"))) {
      List<String> contents = files.map(p -> uncheckedRead(p)).distinct().toList();
      assertThat(contents).hasSize(1); // all A or all B, never a mix
      assertThat(contents.get(0)).isIn("A".repeat(512), "B".repeat(512));
    }
    try (Stream<Path> files = Files.list(fresh.resolve("deps"))) {
      assertThat(files).hasSize((int) FILES);
    }
  }

  @Test
  void aFailedJobSavesNothingAndSaysWhy() throws Exception {
    PodCaches.Request request = request(List.of(cache("deps")), Long.MAX_VALUE);
    Path ws = Files.createDirectories(tmp.resolve("w"));
    pod("restore", request, ws);
    workspace("w", "deps", "X");

    CliRun run = save(request, ws, 2);

    assertThat(run.exit()).isZero(); // the run's state is the job's, not the cache's
    assertThat(run.out()).contains("not saved: the job did not succeed (exit code 2)");
    assertThat(tmp.resolve("claim").resolve(key("deps").id())).doesNotExist();
  }

  @Test
  void evictionRemovesTheLeastRecentlyUsedPastTheSize() throws Exception {
    PodCaches.Request all =
        request(List.of(cache("old"), cache("mid"), cache("new")), Long.MAX_VALUE);
    Path ws = Files.createDirectories(tmp.resolve("w"));
    pod("restore", all, ws);
    for (String name : List.of("old", "mid", "new")) {
      workspace("w", name, name.substring(0, 1));
    }
    assertThat(save(all, ws, 0).out()).contains("saved=3");
    Instant now = Instant.now();
    used("old", now.minusSeconds(300));
    used("mid", now.minusSeconds(200));
    used("new", now.minusSeconds(100));
    long oneCache = FILES * 512;

    // any run's restore evicts: this one's limit leaves room for two caches
    Path other = Files.createDirectories(tmp.resolve("other"));
    CliRun run = pod("restore", request(List.of(), 2 * oneCache), other);

    assertThat(run.out()).contains("evicted-by-size=1");
    assertThat(Files.readString(other.resolveSibling("other.restore.msg")))
        .isEqualTo(run.out().strip() + "\n");
    assertThat(tmp.resolve("claim").resolve(key("old").id())).doesNotExist();
    assertThat(tmp.resolve("claim").resolve(key("mid").id())).isDirectory();
    assertThat(tmp.resolve("claim").resolve(key("new").id())).isDirectory();
  }

  @Test
  void aLinkInTheWorkspaceNeverLeadsARestoreOrSaveOntoTheClaim() throws Exception {
    PodCaches.Request request =
        request(List.of(new Cache("gobuild", "", "GOCACHE", List.of())), Long.MAX_VALUE);
    Path trusted = Files.createDirectories(tmp.resolve("claim").resolve("elsewhere"));
    Files.writeString(trusted.resolve("kept"), "trusted");
    Path ws = Files.createDirectories(tmp.resolve("w"));
    // a checkout (or a job) makes the caches' parent folder a link to the claim
    Files.createSymbolicLink(ws.resolve(".ci-cache"), trusted);

    CliRun restore = pod("restore", request, ws);
    Files.createDirectories(trusted.resolve("gobuild"));
    CliRun save = save(request, ws, 0);

    assertThat(restore.out()).contains("hits=0 misses=1");
    assertThat(save.out()).contains("saved=0");
    try (Stream<Path> left = Files.list(trusted)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsOnly("kept", "gobuild");
    }
    assertThat(trusted.resolve("gobuild")).isEmptyDirectory();
  }

  @Test
  void theCountsReadBackFromATerminationMessageWithALogTail() {
    CacheTally tally = new CacheTally();
    tally.hit("r", "j", 10);
    tally.miss("r", "j");
    tally.saved("r", "j", 7);
    tally.evicted(1, 2);

    assertThat(CacheTally.parse("some log\n" + tally.line() + "\n"))
        .isEqualTo(new CacheTally.Counts(1, 1, 10, 1, 7, 1, 2));
    assertThat(CacheTally.parse("caches hits=x")).isEqualTo(CacheTally.Counts.NONE);
    assertThat(CacheTally.parse(null)).isEqualTo(CacheTally.Counts.NONE);
  }

  @Test
  void aBadRequestIsAUsageErrorNamingTheFlag() {
    CliRun run =
        CliRun.of(
            "pod",
            "cache",
            "restore",
            "--request",
            "{\"scope\":\"everyone\"}",
            "--claim",
            "c",
            "--workspace",
            "w",
            "--plan",
            "p");

    assertThat(run.exit()).isEqualTo(Cli.USAGE);
    assertThat(run.err()).contains("pod cache: --request: not a cache request");
  }

  CliRun saveAfter(CyclicBarrier start, PodCaches.Request request, Path ws) throws Exception {
    start.await(30, TimeUnit.SECONDS);
    return save(request, ws, 0);
  }

  static CacheKey key(String name) {
    return new CacheKey("demo/app", name, TOOLCHAIN, "", CacheScope.TRUSTED);
  }

  void used(String name, Instant at) throws Exception {
    Files.setLastModifiedTime(
        tmp.resolve("claim").resolve(key(name).id()).resolve("used"), FileTime.from(at));
  }

  static String uncheckedRead(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
