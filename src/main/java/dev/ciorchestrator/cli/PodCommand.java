package dev.ciorchestrator.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code pod ...}: the utilities a Kubernetes run's pod runs from the controller's own image
 * ({@code ci.executor.kubernetes.utility-image}), beside the job's container of the user's image.
 */
final class PodCommand {
  private PodCommand() {}

  static int run(List<String> operands, PrintStream out, PrintStream err) {
    if (operands.isEmpty()) {
      return Cli.usageError(err, "pod needs a utility: cache");
    }
    return switch (operands.get(0)) {
      case "cache" -> PodCacheCommand.run(operands.subList(1, operands.size()), out, err);
      default -> Cli.usageError(err, "unknown pod utility '" + operands.get(0) + "'");
    };
  }
}
