package dev.ciorchestrator.intake;

import java.util.Optional;
import java.util.function.Function;

/**
 * What an endpoint demands of a request before and right after its body is read, so the intake
 * refuses what it can without reading (or without keeping) a byte. A forge's webhook implements it
 * for its path: its signature header is checked before the body, its body limit applies, and it is
 * told of every refusal made for it, to count and log. Endpoints without a rule get the API's.
 */
public interface IntakeRule {
  /** Whether this rule governs requests to {@code path}. */
  boolean governs(String path);

  /** The largest body taken. */
  long maxBodySize();

  /** The setting that sets {@link #maxBodySize()}, named in the 413. */
  String maxBodySizeSetting();

  /** A refusal decided from the request's headers alone; {@code header} is null when absent. */
  default Optional<Refusal> beforeBody(Function<String, String> header) {
    return Optional.empty();
  }

  /** A refusal decided from the whole body (not to be changed), before any handler runs. */
  default Optional<Refusal> afterBody(byte[] body, Function<String, String> header) {
    return Optional.empty();
  }

  /** Told of every refusal the intake answered for this rule (its own included). */
  default void refused(Refusal refusal, Function<String, String> header) {}
}
