package dev.ciorchestrator;

import dev.ciorchestrator.cli.Cli;
import dev.ciorchestrator.cli.CliMain;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * Entry point of the one jar. {@code serve} (or nothing) starts the Quarkus service; every other
 * command runs as plain Java before Quarkus is touched, so {@code validate} and {@code test} open
 * no port and start no CDI container ({@link CliMain}, which the launcher starts directly).
 */
@QuarkusMain
public final class Main {
  Main() {}

  public static void main(String... args) {
    if (Cli.startsService(args)) {
      Quarkus.run(args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    CliMain.main(args);
  }
}
