package dev.ciorchestrator.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The deployment settings' callback: checked at startup, with the setting's name in the error. */
class DeploymentCallbackTest {
  private static CallbackSettings settings(String url, String secret, List<String> events) {
    return new CallbackSettings() {
      @Override
      public Optional<String> url() {
        return Optional.ofNullable(url);
      }

      @Override
      public Optional<String> secret() {
        return Optional.ofNullable(secret);
      }

      @Override
      public List<String> events() {
        return events;
      }

      @Override
      public Map<String, String> secrets() {
        return Map.of();
      }

      @Override
      public int maxAttempts() {
        return 6;
      }

      @Override
      public Duration initialBackoff() {
        return Duration.ofSeconds(1);
      }

      @Override
      public Duration maxBackoff() {
        return Duration.ofMinutes(5);
      }

      @Override
      public Duration timeout() {
        return Duration.ofSeconds(10);
      }

      @Override
      public int queueSize() {
        return 1000;
      }

      @Override
      public int workers() {
        return 2;
      }
    };
  }

  @Test
  void noUrlNoCallback() {
    assertThat(CallbackService.deployment(settings(null, null, List.of("run")))).isEmpty();
  }

  @Test
  void aUrlWithASecretHearsItsEvents() {
    var d = CallbackService.deployment(settings("https://h.example/ci", "s", List.of("gate")));
    assertThat(d).hasValueSatisfying(x -> assertThat(x.events()).containsExactly("gate"));
  }

  @Test
  void badSettingsStopStartupNamingTheSetting() {
    assertThatThrownBy(
            () -> CallbackService.deployment(settings("ftp://h.example/", "s", List.of("run"))))
        .hasMessageStartingWith("ci.callbacks.url: ");
    assertThatThrownBy(
            () -> CallbackService.deployment(settings("https://h.example/", null, List.of("run"))))
        .hasMessageStartingWith("ci.callbacks.secret: ");
    assertThatThrownBy(
            () -> CallbackService.deployment(settings("https://h .example/", "s", List.of("run"))))
        .hasMessageStartingWith("ci.callbacks.url: ");
    assertThatThrownBy(
            () -> CallbackService.deployment(settings("https://h.example/", "s", List.of("push"))))
        .hasMessage("ci.callbacks.events: unknown event 'push' (allowed: run, gate)");
  }
}
