package dev.ciorchestrator.forge.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The replay memory and the repository URL comparison. */
class SmallPartsTest {
  @Test
  void aDeliveryIdPassesOnceAndTheOldestIsForgotten() {
    RecentDeliveries recent = new RecentDeliveries(3);
    assertThat(recent.firstTime("a")).isTrue();
    assertThat(recent.firstTime("a")).isFalse();
    recent.firstTime("b");
    recent.firstTime("c");
    recent.firstTime("d"); // forgets "a"
    assertThat(recent.size()).isEqualTo(3);
    assertThat(recent.firstTime("b")).as("still remembered").isFalse();
    assertThat(recent.firstTime("a")).as("forgotten, so new again").isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "https://github.com/Octo-Org/Hello.git, git@github.com:octo-org/hello.git, true",
    "https://x-access-token:s3cret@github.com/octo-org/hello, git://github.com/octo-org/hello.git,"
        + " true",
    "ssh://git@github.example.com:2222/octo-org/hello.git, https://github.example.com/octo-org/hello/,"
        + " true",
    "https://github.com/octo-org/hello.git, https://github.com/octo-org/hello-world.git, false",
    "https://github.com/octo-org/hello.git, https://gitlab.com/octo-org/hello.git, false",
    "/srv/git/octo-org/hello, /srv/git/octo-org/hello, false",
    "file:///srv/git/octo-org/hello, file:///srv/git/octo-org/hello, false",
    "https://github.com/, https://github.com/, false"
  })
  void repositoryUrlsCompareWhateverTheTransport(String a, String b, boolean same) {
    assertThat(RepoUrls.same(a, b)).isEqualTo(same);
  }
}
