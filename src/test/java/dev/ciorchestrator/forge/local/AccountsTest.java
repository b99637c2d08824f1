package dev.ciorchestrator.forge.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who has which token: settings first, else a file generated once and reused. */
class AccountsTest {
  @TempDir Path dir;

  record Settings(Optional<List<String>> users, Map<String, String> tokens, Path tokensDir)
      implements LocalForgeSettings {
    @Override
    public Path stateFile() {
      return tokensDir.resolveSibling("state.json");
    }

    @Override
    public Path reposDir() {
      return tokensDir.resolveSibling("repos");
    }

    @Override
    public String bot() {
      return "ci-orchestrator";
    }

    @Override
    public String watchInterval() {
      return "off";
    }
  }

  Settings settings(List<String> users, Map<String, String> tokens) {
    return new Settings(Optional.of(users), tokens, dir.resolve("tokens"));
  }

  @Test
  void aUserWithoutATokenSettingGetsAFileOnlyTheServiceMayReadCreatedOnceAndReused()
      throws IOException {
    UserTokens first = Accounts.load(settings(List.of("alice", "Bob"), Map.of()));
    Path alice = dir.resolve("tokens/alice");
    Path bob = dir.resolve("tokens/bob");
    String aliceToken = Files.readString(alice).strip();
    assertThat(aliceToken).matches("cio_[A-Za-z0-9_-]{43}");
    assertThat(Files.readString(bob).strip()).isNotEqualTo(aliceToken);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(alice)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bob)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(alice.getParent())))
        .isEqualTo("rwx------");
    assertThat(first.login(aliceToken)).contains("alice");
    assertThat(first.logins()).containsExactly("alice", "bob");

    UserTokens again = Accounts.load(settings(List.of("alice", "bob"), Map.of()));
    assertThat(Files.readString(alice).strip()).isEqualTo(aliceToken);
    assertThat(again.login(aliceToken)).contains("alice");
    try (var files = Files.list(alice.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("alice", "bob");
    }
  }

  @Test
  void aTokenSettingWinsAndMakesItsLoginAUser() {
    UserTokens tokens =
        Accounts.load(settings(List.of("alice"), Map.of("alice", "given-a", "Erin", "given-e")));
    assertThat(tokens.login("given-a")).contains("alice");
    assertThat(tokens.login("given-e")).contains("erin");
    assertThat(tokens.login("Given-a")).isEmpty();
    assertThat(tokens.login("")).isEmpty();
    assertThat(Files.exists(dir.resolve("tokens"))).as("nothing to generate").isFalse();
  }

  @Test
  void noUsersNoTokens() {
    UserTokens none = Accounts.load(new Settings(Optional.empty(), Map.of(), dir.resolve("t")));
    assertThat(none.logins()).isEmpty();
    assertThat(none.login("anything")).isEmpty();
  }

  @Test
  void aTokenFileOthersMayReadIsRefusedLikeAnSshKey() throws IOException {
    Accounts.load(settings(List.of("alice"), Map.of()));
    Path alice = dir.resolve("tokens/alice");
    Files.setPosixFilePermissions(alice, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> Accounts.load(settings(List.of("alice"), Map.of())))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("ci.forge.local.tokens-dir")
        .hasMessageContaining(alice.toAbsolutePath() + " may be read or changed by others")
        .hasMessageContaining("chmod 600");
  }

  @Test
  void anEmptyTokenFileOrALinkIsRefusedNamingIt() throws IOException {
    Path tokens = Files.createDirectories(dir.resolve("tokens"));
    Files.writeString(tokens.resolve("alice"), "\n");
    Files.setPosixFilePermissions(
        tokens.resolve("alice"), PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> Accounts.load(settings(List.of("alice"), Map.of())))
        .hasMessageContaining(tokens.resolve("alice").toAbsolutePath() + " must hold one token");
    Files.createSymbolicLink(tokens.resolve("bob"), tokens.resolve("alice"));
    assertThatThrownBy(() -> Accounts.load(settings(List.of("bob"), Map.of())))
        .hasMessageContaining("must be a plain file holding a token");
  }

  @Test
  void unusableLoginsAndTokensStopTheStartNamingTheSetting() {
    assertThatThrownBy(() -> Accounts.load(settings(List.of("alice", "CI-Orchestrator"), Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ci.forge.local.users: CI-Orchestrator is the orchestrator's own login"
                + " (ci.forge.local.bot); nobody may act as it");
    assertThatThrownBy(() -> Accounts.load(settings(List.of("../etc"), Map.of())))
        .hasMessage(
            "ci.forge.local.users: '../etc' is not a login (letters, digits, '.', '_', '-')");
    assertThatThrownBy(() -> Accounts.load(settings(List.of(), Map.of("ci-orchestrator", "t"))))
        .hasMessageStartingWith("ci.forge.local.tokens.ci-orchestrator: ");
    assertThatThrownBy(() -> Accounts.load(settings(List.of(), Map.of("alice", "two words"))))
        .hasMessage("ci.forge.local.tokens.alice must be one word without spaces");
    assertThatThrownBy(
            () -> Accounts.load(settings(List.of(), Map.of("alice", "same", "bob", "same"))))
        .hasMessageContaining("have the same token");
    assertThat(Files.exists(dir.resolve("tokens"))).isFalse();
  }
}
