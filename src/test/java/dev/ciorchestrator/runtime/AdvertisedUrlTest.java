package dev.ciorchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdvertisedUrlTest {
  @Test
  void theSettingWinsWithoutATrailingSlash() {
    assertThat(AdvertisedUrl.of(Optional.of(" http://ci-a.example.org:8080/ "), "127.0.0.1", 9))
        .isEqualTo("http://ci-a.example.org:8080");
  }

  @Test
  void unsetItIsWhereTheServiceListens() {
    assertThat(AdvertisedUrl.of(Optional.empty(), "127.0.0.1", 8123))
        .isEqualTo("http://127.0.0.1:8123");
    assertThat(AdvertisedUrl.of(Optional.empty(), "::1", 8080)).isEqualTo("http://[::1]:8080");
  }

  @Test
  void listeningEverywhereItIsThisHostsAddressNeverTheWildcard() {
    String url = AdvertisedUrl.of(Optional.empty(), "0.0.0.0", 8080);
    assertThat(url).startsWith("http://").endsWith(":8080").doesNotContain("0.0.0.0");
  }
}
