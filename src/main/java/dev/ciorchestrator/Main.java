package dev.ciorchestrator;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public final class Main {
  public static void main(String... args) {
    Quarkus.run(args);
  }
}
