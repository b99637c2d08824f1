package dev.ciorchestrator.executor.container;

import dev.ciorchestrator.executor.process.Stopper;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Stops a run's container on timeout or cancel: {@code <engine> stop -t <grace>} (SIGTERM, then
 * SIGKILL; a shell as PID 1 ignores SIGTERM) and {@code <engine> rm -f}, repeated until the CLI has
 * exited. Repeated, because a cancel can come while the CLI is still creating the container (or
 * pulling its image): a removal before the container exists finds nothing, and the container would
 * start afterwards. Once the CLI is gone (killed, if it never exits) nothing can create the
 * container any more, so one last {@code rm -f} settles it.
 */
final class ContainerStopper implements Stopper {
  private static final Logger LOG = Logger.getLogger(ContainerStopper.class);
  private static final Duration POLL = Duration.ofMillis(200);

  /** Beyond the grace period: time for the engine to create, stop and remove the container. */
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final ContainerEngine engine;
  private final String name;

  ContainerStopper(ContainerEngine engine, String name) {
    this.engine = engine;
    this.name = name;
  }

  @Override
  public CompletableFuture<Void> stop(ProcessHandle cli, Duration grace) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    // its own thread: it blocks on the engine for seconds, and stops are rare
    Thread worker =
        new Thread(
            () -> {
              try {
                stopNow(cli, grace);
              } catch (RuntimeException e) {
                LOG.warnf(e, "stopping container %s failed", name);
              } finally {
                done.complete(null);
              }
            },
            "ci-stop-" + name);
    worker.setDaemon(true);
    worker.start();
    return done;
  }

  /** The engines take whole seconds: a grace is rounded up, never down to no grace at all. */
  static String seconds(Duration grace) {
    return Long.toString(Math.max(0, (grace.toMillis() + 999) / 1000));
  }

  private void stopNow(ProcessHandle cli, Duration grace) {
    String seconds = seconds(grace);
    long deadline = System.nanoTime() + grace.plus(PATIENCE).toNanos();
    do {
      engine.control("stop", "-t", seconds, name);
      engine.control("rm", "-f", name);
    } while (!exited(cli, POLL) && System.nanoTime() < deadline);
    if (cli.isAlive()) {
      LOG.warnf(
          "%s did not exit after its container %s was removed; killing it", engine.command(), name);
      Stopper.PROCESS_TREE.stop(cli, grace).join();
    }
    engine.control("rm", "-f", name);
  }

  private static boolean exited(ProcessHandle cli, Duration wait) {
    try {
      cli.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !cli.isAlive();
    } catch (java.util.concurrent.ExecutionException e) {
      return !cli.isAlive();
    }
  }
}
