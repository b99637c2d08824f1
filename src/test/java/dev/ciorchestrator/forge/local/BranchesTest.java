package dev.ciorchestrator.forge.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Branch tips are read again exactly when the refs changed, and many loose refs get packed. */
class BranchesTest {
  @TempDir Path dir;

  private static void setBranch(Path gitDir, String branch, String sha) throws Exception {
    try (Repository repo = Branches.open(gitDir)) {
      RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
      update.setNewObjectId(ObjectId.fromString(sha));
      update.forceUpdate();
    }
  }

  @Test
  void anUnchangedRepositoryIsNotReadAgainAndAnyRefChangeIs() throws Exception {
    try (LocalForgeFixture forge = new LocalForgeFixture(dir)) {
      String feature = forge.push("feature", "f.txt", "1\n");
      // Right after a write the snapshot may be "racily clean" and read again; it settles.
      Map<String, String> first = Branches.read(forge.bare);
      for (int i = 0; i < 100 && Branches.read(forge.bare) != first; i++) {
        Thread.sleep(20);
        first = Branches.read(forge.bare);
      }

      assertThat(Branches.read(forge.bare)).isSameAs(first);

      String main = forge.tip("main");
      setBranch(forge.bare, "topic/nested", main); // a new folder under refs/heads
      assertThat(Branches.read(forge.bare)).containsEntry("topic/nested", main);

      setBranch(forge.bare, "feature", main); // an update of an existing loose ref
      assertThat(Branches.read(forge.bare)).containsEntry("feature", main);
      assertThat(feature).isNotEqualTo(main);
    }
  }

  @Test
  void manyLooseBranchesArePackedAndStillReadRight() throws Exception {
    try (LocalForgeFixture forge = new LocalForgeFixture(dir)) {
      String main = forge.tip("main");
      for (int i = 0; i <= Branches.PACK_LIMIT; i++) {
        setBranch(forge.bare, "b" + i, main);
      }

      Map<String, String> tips = Branches.read(forge.bare);

      assertThat(tips).hasSize(Branches.PACK_LIMIT + 2).containsEntry("b0", main);
      assertThat(Files.exists(forge.bare.resolve("packed-refs"))).isTrue();
      assertThat(Files.exists(forge.bare.resolve("refs/heads/b0")))
          .as("packed, not loose")
          .isFalse();

      String feature = forge.push("feature", "f.txt", "1\n"); // a push over a packed ref
      setBranch(forge.bare, "b0", feature);
      assertThat(Branches.read(forge.bare)).containsEntry("b0", feature);
    }
  }
}
