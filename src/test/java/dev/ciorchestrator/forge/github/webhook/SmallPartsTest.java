package dev.ciorchestrator.forge.github.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The replay memory, the bounded body reader and the repository URL comparison. */
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

  @Test
  void aBodyUpToTheLimitIsReadWhole() throws Exception {
    byte[] body = new byte[20_000];
    assertThat(BoundedBody.read(new ByteArrayInputStream(body), 20_000)).hasSize(20_000);
    assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[0]), 10)).isEmpty();
  }

  @Test
  void aLongerBodyIsRefusedAfterReadingOneByteMoreThanTheLimit() {
    CountingStream in = new CountingStream(1_000_000);
    assertThatThrownBy(() -> BoundedBody.read(in, 10_000))
        .isInstanceOf(BoundedBody.TooLargeException.class)
        .hasMessage("body is larger than 10000 bytes");
    assertThat(in.served).isEqualTo(10_001);
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

  /** Serves zeros and counts how many bytes were asked for. */
  private static final class CountingStream extends InputStream {
    private final int size;
    int served;

    CountingStream(int size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (served >= size) {
        return -1;
      }
      served++;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (served >= size) {
        return -1;
      }
      int n = Math.min(len, size - served);
      served += n;
      return n;
    }
  }
}
