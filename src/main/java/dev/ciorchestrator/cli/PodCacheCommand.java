package dev.ciorchestrator.cli;

import dev.ciorchestrator.cache.CacheTally;
import dev.ciorchestrator.cache.PodCaches;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pod cache restore|save --request <json> --claim <dir> --workspace <dir> --plan <file>
 * [--message <file>]} ({@code save} also {@code --exit-file <file> --wait <seconds>}): a Kubernetes
 * run's caches ({@link PodCaches}). {@code restore} runs as an init container after the checkout;
 * {@code save} beside the job's container, waiting for the exit code the job's wrapper writes, and
 * saving only after a 0. Both write their counts ({@link CacheTally#line()}) to the termination
 * message for the controller's metrics, and exit 0 whatever the caches did: a cache never fails a
 * run.
 */
final class PodCacheCommand {
  private static final Set<String> FLAGS =
      Set.of("--request", "--claim", "--workspace", "--plan", "--message", "--exit-file", "--wait");
  private static final Duration POLL = Duration.ofMillis(200);

  private PodCacheCommand() {}

  /**
   * @param message the termination message's file when {@code --message} does not name one
   */
  static int run(List<String> operands, Path message, PrintStream out, PrintStream err) {
    if (operands.isEmpty() || !Set.of("restore", "save").contains(operands.get(0))) {
      return Cli.usageError(err, "pod cache takes restore or save");
    }
    boolean save = operands.get(0).equals("save");
    Map<String, String> flags = new HashMap<>();
    for (int i = 1; i < operands.size(); i += 2) {
      String flag = operands.get(i);
      if (!FLAGS.contains(flag) || i + 1 >= operands.size()) {
        return Cli.usageError(err, "pod cache: unknown flag or missing value: " + flag);
      }
      flags.put(flag, operands.get(i + 1));
    }
    List<String> needed =
        save
            ? List.of("--request", "--claim", "--workspace", "--plan", "--exit-file", "--wait")
            : List.of("--request", "--claim", "--workspace", "--plan");
    for (String flag : needed) {
      if (!flags.containsKey(flag)) {
        return Cli.usageError(err, "pod cache " + operands.get(0) + " needs " + flag);
      }
    }
    PodCaches.Request request;
    try {
      request = PodCaches.Request.fromJson(flags.get("--request"));
    } catch (IllegalArgumentException e) {
      return Cli.usageError(err, "pod cache: --request: " + e.getMessage());
    }
    Path said = flags.containsKey("--message") ? Path.of(flags.get("--message")) : message;
    CacheTally tally = new CacheTally();
    try {
      PodCaches caches =
          new PodCaches(request, Path.of(flags.get("--claim")), Clock.systemUTC(), tally);
      Path workspace = Path.of(flags.get("--workspace"));
      Path plan = Path.of(flags.get("--plan"));
      if (!save) {
        caches.restore(workspace, plan);
      } else {
        int code = exitCode(Path.of(flags.get("--exit-file")), waitLimit(flags.get("--wait")));
        if (code == 0) {
          caches.save(workspace, plan);
        } else {
          out.println("caches not saved: the job did not succeed (exit code " + code + ")");
        }
      }
    } catch (IOException | RuntimeException e) {
      err.println("caches: " + e);
    }
    return report(tally, said, out, err);
  }

  private static int report(CacheTally tally, Path message, PrintStream out, PrintStream err) {
    out.println(tally.line());
    try {
      Files.writeString(message, tally.line() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("caches: cannot write the termination message " + message + ": " + e);
    }
    return Cli.OK;
  }

  private static Duration waitLimit(String seconds) {
    return Duration.ofSeconds(Long.parseLong(seconds));
  }

  /**
   * The job's exit code, once its wrapper wrote it; -1 when the limit (the Job's deadline, after
   * which the pod is gone anyway) passes first.
   */
  static int exitCode(Path file, Duration limit) throws IOException {
    Instant until = Instant.now().plus(limit);
    while (Instant.now().isBefore(until)) {
      if (Files.isRegularFile(file)) {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (text.matches("-?\\d{1,9}")) {
          return Integer.parseInt(text);
        }
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    return -1;
  }
}
