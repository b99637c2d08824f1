package dev.ciorchestrator.forge.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactsReaderTest {
  @TempDir Path dir;

  @Test
  void oneReaderForAWholeListingReadsWhatOpeningTheRepositoryPerChangeRead() throws Exception {
    Path bare;
    String clean;
    String conflicting;
    try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
      work.commit("main", TestGitRepo.files("a.txt", "a\n"));
      clean = work.commit("clean", TestGitRepo.files("b.txt", "b\n"));
      conflicting = work.commit("conflicting", TestGitRepo.files("a.txt", "theirs\n"));
      work.commit("main", TestGitRepo.files("a.txt", "ours\n"));
      bare = work.bareClone(dir.resolve("repo.git"));
    }
    String tip = Branches.read(bare).get("main");

    try (FactsReader reader = new FactsReader(bare)) {
      GitFacts first = reader.read(tip, clean);
      GitFacts second = reader.read(tip, conflicting);

      assertThat(first).isEqualTo(GitFacts.read(bare, "main", clean));
      assertThat(second).isEqualTo(GitFacts.read(bare, "main", conflicting));
      assertThat(first.baseSha()).isEqualTo(tip);
      assertThat(first.files()).containsExactly("b.txt");
      assertThat(first.mergeable()).isTrue();
      assertThat(second.files()).containsExactly("a.txt");
      assertThat(second.mergeable()).as("both sides changed a.txt").isFalse();
      assertThat(reader.read(tip, clean)).as("the same (tip, head) is read once").isSameAs(first);
    }
  }

  @Test
  void aMissingHeadOrTipIsAnErrorNamingTheRepository() throws Exception {
    Path bare;
    try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
      work.commit("main", TestGitRepo.files("a.txt", "a\n"));
      bare = work.bareClone(dir.resolve("repo.git"));
    }
    String tip = Branches.read(bare).get("main");
    String nowhere = "0123456789012345678901234567890123456789";

    try (FactsReader reader = new FactsReader(bare)) {
      assertThatThrownBy(() -> reader.read(tip, nowhere))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("head commit '" + nowhere + "' not found in " + bare);
      assertThatThrownBy(() -> reader.read(nowhere, tip))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("target tip '" + nowhere + "' not found");
      assertThatThrownBy(() -> reader.read("main", tip))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("not a commit SHA");
      assertThat(reader.read(tip, tip).files()).as("still usable after a failed read").isEmpty();
    }
  }
}
