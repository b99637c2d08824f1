package dev.ciorchestrator.executor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Killing a job's whole process tree: SIGTERM to all, then SIGKILL to what is left. */
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
    List<ProcessHandle> tree = snapshot(List.of(root));
    tree.forEach(ProcessHandle::destroy);
    return awaitGone(tree, System.nanoTime() + grace.toNanos())
        .thenCompose(
            ignored -> {
              // whatever survived SIGTERM, and anything it forked meanwhile
              List<ProcessHandle> left = snapshot(tree.stream().filter(h -> !gone(h)).toList());
              left.forEach(ProcessHandle::destroyForcibly);
              return awaitGone(left, System.nanoTime() + grace.toNanos());
            });
  }

  private static List<ProcessHandle> snapshot(List<ProcessHandle> roots) {
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
      // "pid (comm) S ...": comm may contain spaces and parentheses, so look after the last ')'
      int end = stat.lastIndexOf(')');
      return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    } catch (IOException e) {
      // no /proc (not Linux), or it exited just now; isAlive answered for the first case
      return !handle.isAlive();
    }
  }
}
