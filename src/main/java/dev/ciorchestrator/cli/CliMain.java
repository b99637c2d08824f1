package dev.ciorchestrator.cli;

/**
 * The command line without the service: the launcher starts this class on a plain class path (no
 * Quarkus runner, no CDI), which lets the JVM map its classes from a class-data-sharing archive.
 * The jar's own main hands every command but {@code serve} to it, so both answer alike.
 */
public final class CliMain {
  private CliMain() {}

  public static void main(String... args) {
    if (Cli.startsService(args)) {
      System.err.println(
          "ci-orchestrator: this entry point runs commands only; start the service with"
              + " bin/ci-orchestrator serve (or java -jar quarkus-run.jar)");
      System.exit(Cli.USAGE);
    }
    int exit = Cli.run(args, System.out, System.err);
    System.out.flush();
    System.err.flush();
    System.exit(exit);
  }
}
