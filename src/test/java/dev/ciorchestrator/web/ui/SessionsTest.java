package dev.ciorchestrator.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.forge.local.UserTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signed sessions: only the service can make one, and one ends with its time or its token. */
class SessionsTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  final UserTokens tokens = UserTokens.of(Map.of("alice", "token-a", "bob", "token-b"));

  Sessions at(Instant now, UserTokens with) {
    return new Sessions(with, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(1));
  }

  @Test
  void aSessionNamesItsUserUntilItExpires() {
    String cookie = at(NOW, tokens).issue("bob");

    assertThat(cookie).doesNotContain("token-b");
    assertThat(at(NOW, tokens).verify(cookie)).contains("bob");
    assertThat(at(NOW.plusSeconds(3599), tokens).verify(cookie)).contains("bob");
    assertThat(at(NOW.plusSeconds(3600), tokens).verify(cookie)).isEmpty();
  }

  @Test
  void aChangedNameExpiryOrSignatureIsNoSession() {
    Sessions s = at(NOW, tokens);
    String[] parts = s.issue("bob").split("\\.");
    String alice =
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("alice".getBytes());

    assertThat(s.verify(alice + "." + parts[1] + "." + parts[2])).isEmpty();
    assertThat(s.verify(parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2]))
        .isEmpty();
    assertThat(s.verify(parts[0] + "." + parts[1] + "." + "A".repeat(43))).isEmpty();
    assertThat(s.verify("garbage")).isEmpty();
    assertThat(s.verify("a.1.b")).isEmpty();
    assertThat(s.verify(null)).isEmpty();
  }

  @Test
  void aNewTokenEndsTheUsersSessionsAndAnUnknownUserHasNone() {
    String cookie = at(NOW, tokens).issue("bob");
    UserTokens rotated = UserTokens.of(Map.of("alice", "token-a", "bob", "token-b2"));

    assertThat(at(NOW, rotated).verify(cookie)).isEmpty();
    assertThat(at(NOW, UserTokens.of(Map.of("alice", "token-a"))).verify(cookie)).isEmpty();
  }

  @Test
  void theCsrfTokenBelongsToOneSessionAndIsNotItsSignature() {
    Sessions s = at(NOW, tokens);
    String bob = s.issue("bob");
    String alice = s.issue("alice");
    String csrf = s.csrf("bob", bob);

    assertThat(s.csrfMatches("bob", bob, csrf)).isTrue();
    assertThat(s.csrfMatches("alice", alice, csrf)).isFalse();
    assertThat(s.csrfMatches("bob", bob, null)).isFalse();
    assertThat(s.csrfMatches("bob", bob, bob.split("\\.")[2])).isFalse();
  }
}
