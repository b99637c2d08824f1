package dev.ciorchestrator.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code run <job> --repo <path> [--change N | --ref R] [--config <dir>]
 * [--forge-state <file>] [--name <owner/name>] [--artifacts-from <service-url> [--token T]]}.
 *
 * @param change the change number, or 0 when not given
 * @param ref the branch or SHA to test, or null when not given
 * @param name the repository's {@code owner/name} as the config knows it, or null to tell it from
 *     the folder ({@link RepoIdentity})
 * @param artifactsFrom the service whose upstream runs' artifacts the job receives instead of
 *     running the jobs it needs here ({@link RemoteUpstreams}), or null
 * @param token the API token sent to {@code artifactsFrom}, or null for the environment's {@code
 *     CI_ORCHESTRATOR_TOKEN}
 */
record RunOptions(
    String job,
    Path repo,
    long change,
    String ref,
    Path config,
    Path forgeState,
    String name,
    String artifactsFrom,
    String token) {
  static final Path DEFAULT_CONFIG = Path.of("examples/ci-repo");
  static final Path DEFAULT_FORGE_STATE = Path.of(".ci-orchestrator/local-forge.json");

  /** A wrong command line, said in one line. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static RunOptions parse(List<String> operands) throws UsageException {
    String job = null;
    Path repo = null;
    long change = 0;
    String ref = null;
    Path config = DEFAULT_CONFIG;
    Path forgeState = DEFAULT_FORGE_STATE;
    String name = null;
    String artifactsFrom = null;
    String token = null;
    for (int i = 0; i < operands.size(); i++) {
      String arg = operands.get(i);
      switch (arg) {
        case "--repo" -> repo = Path.of(value(operands, ++i, arg));
        case "--change" -> change = number(value(operands, ++i, arg));
        case "--ref" -> ref = value(operands, ++i, arg);
        case "--config" -> config = Path.of(value(operands, ++i, arg));
        case "--forge-state" -> forgeState = Path.of(value(operands, ++i, arg));
        case "--name" -> name = value(operands, ++i, arg);
        case "--artifacts-from" -> artifactsFrom = url(value(operands, ++i, arg));
        case "--token" -> token = value(operands, ++i, arg);
        default -> {
          if (arg.startsWith("-")) {
            throw new UsageException("run: unknown option " + arg);
          }
          if (job != null) {
            throw new UsageException("run takes one job, got '" + job + "' and '" + arg + "'");
          }
          job = arg;
        }
      }
    }
    if (job == null) {
      throw new UsageException("run needs a job name");
    }
    if (repo == null) {
      throw new UsageException("run needs --repo <path>, the Git repository to test");
    }
    if (change != 0 && ref != null) {
      throw new UsageException("run takes --change or --ref, not both");
    }
    if (token != null && artifactsFrom == null) {
      throw new UsageException("run: --token is sent to --artifacts-from, which is not given");
    }
    return new RunOptions(job, repo, change, ref, config, forgeState, name, artifactsFrom, token);
  }

  private static String url(String text) throws UsageException {
    if (!text.startsWith("http://") && !text.startsWith("https://")) {
      throw new UsageException(
          "run: --artifacts-from needs the service's URL (http://host:port), got '" + text + "'");
    }
    return text;
  }

  private static String value(List<String> operands, int i, String option) throws UsageException {
    if (i >= operands.size() || operands.get(i).startsWith("--")) {
      throw new UsageException("run: " + option + " needs a value");
    }
    return operands.get(i);
  }

  private static long number(String text) throws UsageException {
    try {
      long n = Long.parseLong(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new UsageException("run: --change needs a positive change number, got '" + text + "'");
  }
}
