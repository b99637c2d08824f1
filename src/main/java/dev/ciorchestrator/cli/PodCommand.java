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
 * {@code ci-orchestrator pod upload}: the sidecar of a Kubernetes run (docs/kubernetes-executor.md
 * "Artifacts, reports and the log"). Everything comes from its environment; a failure is printed
 * and written as the container's termination message, so the run's record says why.
 */
final class PodCommand {
  private PodCommand() {}

  static int run(List<String> operands, PrintStream out, PrintStream err) {
    return run(operands, System.getenv(), out, err);
  }

  static int run(List<String> operands, Map<String, String> env, PrintStream out, PrintStream err) {
    if (operands.size() != 1 || !operands.get(0).equals("upload")) {
      return Cli.usageError(err, "pod takes one sub-command: pod upload");
    }
    try {
      PodEnv.sidecar(env, Clock.systemUTC()).run();
      out.println("upload complete");
      return Cli.OK;
    } catch (IOException e) {
      return failed(env, err, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(env, err, "interrupted");
    }
  }

  private static int failed(Map<String, String> env, PrintStream err, String why) {
    String message = "upload failed: " + why;
    err.println(message);
    Path file = Path.of(env.getOrDefault(PodEnv.MESSAGE, "/dev/termination-log"));
    try {
      Files.writeString(file, message, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      err.println("(cannot write the termination message to " + file + ": " + e.getMessage() + ")");
    }
    return Cli.FAILED;
  }
}
