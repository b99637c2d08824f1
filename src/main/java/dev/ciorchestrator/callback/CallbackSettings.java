package dev.ciorchestrator.callback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Callback deliveries ({@code ci.callbacks.*}). Secrets live only here (or in the environment),
 * never in Git: the config repository's {@code callbacks:} entries name a secret of {@link
 * #secrets()}.
 */
@ConfigMapping(prefix = "ci.callbacks")
public interface CallbackSettings {
  /** A callback for every repository, besides those of the config repository. */
  Optional<String> url();

  /** The secret that signs {@link #url()}'s reports; required with it. */
  Optional<String> secret();

  /** What {@link #url()} hears: {@code run}, {@code gate}. */
  @WithDefault("run,gate")
  List<String> events();

  /** Secrets by the name a {@code callbacks:} entry gives in its {@code secret} field. */
  Map<String, String> secrets();

  /** Attempts per delivery, the first included. */
  @WithDefault("6")
  int maxAttempts();

  /** Wait after the first failed attempt; doubled after each further one. */
  @WithDefault("1s")
  Duration initialBackoff();

  @WithDefault("5m")
  Duration maxBackoff();

  /** For connecting and for the whole answer of one attempt. */
  @WithDefault("10s")
  Duration timeout();

  /** Deliveries queued or waiting to retry; when full, the oldest is dropped. */
  @WithDefault("1000")
  int queueSize();

  /** Threads that send; a slow receiver holds one for up to {@link #timeout()}. */
  @WithDefault("2")
  int workers();
}
