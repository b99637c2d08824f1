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
 * environment) and {@code pod cache restore|save} ({@link PodCacheCommand}). Each tells Kubernetes
 * how it ended through the termination message ({@link PodEnv#MESSAGE}, default {@code
 * /dev/termination-log}).
 */
final class PodCommand {
  private static final String UTILITIES = "pod upload, pod cache restore|save";

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
      return failed(message, err, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(message, err, "interrupted");
    }
  }

  private static int failed(Path file, PrintStream err, String why) {
    String message = "upload failed: " + why;
    err.println(message);
    try {
      Files.writeString(file, message, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      err.println("(cannot write the termination message to " + file + ": " + e.getMessage() + ")");
    }
    return Cli.FAILED;
  }
}
