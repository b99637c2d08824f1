package dev.ciorchestrator.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The commands that run without the service. Everything goes through {@link #run} with explicit
 * streams and an exit code, so tests drive the real command line in-process.
 */
public final class Cli {
  /** Success. */
  public static final int OK = 0;

  /** The config is invalid, a policy test failed, or the folder could not be read. */
  public static final int FAILED = 1;

  /** The command line itself is wrong. */
  public static final int USAGE = 2;

  static final String USAGE_TEXT =
      """
      usage: ci-orchestrator [command]

        serve            run the service (the default without a command)
        validate <dir>   check every config file under <dir>; print all errors as file:line:col
        test <dir>       validate <dir>, then run the tests: of every policy
        diff <old> <new> [--repo <path>] [--path <folder>]
                         the effective config diff (jobs, policies, repositories, field by field);
                         each side a folder, or a Git revision of --repo (default: here)
        change ...       list, show, open, comment on, review, label or close local forge changes
        run <job> --repo <path> [--change N | --ref R] [--name owner/name]
            [--artifacts-from <service-url> [--token T]]
                         run a job here exactly as CI runs it, on its executor (process or
                         container); only on a repository the job applies to. The jobs it
                         needs run first, or with --artifacts-from their artifacts come from
                         the service's successful runs on the same head (token: --token,
                         else CI_ORCHESTRATOR_TOKEN)
        verify <file | oci-ref> [--key pub.pem] [--provenance f] [--sbom f] [--insecure]
                         check an artifact's signature, provenance and SBOM; print who built
                         it from which commit and config (offline for a file)
        import-store <folder> --url <jdbc-url> [--user <name>]
                         copy a file store (.ci-orchestrator/) into the PostgreSQL store;
                         the password from PGPASSWORD; safe to repeat
        pod upload       the sidecar of a Kubernetes run: waits for the job container, then
                         uploads its artifacts, reports and log (settings from its environment)
        pod fetch        the init container of a Kubernetes run that needs other jobs:
                         downloads their artifacts into $CI_ARTIFACTS, digests verified
        pod cache restore|save ...
                         inside a Kubernetes run's pod (the controller renders it): restore
                         the job's caches from the cache claim, or save them after success
        help             show this text

      exit codes: 0 ok, 1 invalid config, failed policy test or failed verification,
                  2 wrong usage or unreadable input
      """;

  private Cli() {}

  /** Whether these arguments are for the service, which {@link #run} does not handle. */
  public static boolean startsService(String[] args) {
    return args.length == 0 || args[0].equals("serve");
  }

  /**
   * Runs one command.
   *
   * @return the process exit code: {@link #OK}, {@link #FAILED} or {@link #USAGE}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> argv = List.of(args);
    if (argv.isEmpty()) {
      return usage(err, "no command given");
    }
    String command = argv.get(0);
    List<String> operands = argv.subList(1, argv.size());
    if (CommandEngine.LOADING.contains(command)) {
      CommandEngine.prepare();
    }
    return switch (command) {
      case "help", "--help", "-h" -> help(out);
      case "validate" ->
          withFolder(command, operands, err, dir -> ValidateCommand.run(dir, out, err));
      case "test" -> withFolder(command, operands, err, dir -> TestCommand.run(dir, out, err));
      case "diff" -> DiffCommand.run(operands, out, err);
      case "change" -> ChangeCommand.run(operands, out, err);
      case "run" -> RunCommand.run(operands, out, err);
      case "verify" -> VerifyCommand.run(operands, out, err);
      case "import-store" -> ImportStoreCommand.run(operands, out, err);
      case "pod" -> PodCommand.run(operands, out, err);
      case "serve" -> usage(err, "serve starts the service; run it through the jar's main");
      default -> usage(err, "unknown command '" + command + "'");
    };
  }

  private interface FolderCommand {
    int run(Path dir);
  }

  private static int withFolder(
      String command, List<String> operands, PrintStream err, FolderCommand action) {
    if (operands.size() != 1 || operands.get(0).startsWith("-")) {
      return usage(err, command + " takes exactly one folder");
    }
    return action.run(Path.of(operands.get(0)));
  }

  private static int help(PrintStream out) {
    out.print(USAGE_TEXT);
    return OK;
  }

  /** The problem, then the usage text, on {@code err}; the exit code of wrong usage. */
  static int usageError(PrintStream err, String problem) {
    return usage(err, problem);
  }

  private static int usage(PrintStream err, String problem) {
    err.println("ci-orchestrator: " + problem);
    err.print(USAGE_TEXT);
    return USAGE;
  }
}
