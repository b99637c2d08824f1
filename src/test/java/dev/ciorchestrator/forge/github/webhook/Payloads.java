package dev.ciorchestrator.forge.github.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The project's own GitHub payloads, under {@code src/test/resources/github/}. */
public final class Payloads {
  private Payloads() {}

  /** {@code name} is the file name without {@code .json}, e.g. {@code pull_request.opened}. */
  public static String text(String name) {
    try (InputStream in = Payloads.class.getResourceAsStream("/github/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no payload github/" + name + ".json");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(String name) {
    return text(name).getBytes(StandardCharsets.UTF_8);
  }
}
