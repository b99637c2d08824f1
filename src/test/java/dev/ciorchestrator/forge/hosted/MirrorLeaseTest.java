package dev.ciorchestrator.forge.hosted;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge-queue batch lands on GitLab and Gitea by a Git push leased on the base it was tested on:
 * the branch moves only if it is still there, and a refusal says where it went instead.
 */
class MirrorLeaseTest {
  @TempDir Path dir;
  private RemoteRepo remote;
  private Mirror mirror;

  @BeforeEach
  void setUp() throws Exception {
    remote = new RemoteRepo(dir, "acme/app");
    mirror =
        new Mirror(
            dir.resolve("mirror.git"),
            remote.cloneUrl().replace("{repo}", "acme/app"),
            Mirror.PULL_HEADS,
            "oauth2",
            () -> "");
  }

  @AfterEach
  void tearDown() {
    remote.close();
  }

  @Test
  void aLeasedPushMovesTheBranchOnlyFromTheExpectedTip() throws Exception {
    mirror.ensureHas(List.of(remote.mainSha, remote.featureSha));

    Mirror.Leased pushed = mirror.pushLeased(remote.featureSha, "main", remote.mainSha);

    assertThat(pushed.done()).isTrue();
    assertThat(new FakeGitRemote(remote.bare()).branches())
        .containsEntry("main", remote.featureSha);
  }

  @Test
  void aBranchThatMovedRefusesThePushAndNamesWhereItIs() throws Exception {
    String moved = remote.pushCommit("main", "other.txt", "someone else's push\n");
    mirror.ensureHas(List.of(remote.mainSha, remote.featureSha));

    Mirror.Leased pushed = mirror.pushLeased(remote.featureSha, "main", remote.mainSha);

    assertThat(pushed.done()).isFalse();
    assertThat(pushed.moved()).isTrue();
    assertThat(pushed.tip()).isEqualTo(moved);
    assertThat(new FakeGitRemote(remote.bare()).branches()).containsEntry("main", moved);
  }
}
