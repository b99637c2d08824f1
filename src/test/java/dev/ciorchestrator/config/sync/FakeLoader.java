package dev.ciorchestrator.config.sync;

import dev.ciorchestrator.config.model.ConfigError;
import dev.ciorchestrator.config.model.ConfigFile;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.model.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the YAML loader that keeps sync tests about sync: every line {@code repo: x}
 * becomes a repository, a line {@code bad} an error at its file and line. Counts its loads, and can
 * hold a load until released.
 */
final class FakeLoader implements ConfigSync.Loader {
  private final AtomicInteger loads = new AtomicInteger();
  private volatile CountDownLatch entered = new CountDownLatch(0);
  private volatile CountDownLatch release = new CountDownLatch(0);

  @Override
  public LoadResult load(String revision, List<ConfigFile> files) {
    loads.incrementAndGet();
    entered.countDown();
    await(release);
    List<Repository> repos = new ArrayList<>();
    List<ConfigError> errors = new ArrayList<>();
    for (ConfigFile file : files) {
      String[] lines = new String(file.content(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        SourcePosition at = new SourcePosition(file.path(), i + 1, 1);
        if (lines[i].equals("bad")) {
          errors.add(new ConfigError(at, "kind", "bad line"));
        } else if (lines[i].startsWith("repo: ")) {
          repos.add(repo(lines[i].substring(6), at));
        }
      }
    }
    return errors.isEmpty()
        ? new LoadResult.Loaded(new ConfigSnapshot(revision, repos, List.of(), List.of(), Map.of()))
        : new LoadResult.Failed(revision, errors);
  }

  int loads() {
    return loads.get();
  }

  /** The next load signals {@code entered} and then waits until {@code release} opens. */
  void holdNextLoad(CountDownLatch entered, CountDownLatch release) {
    this.entered = entered;
    this.release = release;
  }

  private static Repository repo(String name, SourcePosition at) {
    return new Repository(
        name, "local", "main", false, MergeMethod.MERGE, List.of(), true, List.of(), at);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test latch never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
