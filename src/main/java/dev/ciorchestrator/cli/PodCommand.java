package dev.ciorchestrator.cli;

import dev.ciorchestrator.upload.PodEnv;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code pod ...}: the utilities a Kubernetes run's pod runs from the controller's own image
 * ({@code ci.executor.kubernetes.utility-image}) beside the job's container of the user's image:
 * {@code pod upload} (the sidecar that hands back artifacts, reports and the log, settings from its
 * environment), {@code pod fetch} (the init container that downloads the upstream runs' artifacts,
 * {@link PodFetch}) and {@code pod cache restore|save} ({@link PodCacheCommand}). Each tells
 * Kubernetes how it ended through the termination message ({@link PodEnv#MESSAGE}, default {@code
 * /dev/termination-log}).
 */
final class PodCommand {
  private static final String UTILITIES = "pod upload, pod fetch, pod cache restore|save";

  private PodCommand() {}

  static int run(List<String> operands, PrintStream out, PrintStream err) {
    return run(operands, System.getenv(), out, err);
  }

  static int run(List<String> operands, Map<String, String> env, PrintStream out, PrintStream err) {
    if (operands.isEmpty()) {
      return Cli.usageError(err, "pod needs a utility: " + UTILITIES);
    }
    Path message = Path.of(env.getOrDefault(PodEnv.MESSAGE, "/dev/termination-log"));
    List<String> rest = operands.subList(1, operands.size());
    return switch (operands.get(0)) {
      case "upload" ->
          rest.isEmpty()
              ? upload(env, message, out, err)
              : Cli.usageError(err, "pod upload takes no arguments (its settings are env)");
      case "fetch" ->
          rest.isEmpty()
              ? fetch(env, message, out, err)
              : Cli.usageError(err, "pod fetch takes no arguments (its settings are env)");
      case "cache" -> PodCacheCommand.run(rest, message, out, err);
      default -> Cli.usageError(err, "unknown pod utility '" + operands.get(0) + "': " + UTILITIES);
    };
  }

  private static int upload(
      Map<String, String> env, Path message, PrintStream out, PrintStream err) {
    try {
      PodEnv.sidecar(env, Clock.systemUTC()).run();
      out.println("upload complete");
      return Cli.OK;
    } catch (IOException e) {
      return failed(message, err, "upload", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(message, err, "upload", "interrupted");
    }
  }

  private static int fetch(
      Map<String, String> env, Path message, PrintStream out, PrintStream err) {
    try {
      var received = PodFetch.of(env, Clock.systemUTC()).run();
      received.forEach(
          r ->
              out.printf(
                  "fetched $CI_ARTIFACTS/%s/%s (%s, run %s, verified)%n",
                  r.job(), r.path(), r.digest(), r.runId()));
      out.println("fetch complete: " + received.size() + " files");
      return Cli.OK;
    } catch (IOException e) {
      return failed(message, err, "fetch", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(message, err, "fetch", "interrupted");
    }
  }

  private static int failed(Path file, PrintStream err, String utility, String why) {
    String message = utility + " failed: " + why;
    err.println(message);
    try {
      Files.writeString(file, message, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      err.println("(cannot write the termination message to " + file + ": " + e.getMessage() + ")");
    }
    return Cli.FAILED;
  }
}
