package dev.ciorchestrator.config.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigRepositoryTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "https://github.com/Acme/CI-Config.git, git@github.com:acme/ci-config, true",
    "https://x-access-token:s3cret@github.com/acme/ci-config, https://github.com/acme/ci-config/,"
        + " true",
    "https://github.com/acme/ci-config, https://github.com/acme/ci-config-old, false",
    "https://github.com/acme/ci-config, /srv/git/acme/ci-config, false",
  })
  void urlsCompareWhateverTheirSpelling(String a, String b, boolean same) {
    assertThat(ConfigRepository.same(a, b)).isEqualTo(same);
  }

  @Test
  void aFolderIsTheSameAsItsFileUrlAndAnotherSpellingOfIt() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repos/acme/ci-config.git"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("repos"));

    assertThat(ConfigRepository.same(repo.toString(), repo.toUri().toString())).isTrue();
    assertThat(ConfigRepository.same(repo.toString(), link + "/acme/../acme/ci-config.git"))
        .isTrue();
    assertThat(ConfigRepository.same(repo.toString(), dir.resolve("repos/acme/app.git").toString()))
        .isFalse();
  }
}
