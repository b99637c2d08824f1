package dev.ciorchestrator.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Killing a set of processes for good: SIGTERM to all, then SIGKILL to what is left. */
final class ProcessTree {
  private static final Executor POLL = CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS);

  private ProcessTree() {}

  /**
   * Kills the tree under (and including) {@code root}. Children are listed before anything is
   * signalled: once their parent dies they are re-parented and no longer its descendants.
   *
   * <p>Not caught: a process that daemonizes (double fork, {@code setsid}) before the snapshot is
   * taken. The container executors isolate jobs properly; this one is for trusted repositories.
   */
  static CompletableFuture<Void> kill(ProcessHandle root, Duration grace) {
    return kill(() -> snapshot(List.of(root)), grace);
  }

  /**
   * Kills what {@code members} lists: SIGTERM, up to {@code grace} to go, then SIGKILL to the
   * survivors, their children and whatever {@code members} lists by then (it may have forked
   * meanwhile). Completes once all are gone, or after a second {@code grace}: a process in
   * uninterruptible sleep cannot be waited for forever.
   */
  static CompletableFuture<Void> kill(Supplier<List<ProcessHandle>> members, Duration grace) {
    List<ProcessHandle> first = members.get();
    first.forEach(ProcessHandle::destroy);
    return awaitGone(first, System.nanoTime() + grace.toNanos())
        .thenCompose(
            ignored -> {
              Map<Long, ProcessHandle> left = new LinkedHashMap<>();
              snapshot(first.stream().filter(h -> !gone(h)).toList())
                  .forEach(h -> left.put(h.pid(), h));
              members.get().forEach(h -> left.putIfAbsent(h.pid(), h));
              List<ProcessHandle> rest = List.copyOf(left.values());
              rest.forEach(ProcessHandle::destroyForcibly);
              return awaitGone(rest, System.nanoTime() + grace.toNanos());
            });
  }

  static List<ProcessHandle> snapshot(List<ProcessHandle> roots) {
    List<ProcessHandle> tree = new ArrayList<>();
    for (ProcessHandle root : roots) {
      root.descendants().forEach(tree::add);
      tree.add(root);
    }
    return tree;
  }

  private static CompletableFuture<Void> awaitGone(List<ProcessHandle> tree, long deadlineNanos) {
    if (tree.stream().allMatch(ProcessTree::gone) || System.nanoTime() >= deadlineNanos) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(() -> {}, POLL)
        .thenCompose(ignored -> awaitGone(tree, deadlineNanos));
  }

  /**
   * Dead, or a zombie: a killed orphan is re-parented to PID 1, which in a container (or a VM init
   * that does not reap) may leave it a zombie for a long time. {@link ProcessHandle#isAlive()}
   * calls that alive, yet it runs nothing and holds nothing but its pid.
   */
  static boolean gone(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return true;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
      ProcFs.Stat parsed = ProcFs.parse(handle.pid(), stat);
      return parsed != null && parsed.zombie();
    } catch (IOException e) {
      // no /proc (not Linux), or it exited just now; isAlive answered for the first case
      return !handle.isAlive();
    }
  }
}
