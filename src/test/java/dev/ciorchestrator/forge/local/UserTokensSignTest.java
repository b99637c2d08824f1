package dev.ciorchestrator.forge.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signatures keyed by a user's token: the same for the same token, another for any other. */
class UserTokensSignTest {
  private static final byte[] MESSAGE = "session".getBytes(StandardCharsets.UTF_8);

  @Test
  void aSignatureDependsOnTheUsersTokenAndNeverShowsIt() {
    UserTokens tokens = UserTokens.of(Map.of("alice", "token-a", "bob", "token-b"));

    byte[] alice = tokens.sign("alice", MESSAGE).orElseThrow();
    assertThat(alice).hasSize(32);
    assertThat(tokens.sign("alice", MESSAGE))
        .hasValueSatisfying(a -> assertThat(a).isEqualTo(alice));
    assertThat(tokens.sign("bob", MESSAGE).orElseThrow()).isNotEqualTo(alice);
    assertThat(UserTokens.of(Map.of("alice", "token-a2")).sign("alice", MESSAGE).orElseThrow())
        .isNotEqualTo(alice);
    assertThat(new String(alice, StandardCharsets.ISO_8859_1)).doesNotContain("token-a");
    assertThat(tokens.sign("carol", MESSAGE)).isEmpty();
  }
}
